/**
 * The timers' due dates in memory (engine/store/timer-due-dates.ts), as the scheduler asks them: the earliest, and
 * the due ones in due-date order, kept current by the table's changes and loaded again after a rollback.
 */
import { describe, expect, it } from 'vitest';
import type { TimerRecord } from '../../../engine/state/records.js';
import { TimerDueDates } from '../../../engine/store/timer-due-dates.js';

function timer(key: number, dueDate: number): TimerRecord {
  return {
    key,
    elementId: 'deadline',
    elementInstanceKey: key + 1000,
    processInstanceKey: 1,
    processDefinitionKey: 2,
    bpmnProcessId: 'p',
    dueDate,
    repetitions: 1,
    cycle: null,
    tenantId: '<default>',
    createdAt: '2026-12-04T00:00:00.000Z',
  };
}

describe('timer due dates', () => {
  it('should answer the earliest due date and the due timers by due date, then key, up to the limit', () => {
    // given
    let loads = 0;
    const index = new TimerDueDates(() => {
      loads++;
      return [timer(3, 300), timer(1, 100), timer(2, 100)];
    });

    // when / then
    expect(index.next()).toBe(100);
    expect(index.due(99, 10)).toEqual([]);
    expect(index.due(300, 10)).toEqual([1, 2, 3]);
    expect(index.due(300, 2)).toEqual([1, 2]);
    expect(loads).toBe(1);
  });

  it('should follow inserts, moves and removals, the earliest included', () => {
    // given
    const index = new TimerDueDates(() => [timer(1, 100), timer(2, 200)]);
    expect(index.next()).toBe(100);

    // when: an earlier timer arrives, then goes; the earliest moves later; the rest go
    index.changed(3, timer(3, 50));
    const afterInsert = index.next();
    index.changed(3, undefined);
    const afterRemoval = index.next();
    index.changed(1, timer(1, 250));
    const afterMove = index.next();
    index.changed(1, undefined);
    index.changed(2, undefined);

    // then
    expect([afterInsert, afterRemoval, afterMove]).toEqual([50, 100, 200]);
    expect(index.next()).toBeUndefined();
    expect(index.due(Number.MAX_SAFE_INTEGER, 10)).toEqual([]);
  });

  it('should load again after a rollback cleared it, and ignore changes while not loaded', () => {
    // given
    let rows = [timer(1, 100)];
    const index = new TimerDueDates(() => rows);
    expect(index.next()).toBe(100);

    // when
    index.clear();
    index.changed(9, timer(9, 10));
    rows = [timer(2, 400)];

    // then
    expect(index.next()).toBe(400);
    expect(index.due(400, 10)).toEqual([2]);
  });
});
