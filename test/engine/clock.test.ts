/**
 * The engine clock (engine/clock.ts): pinned or the system time, and the same instant as an ISO 8601 string, kept
 * while the millisecond lasts; pinned only to whole milliseconds a date can show, from 1970 on.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EngineClock, PINNABLE } from '../../engine/clock.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('the engine clock', () => {
  it('should answer the pinned instant as an ISO string, and the new one after every pin', () => {
    // given
    const clock = new EngineClock();
    clock.pin(Date.parse('2026-12-05T08:30:00.000Z'));

    // then
    expect(clock.nowIso()).toBe('2026-12-05T08:30:00.000Z');
    expect(clock.nowIso()).toBe('2026-12-05T08:30:00.000Z');

    // when
    clock.pin(Date.parse('2026-12-05T08:30:00.001Z'));

    // then
    expect(clock.nowIso()).toBe('2026-12-05T08:30:00.001Z');
    clock.pin(Date.parse('2026-12-04T23:59:59.999Z'));
    expect(clock.nowIso()).toBe('2026-12-04T23:59:59.999Z');
  });

  it('should follow the system time when not pinned, and again after a reset', () => {
    // given
    vi.useFakeTimers({ now: Date.parse('2026-12-05T01:00:00.000Z') });
    const clock = new EngineClock();
    expect(clock.nowIso()).toBe('2026-12-05T01:00:00.000Z');

    // when
    vi.advanceTimersByTime(1);

    // then
    expect(clock.nowIso()).toBe('2026-12-05T01:00:00.001Z');
    clock.pin(Date.parse('2030-01-01T00:00:00.000Z'));
    expect(clock.nowIso()).toBe('2030-01-01T00:00:00.000Z');
    clock.reset();
    expect(clock.nowIso()).toBe('2026-12-05T01:00:00.001Z');
  });

  it('should refuse to be pinned outside the times a date can show from 1970 on, staying where it was', () => {
    // given
    const clock = new EngineClock();
    clock.pin(Date.parse('2026-12-05T08:30:00.000Z'));

    // when / then
    for (const epochMs of [-1, PINNABLE.latest + 1, 9e15, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1.5]) {
      expect(() => clock.pin(epochMs), String(epochMs)).toThrow(
        new RangeError(
          `the engine clock is pinned to epoch milliseconds from 0 (1970-01-01T00:00:00Z) to 8640000000000000 (+275760-09-13T00:00:00Z), not to ${epochMs}`,
        ),
      );
    }
    expect(clock.nowIso()).toBe('2026-12-05T08:30:00.000Z');
    clock.pin(PINNABLE.earliest);
    expect(clock.nowIso()).toBe('1970-01-01T00:00:00.000Z');
    clock.pin(PINNABLE.latest);
    expect(clock.nowIso()).toBe('+275760-09-13T00:00:00.000Z');
  });
});
