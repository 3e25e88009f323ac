/**
 * A date field in Chinese whatever the browser's language (a native `<input type="date">` follows the browser and
 * shows an English PC `mm/dd/yyyy`): a text box that takes what staff type (`2026-12-05`, `2026/12/5`,
 * `2026年12月5日`, see {@link isoDateOfText}) and shows it as `2026-12-05`, with flatpickr's calendar beneath in
 * the same Chinese as form-js's date fields. The calendar is flatpickr's inline one in a popup this component opens
 * and closes, so flatpickr never rewrites the text box: a date it cannot read stays as typed, with a Chinese error.
 *
 * The calendar opens on a click or ↓, not on focus: someone typing dates or tabbing through a search form gets
 * no popup over the fields and buttons below. Keyboard: type the date; ↓ opens the calendar at it (arrows move by
 * day and week, Enter picks); Esc closes it back to the text box; Tab leaves the field (the calendar closes), so
 * the tab order stays the form's.
 */
import flatpickr from 'flatpickr';
import 'flatpickr/dist/flatpickr.min.css';
import type { Instance } from 'flatpickr/dist/types/instance.js';
import { useEffect, useRef, useState } from 'preact/hooks';
import { zh } from '../i18n/zh-cn.js';
import { CHINESE_CALENDAR_LOCALE } from './chinese-calendar-locale.js';
import { isoDateOfText } from './date-text.js';

export interface DateInputProps {
  id: string;
  label: string;
  /** The text of the box: an ISO date, '' or what the user is typing. */
  value: string;
  onInput(text: string): void;
  /**
   * Marks the field wrong as the form found it on submitting: a text that is no date then says so below the field
   * even if never left; for other reasons (a from-date after the to-date) the form says why.
   */
  invalid?: boolean;
}

export function DateInput({ id, label, value, onInput, invalid }: DateInputProps) {
  const field = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const popup = useRef<HTMLDivElement>(null);
  const picker = useRef<Instance>();
  const onInputNow = useRef(onInput);
  onInputNow.current = onInput;
  const [open, setOpen] = useState(false);
  const [touched, setTouched] = useState(false);
  const [alignRight, setAlignRight] = useState(false);

  useEffect(() => {
    // flatpickr's own input is a detached element: the text box stays ours, the calendar goes into the popup
    const instance = flatpickr(document.createElement('span'), {
      inline: true,
      appendTo: popup.current!,
      dateFormat: 'Y-m-d',
      ariaDateFormat: 'Y年n月j日',
      locale: CHINESE_CALENDAR_LOCALE,
      onChange: (_dates, text) => {
        if (!text) return;
        onInputNow.current(text);
        setTouched(true);
        setOpen(false);
        input.current?.focus();
      },
    });
    picker.current = instance;
    return () => instance.destroy();
  }, []);

  const iso = isoDateOfText(value);
  useEffect(() => {
    const instance = picker.current;
    if (!instance) return;
    if (iso) instance.setDate(iso, false);
    else instance.clear(false);
  }, [iso]);

  useEffect(() => {
    if (!open) return;
    const box = popup.current!.getBoundingClientRect();
    setAlignRight(box.right > window.innerWidth);
    const outside = (event: PointerEvent) => {
      if (!field.current?.contains(event.target as Node)) close();
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [open]);

  /** Leaving the field: the calendar closes and a date it can read is shown as 2026-12-05. */
  const close = () => {
    setOpen(false);
    setAlignRight(false);
    setTouched(true);
    const text = input.current?.value ?? '';
    const read = isoDateOfText(text);
    if (read && read !== text) onInputNow.current(read);
  };

  const focusDay = () => {
    const days = popup.current!;
    const day = days.querySelector<HTMLElement>('.flatpickr-day.selected') ?? days.querySelector<HTMLElement>('.flatpickr-day.today') ?? days.querySelector<HTMLElement>('.flatpickr-day:not(.prevMonthDay)');
    day?.focus();
  };

  // a text that is no date says so once the user left the field, or when the form found it on submitting
  const wrong = (touched || invalid === true) && value.trim() !== '' && !iso;
  const errorId = `${id}-error`;
  return (
    <div
      ref={field}
      class="date-field"
      onFocusOut={(event) => {
        const next = event.relatedTarget as Node | null;
        if (next && !field.current?.contains(next)) close();
      }}
    >
      <label for={id}>{label}</label>
      <span class="date-input">
        <input
          ref={input}
          id={id}
          type="text"
          autoComplete="off"
          spellcheck={false}
          placeholder={zh.dates.placeholder}
          title={zh.dates.hint}
          size={11}
          value={value}
          aria-invalid={wrong || invalid ? 'true' : undefined}
          aria-describedby={wrong ? errorId : undefined}
          onInput={(event) => {
            setTouched(false);
            onInput((event.target as HTMLInputElement).value);
          }}
          onClick={() => setOpen(true)}
          onKeyDown={(event) => {
            if (event.key === 'ArrowDown') {
              event.preventDefault();
              setOpen(true);
              requestAnimationFrame(focusDay);
            } else if (event.key === 'Escape' && open) {
              event.stopPropagation();
              close();
            } else if (event.key === 'Enter' || event.key === 'Tab') {
              close();
            }
          }}
        />
        <div
          ref={popup}
          class={`date-input-calendar${alignRight ? ' align-right' : ''}`}
          role="group"
          aria-label={zh.dates.calendar}
          hidden={!open}
          onKeyDown={(event) => {
            if (event.key === 'Escape' || (event.key === 'Tab' && event.shiftKey)) {
              event.preventDefault();
              event.stopPropagation();
              input.current?.focus();
              close();
            }
          }}
        />
      </span>
      {wrong && (
        <span id={errorId} class="date-input-error error" role="alert">
          {zh.dates.invalid(value.trim())}
        </span>
      )}
    </div>
  );
}
