/**
 * Telling an unreachable engine from an answer that refuses the command, and the bounded waits the job runtime
 * takes on the first (register-job-workers.ts). The engine-restart test drives the same code with a killed engine.
 */
import { describe, expect, it } from 'vitest';
import {
  EngineUnreachableError,
  isEngineUnreachable,
  retryWhileEngineUnreachable,
  unreachableReason,
} from '../../../workers/runtime/engine-unreachable.js';

const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8080'), { code: 'ECONNREFUSED' });
const answered = (statusCode: number) => Object.assign(new Error(`Response code ${statusCode}`), { response: { statusCode } });

describe('isEngineUnreachable', () => {
  it('should count refused, reset and timed-out connections and 429, 502, 503, 504, 507 answers', () => {
    // given
    const errors = [
      refused(),
      Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
      Object.assign(new Error('Timeout awaiting request'), { code: 'ETIMEDOUT' }),
      Object.assign(new Error('Socket closed before the connection was established'), { code: 'ERR_SOCKET_CLOSED_BEFORE_CONNECTION' }),
      ...[429, 502, 503, 504, 507].map(answered),
    ];

    // when
    const reasons = errors.map(unreachableReason);

    // then
    expect(reasons).toEqual(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ERR_SOCKET_CLOSED_BEFORE_CONNECTION', 'HTTP 429', 'HTTP 502', 'HTTP 503', 'HTTP 504', 'HTTP 507']);
  });

  it('should find the cause of an error a handler wrapped (fetch puts the socket error on cause)', () => {
    // given
    const wrapped = new TypeError('fetch failed', { cause: new Error('upload failed', { cause: refused() }) });

    // when / then
    expect(unreachableReason(wrapped)).toBe('ECONNREFUSED');
  });

  it('should NOT count answers that refuse the command, nor plain errors', () => {
    // given
    const errors = [answered(400), answered(404), answered(409), answered(500), new Error('银行接口不可用'), 'ECONNREFUSED', null, undefined];

    // when / then
    for (const error of errors) expect(isEngineUnreachable(error)).toBe(false);
  });
});

describe('retryWhileEngineUnreachable', () => {
  it('should call again after doubling waits until the engine answers', async () => {
    // given a call refused three times
    let calls = 0;
    const waits: number[] = [];
    const call = async () => {
      calls++;
      if (calls <= 3) throw refused();
      return 'JOB_ACTION_ACKNOWLEDGEMENT';
    };

    // when
    const result = await retryWhileEngineUnreachable(call, { until: Date.now() + 60_000, firstWaitMs: 5, maxWaitMs: 12, onWait: (_reason, ms) => waits.push(ms) });

    // then
    expect(result).toBe('JOB_ACTION_ACKNOWLEDGEMENT');
    expect(calls).toBe(4);
    expect(waits).toEqual([5, 10, 12]);
  });

  it('should give up with EngineUnreachableError when the next attempt would start after the lock ran out', async () => {
    // given a lock that runs out at 50 ms on a clock that moves only by the waits
    let calls = 0;
    const call = async () => {
      calls++;
      throw answered(503);
    };
    let clock = 0;

    // when
    const attempt = retryWhileEngineUnreachable(call, { until: 50, firstWaitMs: 20, maxWaitMs: 20, now: () => clock, onWait: (_reason, ms) => (clock += ms) });

    // then: attempts at 0, 20 and 40 ms; the next would start at 60
    await expect(attempt).rejects.toThrow(EngineUnreachableError);
    await expect(attempt).rejects.toMatchObject({ reason: 'HTTP 503' });
    expect(calls).toBe(3);
  });

  it('should stop waiting when the workers stop, leaving the job to its lock', async () => {
    // given a call the engine refuses, with long waits
    const stopping = new AbortController();
    let calls = 0;
    const call = async () => {
      calls++;
      throw refused();
    };
    const started = Date.now();

    // when the workers stop during the first wait
    const attempt = retryWhileEngineUnreachable(call, { until: Date.now() + 60_000, firstWaitMs: 10_000, maxWaitMs: 10_000, stopping: stopping.signal, onWait: () => stopping.abort() });

    // then
    await expect(attempt).rejects.toThrow(EngineUnreachableError);
    expect(calls).toBe(2);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('should pass any other error on at once', async () => {
    // given
    let calls = 0;
    const call = async () => {
      calls++;
      throw answered(400);
    };

    // when
    const attempt = retryWhileEngineUnreachable(call, { until: Date.now() + 60_000, firstWaitMs: 5, maxWaitMs: 5, onWait: () => undefined });

    // then
    await expect(attempt).rejects.toMatchObject({ response: { statusCode: 400 } });
    expect(calls).toBe(1);
  });
});
