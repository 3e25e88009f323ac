/**
 * The buffered messages in memory (engine/store/buffered-messages.ts): the live ones of a name, correlation key and
 * tenant at a time, the expired ones up to a limit, kept current by the table's changes and loaded again after a
 * rollback.
 */
import { describe, expect, it } from 'vitest';
import type { MessageRecord } from '../../../engine/state/records.js';
import { BufferedMessages } from '../../../engine/store/buffered-messages.js';

function message(key: number, correlationKey: string, expiresAt: number, messageId: string | null = null, name = '材料补正'): MessageRecord {
  return { key, name, correlationKey, variables: { page: key }, expiresAt, messageId, tenantId: '<default>', publishedAt: '2026-12-05T00:00:00.000Z' };
}

describe('buffered messages', () => {
  it('should answer the messages of a name and key still buffered at a time, in key order, loading once', () => {
    // given
    let loads = 0;
    const index = new BufferedMessages(() => {
      loads++;
      return [message(3, 'A-1', 300, 'm-3'), message(1, 'A-1', 100), message(2, 'B-2', 200), message(4, 'A-1', 400, null, '其他')];
    });

    // when / then
    expect(index.live('材料补正', 'A-1', '<default>', 0)).toEqual([{ key: 1, expiresAt: 100, messageId: null }, { key: 3, expiresAt: 300, messageId: 'm-3' }]);
    expect(index.live('材料补正', 'A-1', '<default>', 100).map((m) => m.key)).toEqual([3]);
    expect(index.live('材料补正', 'A-1', 'other', 0)).toEqual([]);
    expect(loads).toBe(1);
  });

  it('should answer the expired messages, the longest expired first, up to the limit, and none before the earliest expiry', () => {
    // given
    const index = new BufferedMessages(() => [message(5, 'A-1', 500), message(2, 'B-2', 200), message(9, 'C-3', 100)]);

    // when / then
    expect(index.expired(99, 10)).toEqual([]);
    expect(index.expired(200, 10)).toEqual([9, 2]);
    expect(index.expired(1_000, 2)).toEqual([9, 2]);
    expect(index.expired(1_000, 3)).toEqual([9, 2, 5]);
  });

  it('should follow publications and expiries, finding the earliest expiry again when it leaves', () => {
    // given
    const index = new BufferedMessages(() => [message(1, 'A-1', 100)]);
    expect(index.expired(50, 10)).toEqual([]);

    // when: an earlier one is published, then the earliest expires (is deleted)
    index.changed(2, message(2, 'A-1', 40));
    expect(index.expired(50, 10)).toEqual([2]);
    index.changed(2, undefined);

    // then
    expect(index.expired(50, 10)).toEqual([]);
    expect(index.expired(100, 10)).toEqual([1]);
    expect(index.live('材料补正', 'A-1', '<default>', 0).map((m) => m.key)).toEqual([1]);
  });

  it('should load again after a rollback cleared it, and ignore changes while not loaded', () => {
    // given
    let rows = [message(1, 'A-1', 100)];
    const index = new BufferedMessages(() => rows);
    index.live('材料补正', 'A-1', '<default>', 0);

    // when
    index.clear();
    index.changed(9, message(9, 'A-1', 100));
    rows = [message(2, 'A-1', 50)];

    // then
    expect(index.live('材料补正', 'A-1', '<default>', 0).map((m) => m.key)).toEqual([2]);
    expect(index.expired(60, 10)).toEqual([2]);
  });
});
