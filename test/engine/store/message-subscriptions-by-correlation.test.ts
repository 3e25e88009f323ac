/**
 * The open message subscriptions by name, correlation key and tenant in memory
 * (engine/store/message-subscriptions-by-correlation.ts), as a publish asks them: loaded whole once, then kept
 * current by the table's changes, and loaded again after a rollback.
 */
import { describe, expect, it } from 'vitest';
import type { MessageSubscriptionRecord } from '../../../engine/state/records.js';
import { MessageSubscriptionsByCorrelation } from '../../../engine/store/message-subscriptions-by-correlation.js';

function subscription(key: number, correlationKey: string, messageName = '材料补正', tenantId = '<default>'): MessageSubscriptionRecord {
  return {
    key,
    elementId: 'material',
    elementInstanceKey: key + 1000,
    processInstanceKey: key + 2000,
    processDefinitionKey: 1,
    bpmnProcessId: 'p',
    messageName,
    correlationKey,
    tenantId,
    createdAt: '2026-12-04T00:00:00.000Z',
  };
}

describe('message subscriptions by correlation', () => {
  it('should answer the subscriptions of one name, key and tenant in key order, loading the table once', () => {
    // given
    let loads = 0;
    const index = new MessageSubscriptionsByCorrelation(() => {
      loads++;
      return [subscription(3, 'A-1'), subscription(1, 'A-1'), subscription(2, 'B-2'), subscription(4, 'A-1', '其他消息'), subscription(5, 'A-1', '材料补正', 'other')];
    });

    // when / then
    expect(index.waitingFor('材料补正', 'A-1', '<default>').map((s) => s.key)).toEqual([1, 3]);
    expect(index.waitingFor('材料补正', 'B-2', '<default>').map((s) => s.key)).toEqual([2]);
    expect(index.waitingFor('材料补正', 'C-3', '<default>')).toEqual([]);
    expect(loads).toBe(1);
  });

  it('should follow inserts, moves and deletions', () => {
    // given
    const index = new MessageSubscriptionsByCorrelation(() => [subscription(1, 'A-1')]);
    index.waitingFor('材料补正', 'A-1', '<default>');

    // when: a new subscription, one moved to another key (a migration), one deleted
    index.changed(2, subscription(2, 'A-1'));
    index.changed(1, subscription(1, 'B-2'));
    index.changed(2, undefined);

    // then
    expect(index.waitingFor('材料补正', 'A-1', '<default>')).toEqual([]);
    expect(index.waitingFor('材料补正', 'B-2', '<default>').map((s) => s.key)).toEqual([1]);
  });

  it('should load again after a rollback cleared it, and ignore changes while not loaded', () => {
    // given
    let rows = [subscription(1, 'A-1')];
    const index = new MessageSubscriptionsByCorrelation(() => rows);
    index.waitingFor('材料补正', 'A-1', '<default>');

    // when
    index.clear();
    index.changed(9, subscription(9, 'A-1'));
    rows = [subscription(2, 'A-1')];

    // then
    expect(index.waitingFor('材料补正', 'A-1', '<default>').map((s) => s.key)).toEqual([2]);
  });
});
