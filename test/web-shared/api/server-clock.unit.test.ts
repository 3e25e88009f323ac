import { afterEach, describe, expect, it, vi } from 'vitest';
import { ServerClock } from '../../../web-shared/src/api/server-clock.js';

describe('the server clock counted on from its last answer', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('should move on with the PC clock after an answer, and never go before the answer when the PC clock goes back', () => {
    // given a PC clock at 2026-03-02 10:00 Berlin and an answer of the server at 09:30 Xining
    vi.useFakeTimers({ now: Date.parse('2026-03-02T09:00:00Z') });
    const clock = new ServerClock();
    clock.observe('Mon, 02 Mar 2026 01:30:00 GMT');

    // when 5 s pass, then the PC clock is set back to 1970 (a fake clock installed late)
    vi.advanceTimersByTime(5_000);
    const later = clock.now();
    vi.setSystemTime(0);

    // then "now" moved 5 s on, and stays at the server's last answer rather than going to 1970
    expect(new Date(later).toISOString()).toBe('2026-03-02T01:30:05.000Z');
    expect(new Date(clock.now()).toISOString()).toBe('2026-03-02T01:30:00.000Z');
  });
});
