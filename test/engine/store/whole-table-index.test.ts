/**
 * The generic whole-table index (engine/store/whole-table-index.ts): loaded whole once on first use, kept current by
 * the table's inserts, updates (also ones that move a record to another group) and deletes, and loaded again after a
 * rollback cleared it.
 */
import { describe, expect, it } from 'vitest';
import { groupKey, WholeTableIndex } from '../../../engine/store/whole-table-index.js';

interface Row {
  key: number;
  group: string;
  value: number;
}

function row(key: number, group: string, value = key * 10): Row {
  return { key, group, value };
}

class Recording extends WholeTableIndex<Row, { key: number; value: number }> {
  readonly events: string[] = [];

  constructor(load: () => Row[]) {
    super((r) => r.group, load, (r) => ({ key: r.key, value: r.value }));
  }

  protected override added(member: { key: number }): void {
    this.events.push(`+${member.key}`);
  }

  protected override removed(member: { key: number }): void {
    this.events.push(`-${member.key}`);
  }
}

describe('whole-table index', () => {
  it('should answer a group in key order and select across groups, loading the table once', () => {
    // given
    let loads = 0;
    const index = new WholeTableIndex<Row>((r) => r.group, () => (loads++, [row(3, 'a'), row(1, 'a'), row(2, 'b')]));

    // when / then
    expect(index.members('a').map((r) => r.key)).toEqual([1, 3]);
    expect(index.members('b')).toEqual([row(2, 'b')]);
    expect(index.members('c')).toEqual([]);
    expect(index.select((r) => r.value >= 20).map((r) => r.key)).toEqual([2, 3]);
    expect(loads).toBe(1);
  });

  it('should follow adds, updates within a group, updates that move a record to another group, and deletes', () => {
    // given
    const index = new WholeTableIndex<Row>((r) => r.group, () => [row(1, 'a'), row(2, 'a')]);
    index.members('a');

    // when
    index.changed(5, row(5, 'a'));
    index.changed(4, row(4, 'b'));
    index.changed(1, row(1, 'a', 99));
    index.changed(2, row(2, 'b'));
    index.changed(5, undefined);
    index.changed(4, undefined);

    // then: the group a move emptied is gone, the updated record is the new one, key order holds
    expect(index.members('a')).toEqual([row(1, 'a', 99)]);
    expect(index.members('b')).toEqual([row(2, 'b')]);
    expect(index.select(() => true).map((r) => r.key)).toEqual([1, 2]);
  });

  it('should return copies that a change made while going through them does not alter', () => {
    // given
    const index = new WholeTableIndex<Row>((r) => r.group, () => [row(1, 'a'), row(2, 'a')]);

    // when
    const members = index.members('a');
    for (const member of members) index.changed(member.key, undefined);

    // then
    expect(members.map((r) => r.key)).toEqual([1, 2]);
    expect(index.members('a')).toEqual([]);
  });

  it('should keep what memberOf takes of a record, and tell added and removed members (on load too)', () => {
    // given
    const index = new Recording(() => [row(1, 'a')]);

    // when
    index.members('a');
    index.changed(2, row(2, 'a'));
    index.changed(1, row(1, 'b', 7));
    index.changed(2, undefined);

    // then
    expect(index.members('b')).toEqual([{ key: 1, value: 7 }]);
    expect(index.events).toEqual(['+1', '+2', '-1', '+1', '-2']);
  });

  it('should ignore changes while not loaded, and load again after a rollback cleared it', () => {
    // given
    let rows = [row(1, 'a')];
    let loads = 0;
    const index = new Recording(() => (loads++, rows));
    index.changed(8, row(8, 'a'));
    expect(index.members('a').map((r) => r.key)).toEqual([1]);

    // when: a rolled-back transaction had added 9 and moved 1; SQLite holds 2 now
    index.changed(9, row(9, 'a'));
    index.changed(1, row(1, 'b'));
    index.clear();
    index.changed(10, row(10, 'a'));
    rows = [row(2, 'a')];

    // then
    expect(index.members('a').map((r) => r.key)).toEqual([2]);
    expect(index.members('b')).toEqual([]);
    expect(loads).toBe(2);
    expect(index.events).toEqual(['+1', '+9', '-1', '+1', '+2']);
  });

  it('should build group keys whose parts cannot run into each other', () => {
    expect(groupKey('<default>', '材料', '补正A-1')).not.toBe(groupKey('<default>', '材料补正', 'A-1'));
    expect(groupKey('ten', 'ant')).not.toBe(groupKey('te', 'nant'));
    expect(groupKey('<default>', '材料补正', 'A-1')).not.toBe(groupKey('<default>', '材料补正'));
    expect(groupKey('<default>', '材料补正', '')).not.toBe(groupKey('<default>', '材料补正'));
  });
});
