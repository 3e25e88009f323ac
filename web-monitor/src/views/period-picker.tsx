/** The period of the figures: today, this week, this month, or a chosen range (kept for the tab's session). */
import { useState } from 'preact/hooks';
import { DateInput } from '../../../web-shared/src/dates/date-input.js';
import { checkedRange } from '../../../web-shared/src/dates/date-range.js';
import type { PeriodChoice } from '../monitor-api.js';
import type { PeriodKind } from '../monitor-types.js';
import { t } from '../texts.js';

const KEY = 'monitor.period';
const KINDS: PeriodKind[] = ['today', 'week', 'month', 'custom'];

/** The period chosen last in this tab, else this month (early-requests.ts asks for 首页's figures of it). */
export function storedPeriod(): PeriodChoice {
  try {
    const stored = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as PeriodChoice | null;
    if (stored && KINDS.includes(stored.kind)) return stored;
  } catch {
    // a damaged entry falls back to this month
  }
  return { kind: 'month' };
}

export function usePeriod(): [PeriodChoice, (next: PeriodChoice) => void] {
  const [period, setState] = useState<PeriodChoice>(storedPeriod);
  const set = (next: PeriodChoice) => {
    // the same period chosen again is no new choice: a new object would read the figures again
    if (next.kind === period.kind && next.from === period.from && next.to === period.to) return;
    sessionStorage.setItem(KEY, JSON.stringify(next));
    setState(next);
  };
  return [period, set];
}

export function PeriodPicker({ value, onChange }: { value: PeriodChoice; onChange: (next: PeriodChoice) => void }) {
  const [from, setFrom] = useState(value.from ?? '');
  const [to, setTo] = useState(value.to ?? '');
  // text: what the picker says (missing dates, a backwards range); a text that is no date is said by its field
  const [error, setError] = useState<{ text?: string; fields: ('from' | 'to')[] } | undefined>(undefined);
  const refuse = (text: string | undefined, fields: ('from' | 'to')[]) => {
    setError({ text, fields });
    document.getElementById(`period-${fields[0]}`)?.focus();
  };
  return (
    <div class="period-picker" role="group" aria-label={t.period.label}>
      {KINDS.filter((kind) => kind !== 'custom').map((kind) => (
        <button key={kind} class={value.kind === kind ? 'selected' : ''} aria-pressed={value.kind === kind} onClick={() => onChange({ kind })}>
          {t.period[kind]}
        </button>
      ))}
      <form
        class="custom-range"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!from.trim() || !to.trim()) {
            refuse(t.period.missing, [...(from.trim() ? [] : ['from' as const]), ...(to.trim() ? [] : ['to' as const])]);
            return;
          }
          const range = checkedRange(from, to);
          if ('error' in range) {
            refuse(range.kind === 'order' ? range.error : undefined, range.fields);
            return;
          }
          setError(undefined);
          setFrom(range.from!);
          setTo(range.to!);
          onChange({ kind: 'custom', from: range.from!, to: range.to! });
        }}
      >
        <DateInput id="period-from" label={t.period.from} value={from} onInput={setFrom} invalid={error?.fields.includes('from')} />
        <DateInput id="period-to" label={t.period.to} value={to} onInput={setTo} invalid={error?.fields.includes('to')} />
        <button type="submit" class={value.kind === 'custom' ? 'selected' : ''} aria-pressed={value.kind === 'custom'}>
          {t.period.apply}
        </button>
      </form>
      {error?.text && (
        <p class="period-error error" role="alert">
          {error.text}
        </p>
      )}
    </div>
  );
}
