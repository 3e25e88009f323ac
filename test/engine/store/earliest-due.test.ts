/**
 * Due times by key, sorted (engine/store/earliest-due.ts), as the timers' due dates and the buffered messages'
 * expiries use them: the earliest, the keys due by a time in order up to a limit, moves and removals.
 */
import { describe, expect, it } from 'vitest';
import { EarliestDue } from '../../../engine/store/earliest-due.js';

describe('earliest due', () => {
  it('should answer the earliest due time and the keys due by a time, by due time, then key, up to the limit', () => {
    // given
    const due = new EarliestDue();
    due.set(3, 300);
    due.set(2, 100);
    due.set(1, 100);

    // when / then
    expect(due.earliest()).toBe(100);
    expect(due.dueBy(99)).toEqual([]);
    expect(due.dueBy(100)).toEqual([1, 2]);
    expect(due.dueBy(300)).toEqual([1, 2, 3]);
    expect(due.dueBy(300, 2)).toEqual([1, 2]);
    expect(due.dueBy(300, 0)).toEqual([]);
  });

  it('should follow moves and removals of the earliest and of the others', () => {
    // given
    const due = new EarliestDue();
    due.set(1, 100);
    due.set(2, 200);

    // when: the earliest moves past the other, the other moves back, one goes, an unknown key goes
    due.set(1, 250);
    const afterMove = [due.earliest(), due.dueBy(1_000)];
    due.set(2, 200);
    due.set(2, 50);
    const afterSecondMove = [due.earliest(), due.dueBy(1_000)];
    due.delete(2);
    due.delete(99);
    const afterRemoval = [due.earliest(), due.dueBy(1_000)];

    // then
    expect(afterMove).toEqual([200, [2, 1]]);
    expect(afterSecondMove).toEqual([50, [2, 1]]);
    expect(afterRemoval).toEqual([250, [1]]);
  });

  it('should hold nothing once emptied or cleared', () => {
    // given
    const due = new EarliestDue();
    due.set(1, 100);
    due.set(2, 100);

    // when
    due.delete(1);
    due.clear();

    // then
    expect(due.earliest()).toBeUndefined();
    expect(due.dueBy(Number.MAX_SAFE_INTEGER)).toEqual([]);
    due.set(2, 70);
    expect([due.earliest(), due.dueBy(70)]).toEqual([70, [2]]);
  });
});
