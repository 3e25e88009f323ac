/**
 * The schedule and the bound that the task list's own changes and the monitor's own repairs share
 * (web-shared/src/lag/held-changes.ts): ½, 1½, 3½, 7½ s after a command, then at most the page's gap apart; a bounded
 * schedule ends with a re-read at the bound; a failed load postpones, a new command starts afresh; both pages let a
 * change go at the bound, not a millisecond before or after.
 */
import { describe, expect, it } from 'vitest';
import { HELD_CHANGE_MAX_MS, pastHeldBound, RereadSchedule, rereadGapsUntilBound } from '../../../web-shared/src/lag/held-changes.js';

/** The moments after `start` at which a page ticking every `tick` ms re-reads, until `until`. */
function rereadsOn(schedule: RereadSchedule, start: number, until: number, tick = 250): number[] {
  const taken: number[] = [];
  for (let now = start; now <= until; now += tick) {
    if (!schedule.isDue(now)) continue;
    schedule.take(now);
    taken.push(now - start);
  }
  return taken;
}

describe('held changes', () => {
  it('should re-read ½, 1½, 3½ and 7½ s after a command, then the page’s gap apart', () => {
    // given a command
    const schedule = new RereadSchedule(4_000);
    schedule.start(0);

    // then
    expect(schedule.isDue(499)).toBe(false);
    expect(rereadsOn(schedule, 0, 20_000)).toEqual([500, 1_500, 3_500, 7_500, 11_500, 15_500, 19_500]);
  });

  it('should wait for a postponed re-read, start afresh with a new command, and re-read no more once stopped', () => {
    // given a command and its first re-read
    const schedule = new RereadSchedule(4_000);
    schedule.start(0);
    schedule.take(500);

    // when the load fails, the next re-read waits
    schedule.postpone(15_700);
    expect(schedule.isDue(1_500)).toBe(false);
    expect(schedule.isDue(15_700)).toBe(true);
    // a postponement earlier than the next re-read changes nothing
    schedule.postpone(100);
    expect(schedule.isDue(15_700)).toBe(true);

    // when another command follows, the schedule starts again at ½ s
    schedule.start(16_000);
    expect(rereadsOn(schedule, 16_000, 20_000)).toEqual([500, 1_500, 3_500]);

    // when nothing is held any more
    schedule.stop();
    expect(schedule.isDue(Number.MAX_SAFE_INTEGER)).toBe(false);
  });

  it('should end a bounded schedule with a re-read at the bound', () => {
    // the monitor's repairs: at most 7½ s apart — ½, 1½, 3½, 7½, 15, 22½ and 30 s
    expect(rereadGapsUntilBound(7_500)).toEqual([500, 1_000, 2_000, 4_000, 7_500, 7_500, 7_500]);
    // a gap that does not divide the rest is shortened so that the last re-read still comes at the bound
    const gaps = rereadGapsUntilBound(4_000);
    expect(gaps.slice(0, 5)).toEqual([500, 1_000, 2_000, 4_000, 4_000]);
    expect(gaps.at(-1)).toBe(2_500);
    expect(gaps.reduce((sum, gap) => sum + gap, 0)).toBe(HELD_CHANGE_MAX_MS);
  });

  it('should hold a change until 1 ms before the bound and let it go at the bound, where the bounded schedule re-reads last', () => {
    // given a change made at `since`
    const since = 1_000_000;

    // then it is held up to 1 ms before the bound, and past it at the bound and after
    expect(pastHeldBound(since, since)).toBe(false);
    expect(pastHeldBound(since, since + HELD_CHANGE_MAX_MS - 1)).toBe(false);
    expect(pastHeldBound(since, since + HELD_CHANGE_MAX_MS)).toBe(true);
    expect(pastHeldBound(since, since + HELD_CHANGE_MAX_MS + 1)).toBe(true);
    // and the last re-read of a bounded schedule comes at the moment the change is let go
    const lastReread = since + rereadGapsUntilBound(7_500).reduce((sum, gap) => sum + gap, 0);
    expect(pastHeldBound(since, lastReread)).toBe(true);
  });
});
