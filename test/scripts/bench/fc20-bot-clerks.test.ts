/**
 * The bounded version of bench mode (f): two FC20 cases driven by the real job workers and the bot clerks to
 * their end 已支付 — so the bots' searches, logins and form variables stay valid for the model.
 */
import { describe, expect, it } from 'vitest';
import { fc20GoalMet, measureFc20 } from '../../../scripts/bench/fc20-bot-clerks.js';

describe('bench mode (f)', () => {
  it('should drive FC20 cases to 已支付 with bot clerks and the job workers without an error', async () => {
    // when
    const result = await measureFc20({ cases: 2, inFlight: 2, drainMs: 90_000 });

    // then
    expect(result, result.firstError).toMatchObject({ completed: 2, errors: 0, incidents: 0, unfinished: 0, tasksCompleted: 8 });
    expect(fc20GoalMet(result)).toBe(true);
    expect(result.p95).toBeGreaterThanOrEqual(result.p50);
  }, 240_000);
});
