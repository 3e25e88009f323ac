/**
 * Signal and message start subscriptions by name and tenant in memory (engine/store/subscriptions-by-name.ts), as a
 * broadcast, a publish and a deployment ask them: loaded whole once, kept current by the table's changes, loaded again
 * after a rollback cleared it.
 */
import { describe, expect, it } from 'vitest';
import type { SignalSubscriptionRecord } from '../../../engine/state/records.js';
import { SubscriptionsByName } from '../../../engine/store/subscriptions-by-name.js';

function subscription(key: number, signalName: string, elementInstanceKey: number | null = key + 1000, tenantId = '<default>'): SignalSubscriptionRecord {
  return {
    key,
    elementId: 'cancelled',
    elementInstanceKey,
    processInstanceKey: elementInstanceKey === null ? null : key + 2000,
    processDefinitionKey: 7,
    bpmnProcessId: 'p',
    signalName,
    tenantId,
  };
}

describe('subscriptions by name', () => {
  it('should answer the subscriptions of one name and tenant in key order, and filter the whole set, loading it once', () => {
    // given
    let loads = 0;
    const index = new SubscriptionsByName<SignalSubscriptionRecord>((r) => r.signalName, () => {
      loads++;
      return [subscription(3, '撤件'), subscription(1, '撤件'), subscription(2, '暂停', null), subscription(4, '撤件', 9, 'other')];
    });

    // when / then
    expect(index.withName('撤件', '<default>').map((s) => s.key)).toEqual([1, 3]);
    expect(index.withName('撤件', 'other').map((s) => s.key)).toEqual([4]);
    expect(index.withName('无', '<default>')).toEqual([]);
    expect(index.select((s) => s.elementInstanceKey === null).map((s) => s.key)).toEqual([2]);
    expect(loads).toBe(1);
  });

  it('should follow inserts, renames and deletions', () => {
    // given
    const index = new SubscriptionsByName<SignalSubscriptionRecord>((r) => r.signalName, () => [subscription(1, '撤件')]);
    index.withName('撤件', '<default>');

    // when: a new subscription, one moved to another name (a migration), one deleted
    index.changed(2, subscription(2, '撤件'));
    index.changed(1, subscription(1, '暂停'));
    index.changed(2, undefined);

    // then
    expect(index.withName('撤件', '<default>')).toEqual([]);
    expect(index.withName('暂停', '<default>').map((s) => s.key)).toEqual([1]);
    expect(index.select(() => true).map((s) => s.key)).toEqual([1]);
  });

  it('should load again after a rollback cleared it, and ignore changes while not loaded', () => {
    // given
    let rows = [subscription(1, '撤件')];
    let loads = 0;
    const index = new SubscriptionsByName<SignalSubscriptionRecord>((r) => r.signalName, () => (loads++, rows));
    index.withName('撤件', '<default>');

    // when
    index.clear();
    index.changed(9, subscription(9, '撤件'));
    rows = [subscription(2, '撤件')];

    // then
    expect(index.withName('撤件', '<default>').map((s) => s.key)).toEqual([2]);
    expect(loads).toBe(2);
  });
});
