/**
 * A form's date field holding a half-typed or impossible date (half-typed-date.ts) is marked wrong — 请输入完整日期，
 * 如 2026/12/7, or 日期不存在：2026年2月没有30日，请核对; a date with a time and zone after it, 请只填写日期，如 2026/12/7
 * （不含时间和时区） — under the field and in the errors `form.submit()` returns, so
 * the form is not submitted without the date she meant to give: form-js's `validator` decorated (as
 * chinese-validation.ts), the field's error this one alone while its text is no date (a required field's 此项为必填项
 * is no news beside it); and the field checked again as soon as its text became, changed or stopped being one
 * (form-js checks a field when its value changes, and a kept text changes none). A date the field had stays the
 * form's meanwhile, and the message says so (原日期 2026/3/2 仍保留，未改动): she sees that the date she overtyped is
 * still the one sent. The date's input is marked `aria-invalid` while the field has errors (form-js marks its other
 * inputs, not the date's); the message itself is read out by form-js's error list under the field, a polite live
 * region. A date she typed is the form's before `submit()` reads its data, even in the keydown that ended it (the
 * task list's Ctrl+Enter straight from the field): form-js takes it only after the next paint.
 *
 * A date-time field (subtype datetime) is checked and taken the same way: its day as a date field's, its time of day
 * — 请输入完整时间，如 14:30, or 时间不存在 — by the project's own reading (time-text.ts), and both made its value
 * at the submit as form-js would (date-time-value.ts). A whole date the field's calendar does not allow (a passed
 * day where passed days are not taken) is kept and marked with the days it does take (date-outside-range.ts).
 *
 * What this relies on in @bpmn-io/form-js-viewer 1.23.0 (form-js-version.unit.test.ts): a date field's input id is
 * `fjs-form-<form's _id>-<field id>[_<index>…]-date` (form-js's prefixId, not exported); the injector's `form`,
 * `formFieldRegistry`, `formFieldInstanceRegistry` and `viewerCommands.updateFieldInstanceValidation`; the form's
 * `presubmit` event and `_update`, and flatpickr's instance as the input's `_flatpickr`.
 */
import { dateTextParts, isoDateOfText } from '../dates/date-text.js';
import { minutesOfTimeText, timeTextProblem } from '../dates/time-text.js';
import { dayShown, isoOfDay, outsideRangeMessage, type FieldCalendar } from './date-outside-range.js';
import { writtenTextOf } from './date-texts-shown.js';
import { dateTimeValue, timeIntervalOf } from './date-time-value.js';
import { isFixed, writtenValueMessage } from './date-values-read.js';
import { dateTextProblem, HALF_TYPED_CHANGED } from './half-typed-date.js';
import { rememberTimesTyped, timeTextTyped } from './time-typed-before-wipe.js';

export const HALF_TYPED_DATE_MESSAGE = '请输入完整日期，如 2026/12/7';
export const IMPOSSIBLE_DATE_MESSAGE = '日期不存在，请核对';
export const DATE_ONLY_MESSAGE = '请只填写日期，如 2026/12/7（不含时间和时区）';
export const HALF_TYPED_TIME_MESSAGE = '请输入完整时间，如 14:30';
export const IMPOSSIBLE_TIME_MESSAGE = '时间不存在，请核对（小时 0–23，分钟 0–59）';

/** The message for a date-time field's time text that is no time (time-text.ts), or undefined. */
export function timeTextMessage(text: string): string | undefined {
  const problem = timeTextProblem(text);
  return problem === undefined ? undefined : problem === 'incomplete' ? HALF_TYPED_TIME_MESSAGE : IMPOSSIBLE_TIME_MESSAGE;
}

/**
 * The message for a time typed off the field's interval (14:37 where times go by 15 minutes), or undefined: form-js
 * floors it when she leaves the field, visibly, but a submit from the field (Ctrl+Enter) would floor it unseen, so
 * that submit is refused with this. form-js floors the field's text in the same keydown, and the message stays under
 * it: it names the time the field shows by then (in form-js's writing, `use24h` or not), for her to check.
 */
export function offIntervalMessage(text: string, interval: number, use24h = true): string | undefined {
  const minutes = minutesOfTimeText(text);
  if (minutes === undefined || minutes % interval === 0) return undefined;
  return `时间须为 ${interval} 分钟的整数倍，已调整为 ${timeShown(minutes - (minutes % interval), use24h)}，请核对后再提交`;
}

/** `minutes` after midnight as form-js's timepicker writes them: 14:30, or 02:30 PM without `use24h`. */
function timeShown(minutes: number, use24h: boolean): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const hour = Math.floor(minutes / 60);
  const minute = minutes % 60;
  return use24h ? `${pad(hour)}:${pad(minute)}` : `${pad(hour % 12 || 12)}:${pad(minute)} ${hour >= 12 ? 'PM' : 'AM'}`;
}

/** The message for a date field's text that is no date, with the date the field keeps meanwhile (ISO, or none). */
export function dateTextMessage(text: string, kept: unknown): string | undefined {
  const problem = dateTextProblem(text);
  if (!problem) return undefined;
  return withKeptDate(problem === 'incomplete' ? HALF_TYPED_DATE_MESSAGE : problem === 'more' ? DATE_ONLY_MESSAGE : impossibleDateMessage(text), kept);
}

/**
 * `message` with the date the field keeps meanwhile (ISO, or none): she sees that the old date is still the one sent.
 * Not when the field shows that date (`shown`, ISO): a day the calendar no longer allows, picked before midnight.
 */
function withKeptDate(message: string, kept: unknown, shown?: string): string {
  const old = typeof kept === 'string' ? /^\d{4}-\d{2}-\d{2}/.exec(kept) : null;
  return old && old[0] !== shown ? `${message}（原日期 ${dayShown(old[0])} 仍保留，未改动）` : message;
}

/** 日期不存在, and why where it is plain: the month has no such day, the year no such month, the year is not taken. */
function impossibleDateMessage(text: string): string {
  const { year, month, day } = dateTextParts(text)!;
  if (year < 1900 || year > 2199) return `${IMPOSSIBLE_DATE_MESSAGE}（年份应在 1900 至 2199 之间）`;
  if (month < 1 || month > 12) return `日期不存在：没有${month}月，请核对`;
  return `日期不存在：${year}年${month}月没有${day}日，请核对`;
}

export interface FieldInstance {
  id: string;
  valuePath: (string | number)[];
  indexes?: Record<string, number>;
}

interface Field {
  type?: string;
  subtype?: string;
  disabled?: unknown;
  readonly?: unknown;
  timeInterval?: unknown;
  timeSerializingFormat?: unknown;
  use24h?: unknown;
}

interface Validator {
  validateFieldInstance(fieldInstance: FieldInstance, value: unknown): string[];
}

interface FormLike {
  _id: string;
  _getState(): { data: Record<string, unknown> };
  _update(update: { field: Field; fieldInstance: FieldInstance; indexes?: Record<string, number>; value: unknown }): void;
}

export class HalfTypedDateValidation {
  static $inject = ['validator', 'form', 'formFieldRegistry', 'formFieldInstanceRegistry', 'viewerCommands', 'eventBus'];

  constructor(
    validator: Validator,
    private readonly form: FormLike,
    private readonly fields: { get(id: string): Field | undefined },
    private readonly instances: { getAllKeyed(): FieldInstance[] },
    private readonly commands: { updateFieldInstanceValidation(fieldInstance: FieldInstance, value: unknown): void },
    eventBus: { on(event: string, callback: () => void): void },
  ) {
    const original = validator.validateFieldInstance.bind(validator);
    validator.validateFieldInstance = (fieldInstance, value) => {
      const errors = original(fieldInstance, value);
      const input = this.dateInputOf(fieldInstance);
      if (!input) return errors;
      const outside = this.rangeMessageOf(input);
      // (a value another system wrote that is no date, shown as it was written: date-values-read.ts)
      // (in a field she cannot change, shown with no message: nothing she could do about it would let the form go)
      const field = this.fields.get(fieldInstance.id);
      const written = writtenTextOf(input, value);
      // (fixed by an expression too, `readonly: "=…"`: the input says so)
      if (written !== undefined && (isFixed(field ?? {}) || input.readOnly || input.disabled)) return errors;
      const message =
        (written !== undefined ? writtenValueMessage(written, field?.subtype) : undefined) ??
        dateTextMessage(input.value, value) ??
        (outside && withKeptDate(outside, value, isoDateOfText(input.value))) ??
        this.timeMessageOf(fieldInstance);
      const shown = message ? [message] : errors;
      if (shown.length > 0) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
      return shown;
    };
    const checkAgain = (event: Event) => this.checkAgain(event.target);
    document.addEventListener(HALF_TYPED_CHANGED, checkAgain);
    // (a time form-js wiped is said wrong as she typed it: time-typed-before-wipe.ts)
    const stopRemembering = rememberTimesTyped();
    eventBus.on('form.destroy', () => {
      document.removeEventListener(HALF_TYPED_CHANGED, checkAgain);
      stopRemembering();
    });
    eventBus.on('presubmit', () => this.takeTypedDates());
  }

  /**
   * Each date field's date as its calendar holds it made the form's before `submit()` reads the data: form-js takes
   * a date from its calendar only in an effect after the next paint, so a submit in the keydown that read it — the
   * task list's Ctrl+Enter straight from the field, flatpickr's Enter read first (its listener is on the document,
   * the shortcut's on the window) — sent the date the field had before, or none. A text the calendar has not read
   * yet (a date, or the field emptied) is read now, as at Enter; a text that is no date is left alone: the field
   * says what is wrong, and the date it had stays the form's.
   */
  private takeTypedDates(): void {
    for (const fieldInstance of this.instances.getAllKeyed()) {
      const field = this.fields.get(fieldInstance.id);
      const input = this.dateInputOf(fieldInstance);
      const calendar = (input as (HTMLInputElement & { _flatpickr?: FieldCalendar }) | null)?._flatpickr;
      // (a field she cannot type in keeps its value as it came)
      if (!field || field.disabled === true || !input || !calendar || input.readOnly || input.disabled) continue;
      const text = input.value;
      const iso = isoDateOfText(text);
      if (text.trim() !== '' && iso === undefined) continue;
      // (a day the calendar does not allow stays her text, the field says which it takes: date-outside-range.ts)
      if (iso !== undefined && outsideRangeMessage(iso, calendar)) continue;
      if ((iso ?? null) !== dayTaken(calendar.selectedDates[0])) calendar.setDate(text, true, calendar.config.dateFormat);
      const taken = dayTaken(calendar.selectedDates[0]);
      const value = this.valueOf(fieldInstance);
      if (field.subtype === 'datetime') {
        this.takeTypedDateTime(field, fieldInstance, taken, value);
        continue;
      }
      const shown = dayOfValue(value);
      // (the day the field showed for its value, or a value it shows no day for and none taken: nothing she changed —
      // a value written otherwise by a system goes on as it came)
      if (taken === shown || (shown === undefined && taken === null)) continue;
      this.form._update({ field, fieldInstance, indexes: fieldInstance.indexes, value: taken });
    }
  }

  /**
   * A date-time field's day and time as typed made its value (date-time-value.ts), as form-js makes it only after
   * the next paint: a day with a time, or none when both are emptied; a time that is no time leaves the value alone
   * (the field says what is wrong), and so does a day or a time alone, as form-js does (日期和时间须同时填写).
   */
  private takeTypedDateTime(field: Field, fieldInstance: FieldInstance, taken: string | null, value: unknown): void {
    const timeInput = this.timeInputOf(fieldInstance);
    const timeText = timeInput ? timeTextTyped(timeInput) : '';
    // (a time off the field's interval is not floored unseen: the field says so)
    if (timeTextMessage(timeText) || offIntervalMessage(timeText, timeIntervalOf(field), field.use24h === true)) return;
    const minutes = minutesOfTimeText(timeText);
    let typed: string | null;
    if (taken !== null && minutes !== undefined) typed = dateTimeValue(field, taken, minutes);
    else if (taken === null && minutes === undefined) typed = null;
    else return;
    if (typed === (value === undefined || value === '' ? null : value)) return;
    this.form._update({ field, fieldInstance, indexes: fieldInstance.indexes, value: typed });
  }

  /** The message for a date field's text that is a day its calendar does not allow, naming the days it does. */
  private rangeMessageOf(input: HTMLInputElement): string | undefined {
    const iso = isoDateOfText(input.value);
    return iso === undefined ? undefined : outsideRangeMessage(iso, (input as HTMLInputElement & { _flatpickr?: FieldCalendar })._flatpickr);
  }

  /** The message for the time text of a date-time field's instance that is no time (a date field: none). */
  private timeMessageOf(fieldInstance: FieldInstance): string | undefined {
    const input = this.timeInputOf(fieldInstance);
    if (!input) return undefined;
    const text = timeTextTyped(input);
    const field = this.fields.get(fieldInstance.id) ?? {};
    return timeTextMessage(text) ?? offIntervalMessage(text, timeIntervalOf(field), field.use24h === true);
  }

  private valueOf(fieldInstance: FieldInstance): unknown {
    return fieldInstance.valuePath.reduce<unknown>((at, key) => (at as Record<string | number, unknown> | undefined)?.[key], this.form._getState().data);
  }

  /** The text input of a date field's instance in this form, if it is one. */
  dateInputOf(fieldInstance: FieldInstance): HTMLInputElement | null {
    const field = this.fields.get(fieldInstance.id);
    if (field?.type !== 'datetime' || field.subtype === 'time') return null;
    return document.getElementById(`${this.domIdOf(fieldInstance)}-date`) as HTMLInputElement | null;
  }

  /** The time input of a date-time field's instance (subtype datetime) in this form, if it is one. */
  private timeInputOf(fieldInstance: FieldInstance): HTMLInputElement | null {
    if (this.fields.get(fieldInstance.id)?.subtype !== 'datetime') return null;
    return document.getElementById(`${this.domIdOf(fieldInstance)}-time`) as HTMLInputElement | null;
  }

  /** form-js's id of a field instance's inputs, without their `-date` / `-time`. */
  private domIdOf(fieldInstance: FieldInstance): string {
    const indexes = Object.values(fieldInstance.indexes ?? {})
      .map((index) => `_${index}`)
      .join('');
    return `fjs-form-${this.form._id}-${fieldInstance.id}${indexes}`;
  }

  /**
   * The field whose date input `target` is, checked again with its value (a field of another form: none) — or with
   * the date now in it: the calendar took it, and form-js takes it into its data only after the next paint; checked
   * with the value until then, an empty required field said 此项为必填项 for that moment.
   */
  private checkAgain(target: EventTarget | null): void {
    // (a date-time field's time input too: a time remembered as typed forgotten, time-typed-before-wipe.ts)
    const fieldInstance = this.instances.getAllKeyed().find((instance) => this.dateInputOf(instance) === target || this.timeInputOf(instance) === target);
    if (!fieldInstance) return;
    const typed = this.fields.get(fieldInstance.id)?.subtype === 'date' ? isoDateOfText((target as HTMLInputElement).value) : undefined;
    this.commands.updateFieldInstanceValidation(fieldInstance, typed ?? this.valueOf(fieldInstance));
  }
}

/**
 * The day a date field shows for the form's `value`, null for none, undefined for a value it shows no day for (a
 * string such as 2026-3-2, which form-js's import keeps and its field, once set up, empties: not emptied here).
 */
function dayOfValue(value: unknown): string | null | undefined {
  if (value === null || value === undefined || value === '') return null;
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined;
}

/** The ISO date of a calendar's day (form-js's own writing of it: the local day), null for none. */
function dayTaken(day: Date | undefined): string | null {
  return isoOfDay(day) ?? null;
}
