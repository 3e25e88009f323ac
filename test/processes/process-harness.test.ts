/**
 * The path-test harness on a fixture model in the shape the conventions prescribe (lanes, compute-deadline,
 * reminder and escalation timers): it deploys, runs the real workers, pins the clock, checks candidate groups,
 * and reports incidents and wrong end events instead of timing out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProcessHarness, type ProcessHarness } from '../support/process-harness.js';

let h: ProcessHarness;

beforeAll(async () => {
  h = await startProcessHarness({ folders: ['test/processes/fixtures/bpmn'] });
});

afterAll(() => h?.stop());

describe('process harness', () => {
  it('should drive the happy path to its end event', async () => {
    // given
    const pi = await h.start('harness-fixture', { acceptedAt: '2026-03-02' });

    // when
    await h.complete(pi, 'firstReview', { as: 'window-first-review', variables: { firstReviewDecision: 'approved' } });

    // then
    await h.expectEnded(pi, ['endApproved']);
    expect(await h.variables(pi)).toMatchObject({ deadlineDate: '2026-03-09', firstReviewDecision: 'approved' });
  });

  it('should refuse a task completed by a group it does not belong to', async () => {
    // given
    const pi = await h.start('harness-fixture', { acceptedAt: '2026-03-02' });

    // when
    const attempt = h.complete(pi, 'firstReview', { as: 'window-second-review' });

    // then
    await expect(attempt).rejects.toThrow('belongs to [window-first-review], not to window-second-review');
  });

  it('should fire the escalation timer when the clock passes the deadline, the clerk task staying open', async () => {
    // given 5 working days from Monday 2026-03-02: due 2026-03-09 23:59:59+08:00
    const pi = await h.start('harness-fixture', { acceptedAt: '2026-03-02' });
    await h.waitForTask(pi, 'firstReview');

    // when
    await h.pinClock('2026-03-10T09:00:00+08:00');
    await h.complete(pi, 'overdueEscalation', { as: 'supervisor' });
    await h.complete(pi, 'firstReview', { as: 'window-first-review' });

    // then
    await h.expectEnded(pi, ['endReminded', 'endEscalated', 'endApproved']);
    // the reminder counts from the engine's (pinned) clock: one working day past the deadline
    expect(await h.variables(pi)).toMatchObject({
      deadlineReminder: { workingDaysLeft: -1, messageZh: expect.stringContaining('「业务初审」') },
    });
  });

  it('should fail fast with the incident when a job cannot run', async () => {
    // given no acceptedAt: compute-deadline rejects the variables with retries 0
    const pi = await h.start('harness-fixture', {});

    // when
    const attempt = h.waitForTask(pi, 'firstReview');

    // then
    await expect(attempt).rejects.toThrow(/incident at computeDeadline/);
  });
});
