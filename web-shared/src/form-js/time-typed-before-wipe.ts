/**
 * The time a clerk typed into a date-time field's time input, as she typed it, when form-js wiped it: form-js's
 * timepicker reads its text at Enter and as she leaves it, and empties a text it reads no time from ("14", "25:00")
 * — in the same keydown, before the task list's Ctrl+Enter submits (preact redraws between the listeners) —, so
 * the field said nothing of what was wrong and showed an empty time. The text is remembered here, read at the Enter
 * or blur before form-js's own listener (a capture listener on the document), and forgotten at her next input in the
 * field: while the field shows no time, half-typed-date-validation.ts says what was wrong with the one she typed. She
 * empties it herself by coming back to the empty input and leaving it empty: she cannot type over an empty text.
 */
import { HALF_TYPED_CHANGED } from './half-typed-date.js';

const typed = new WeakMap<HTMLInputElement, string>();
/**
 * The text at an Enter, while that key is down: form-js's timepicker floors a time off the field's interval (14:37 to
 * 14:30) in the same keydown, so a submit in it (Ctrl+Enter) read a time she never saw; the field says so instead.
 */
const atEnter = new WeakMap<HTMLInputElement, string>();
/** The inputs she came into while they showed no time (form-js's wipe happens as she leaves, not before). */
const enteredEmpty = new WeakSet<HTMLInputElement>();

/** Starts remembering the time inputs' texts in `document`'s forms; returns the stop. */
export function rememberTimesTyped(): () => void {
  const remember = (event: Event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || !isTimeInput(input)) return;
    if (event.type === 'keydown' && (event as KeyboardEvent).key !== 'Enter') return;
    if (event.type === 'keydown' && input.value.trim() !== '') atEnter.set(input, input.value);
    if (input.value.trim() !== '') typed.set(input, input.value);
    else if (event.type === 'blur' && enteredEmpty.has(input) && typed.delete(input)) {
      // (the field checked again: what it said of the time forgotten goes)
      input.dispatchEvent(new Event(HALF_TYPED_CHANGED, { bubbles: true }));
    }
    if (event.type === 'blur') enteredEmpty.delete(input);
  };
  const entered = (event: Event) => {
    const input = event.target;
    if (input instanceof HTMLInputElement && isTimeInput(input) && input.value.trim() === '') enteredEmpty.add(input);
  };
  const forget = (event: Event) => {
    if (!(event.target instanceof HTMLInputElement) || !isTimeInput(event.target)) return;
    atEnter.delete(event.target);
    if (event.type === 'input') typed.delete(event.target);
  };
  document.addEventListener('keydown', remember, true);
  document.addEventListener('blur', remember, true);
  document.addEventListener('input', forget, true);
  document.addEventListener('keyup', forget, true);
  document.addEventListener('focus', entered, true);
  return () => {
    document.removeEventListener('focus', entered, true);
    document.removeEventListener('keyup', forget, true);
    document.removeEventListener('keydown', remember, true);
    document.removeEventListener('blur', remember, true);
    document.removeEventListener('input', forget, true);
  };
}

/**
 * The text a time input shows, or the one she typed into it that form-js wiped (read at an Enter or her leaving), or,
 * while the Enter is down, the one she typed before form-js rewrote it.
 */
export function timeTextTyped(input: HTMLInputElement): string {
  return atEnter.get(input) ?? (input.value.trim() === '' ? (typed.get(input) ?? '') : input.value);
}

/** (form-js's time inputs: `fjs-form-<form>-<field>[_<index>…]-time`, in a form view) */
function isTimeInput(input: HTMLInputElement): boolean {
  return input.id.startsWith('fjs-form-') && input.id.endsWith('-time') && input.closest('.fjs-form') !== null;
}
