/**
 * The end of one load of the task list (web-tasklist/src/load-bound.ts) and what the page shows for it: nothing when a
 * newer load superseded it (a time bound that ran out before included), the Chinese timeout text when it ran out of
 * time, else the error's own problem text; its signal cancels the load's requests either way.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../web-shared/src/api/v2-client.js';
import { LOAD_TIMEOUT_MS, LoadBound } from '../../web-tasklist/src/load-bound.js';

const TIMEOUT_TEXT = '加载超时，请稍后重试或点击刷新';

beforeEach(() => {
  vi.useFakeTimers();
  // (the page's timers: the browser's window)
  vi.stubGlobal('window', globalThis);
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('LoadBound', () => {
  it('should show the error’s own problem text for a load that failed within its time', async () => {
    // given a load whose request the server refused
    const bound = new LoadBound();
    const refused = new ApiError(409, { type: 'about:blank', title: 'Conflict', status: 409, detail: '任务已被他人认领' });

    // when the page asks what to show
    const shown = bound.failure(await bound.bounded(Promise.reject(refused)).catch((error: unknown) => error), TIMEOUT_TEXT);

    // then the problem's own text (Chinese: nothing more under 技术详情), and the load's requests go on uncancelled
    expect(shown).toEqual({ text: '任务已被他人认领' });
    expect(bound.signal.aborted).toBe(false);
    bound.finish();
  });

  it('should end a load that has not answered after LOAD_TIMEOUT_MS with the timeout text and cancel its requests', async () => {
    // given a load whose request never answers
    const bound = new LoadBound();
    const waiting = bound.bounded(new Promise<never>(() => undefined)).catch((error: unknown) => error);

    // when 1 ms short of the bound passes, the load is still under way
    vi.advanceTimersByTime(LOAD_TIMEOUT_MS - 1);
    expect(bound.signal.aborted).toBe(false);

    // when the bound passes
    vi.advanceTimersByTime(1);
    const error = await waiting;

    // then the timeout text, and the signal cancels its requests
    expect(bound.signal.aborted).toBe(true);
    expect(bound.failure(error, TIMEOUT_TEXT)).toEqual({ text: TIMEOUT_TEXT });
  });

  it('should show nothing for a load a newer one superseded, also when it had run out of time before', async () => {
    // given a load that a newer one supersedes while it waits
    const superseded = new LoadBound();
    const waiting = superseded.bounded(new Promise<never>(() => undefined)).catch((error: unknown) => error);
    superseded.supersede();

    // then nothing failed: nothing to show, and its requests are cancelled
    expect(superseded.failure(await waiting, TIMEOUT_TEXT)).toBeUndefined();
    expect(superseded.signal.aborted).toBe(true);

    // given one that ran out of time, then was superseded before the page showed its end
    const late = new LoadBound();
    vi.advanceTimersByTime(LOAD_TIMEOUT_MS);
    late.supersede();

    // then nothing to show either: the newer load speaks for the page now
    expect(late.failure(new DOMException('the load took too long', 'TimeoutError'), TIMEOUT_TEXT)).toBeUndefined();
  });

  it('should no longer time out a load that finished', () => {
    // given a load that answered
    const bound = new LoadBound();
    bound.finish();

    // when the bound passes
    vi.advanceTimersByTime(LOAD_TIMEOUT_MS * 2);

    // then nothing is cancelled
    expect(bound.signal.aborted).toBe(false);
  });
});
