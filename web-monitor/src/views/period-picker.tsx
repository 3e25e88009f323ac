/** The period of the figures: today, this week, this month, or a chosen range (kept for the tab's session). */
import { useState } from 'preact/hooks';
import type { PeriodChoice } from '../monitor-api.js';
import type { PeriodKind } from '../monitor-types.js';
import { t } from '../texts.js';

const KEY = 'monitor.period';
const KINDS: PeriodKind[] = ['today', 'week', 'month', 'custom'];

export function usePeriod(): [PeriodChoice, (next: PeriodChoice) => void] {
  const [period, setState] = useState<PeriodChoice>(() => {
    try {
      const stored = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as PeriodChoice | null;
      if (stored && KINDS.includes(stored.kind)) return stored;
    } catch {
      // a damaged entry falls back to this month
    }
    return { kind: 'month' };
  });
  const set = (next: PeriodChoice) => {
    sessionStorage.setItem(KEY, JSON.stringify(next));
    setState(next);
  };
  return [period, set];
}

export function PeriodPicker({ value, onChange }: { value: PeriodChoice; onChange: (next: PeriodChoice) => void }) {
  const [from, setFrom] = useState(value.from ?? '');
  const [to, setTo] = useState(value.to ?? '');
  return (
    <div class="period-picker" role="group" aria-label={t.period.label}>
      {KINDS.filter((kind) => kind !== 'custom').map((kind) => (
        <button key={kind} class={value.kind === kind ? 'selected' : ''} aria-pressed={value.kind === kind} onClick={() => onChange({ kind })}>
          {t.period[kind]}
        </button>
      ))}
      <form
        class="custom-range"
        onSubmit={(event) => {
          event.preventDefault();
          if (from && to) onChange({ kind: 'custom', from, to });
        }}
      >
        <label>
          {t.period.from}
          <input type="date" value={from} onInput={(event) => setFrom((event.target as HTMLInputElement).value)} required />
        </label>
        <label>
          {t.period.to}
          <input type="date" value={to} onInput={(event) => setTo((event.target as HTMLInputElement).value)} required />
        </label>
        <button type="submit" class={value.kind === 'custom' ? 'selected' : ''} aria-pressed={value.kind === 'custom'}>
          {t.period.apply}
        </button>
      </form>
    </div>
  );
}
