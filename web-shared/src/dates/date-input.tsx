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
 *
 * flatpickr and its Chinese texts load, and the calendar is built, when a calendar first opens: a page with date
 * fields (首页's period picker) shows without waiting for either. Its styles come with the page (esbuild does not
 * load the CSS of a lazy chunk). When they fail to load (a network cut, a new version deployed while the page was
 * open), the popup says in Chinese to type the date or reload the page: Chromium keeps a failed `import()` for the
 * rest of the page's life, so asking again before a reload would fail the same way.
 */
import 'flatpickr/dist/flatpickr.min.css';
import type { Instance } from 'flatpickr/dist/types/instance.js';
import { useEffect, useRef, useState } from 'preact/hooks';
import { zh } from '../i18n/zh-cn.js';
import { isoDateOfText } from './date-text.js';

// (a failure is kept, not retried: the browser would answer the same until the page is reloaded)
let loadingCalendar: Promise<[typeof import('flatpickr'), typeof import('./chinese-calendar-locale.js')]> | undefined;
const loadCalendar = () => (loadingCalendar ??= Promise.all([import('flatpickr'), import('./chinese-calendar-locale.js')]));

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
  /** The calendar's code could not be loaded: the popup says so, the text box still takes dates. */
  const [failed, setFailed] = useState(false);
  /** ↓ asked for a day before the calendar was built: it takes the focus once it is. */
  const focusWhenBuilt = useRef(false);

  const iso = isoDateOfText(value);
  const isoNow = useRef(iso);
  isoNow.current = iso;

  useEffect(() => {
    if (!open || picker.current) return;
    let cancelled = false;
    loadCalendar().then(
      ([{ default: flatpickr }, { CHINESE_CALENDAR_LOCALE }]) => {
        if (cancelled || picker.current || !popup.current) return;
        // flatpickr's own input is a detached element: the text box stays ours, the calendar goes into the popup
        picker.current = flatpickr(document.createElement('span'), {
          inline: true,
          appendTo: popup.current,
          dateFormat: 'Y-m-d',
          ariaDateFormat: 'Y年n月j日',
          locale: CHINESE_CALENDAR_LOCALE,
          defaultDate: isoNow.current,
          onChange: (_dates, text) => {
            if (!text) return;
            onInputNow.current(text);
            setTouched(true);
            setOpen(false);
            input.current?.focus();
          },
        });
        place();
        if (focusWhenBuilt.current) focusDay();
      },
      () => {
        if (cancelled) return;
        focusWhenBuilt.current = false;
        setFailed(true);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [open]);

  useEffect(() => () => picker.current?.destroy(), []);

  useEffect(() => {
    const instance = picker.current;
    if (!instance) return;
    if (iso) instance.setDate(iso, false);
    else instance.clear(false);
  }, [iso]);

  /** The calendar opens to the left where it would leave the screen on the right. */
  const place = () => {
    const box = popup.current!.getBoundingClientRect();
    setAlignRight(box.right > window.innerWidth);
  };

  useEffect(() => {
    if (!open) return;
    place();
    const outside = (event: PointerEvent) => {
      if (!field.current?.contains(event.target as Node)) close();
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [open]);

  /** Leaving the field: the calendar closes and a date it can read is shown as 2026-12-05. */
  const close = () => {
    focusWhenBuilt.current = false;
    setOpen(false);
    setAlignRight(false);
    setTouched(true);
    const text = input.current?.value ?? '';
    const read = isoDateOfText(text);
    if (read && read !== text) onInputNow.current(read);
  };

  const focusDay = () => {
    focusWhenBuilt.current = false;
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
              if (picker.current) requestAnimationFrame(focusDay);
              else if (!failed) focusWhenBuilt.current = true;
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
        >
          {failed && (
            <p class="date-input-calendar-failed" role="status">
              {zh.dates.calendarFailed}
            </p>
          )}
        </div>
      </span>
      {wrong && (
        <span id={errorId} class="date-input-error error" role="alert">
          {zh.dates.invalid(value.trim())}
        </span>
      )}
    </div>
  );
}
