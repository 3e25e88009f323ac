/**
 * A time of day as staff type it into a form's date-time field: `14:30`, `9:05`, `14：30` (an input method's colon),
 * full-width digits, or form-js's own 12-hour writing `02:30 PM`. Read strictly, unlike form-js's timepicker, which
 * takes the first two numbers of any text and empties the field when they make no time: "14" or "14:" is half typed,
 * "25:00" no time, and either is said so rather than guessed or wiped (half-typed-date-validation.ts).
 */
const TWENTY_FOUR = /^(\d{1,2})\s*[:：]\s*(\d{2})$/;
const TWELVE = /^(\d{1,2})\s*[:：]\s*(\d{2})\s*(am|pm)$/i;

/** The minutes after midnight of a typed time, or undefined when it is none (half typed, or not on the clock). */
export function minutesOfTimeText(text: string): number | undefined {
  const written = text.normalize('NFKC').trim();
  const twelve = TWELVE.exec(written);
  if (twelve) {
    const [hour, minute] = [Number(twelve[1]), Number(twelve[2])];
    if (hour < 1 || hour > 12 || minute > 59) return undefined;
    return ((hour % 12) + (twelve[3]!.toLowerCase() === 'pm' ? 12 : 0)) * 60 + minute;
  }
  const match = TWENTY_FOUR.exec(written);
  if (!match) return undefined;
  const [hour, minute] = [Number(match[1]), Number(match[2])];
  return hour > 23 || minute > 59 ? undefined : hour * 60 + minute;
}

/**
 * What is wrong with a time field's text: `incomplete` — no hour and minutes ("14", "14:") —, `impossible` — an
 * hour and minutes not on the clock ("25:00", "14:75") —, undefined for a time or an empty field.
 */
export function timeTextProblem(text: string): 'incomplete' | 'impossible' | undefined {
  if (text.trim() === '' || minutesOfTimeText(text) !== undefined) return undefined;
  const written = text.normalize('NFKC').trim();
  return TWENTY_FOUR.test(written) || TWELVE.test(written) ? 'impossible' : 'incomplete';
}
