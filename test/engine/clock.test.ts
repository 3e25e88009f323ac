/**
 * The engine clock (engine/clock.ts): pinned or the system time, and the same instant as an ISO 8601 string, kept
 * while the millisecond lasts.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EngineClock } from '../../engine/clock.js';

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
});
