import { describe, expect, it } from 'vitest';
import { BatchOperationCreators } from '../../../engine/store/batch-operation-creators.js';
import type { AuditLogRecord } from '../../../engine/state/records.js';

function entry(key: number, fields: Partial<AuditLogRecord>): AuditLogRecord {
  return {
    key, timestamp: '2026-12-05T00:00:00.000Z', actorId: 'demo', actorType: 'USER', operationType: 'CREATE', entityType: 'BATCH',
    entityKey: null, entityDescription: null, category: 'DEPLOYED_RESOURCES', result: 'SUCCESS', processInstanceKey: null,
    processDefinitionKey: null, bpmnProcessId: null, elementInstanceKey: null, userTaskKey: null, jobKey: null, batchOperationKey: null,
    batchOperationType: null, variableValue: null, tenantId: '<default>', ...fields,
  } as AuditLogRecord;
}

describe('BatchOperationCreators', () => {
  it('should answer the creator from the entries it saw, and ask SQLite only for the others', () => {
    // given
    const asked: number[] = [];
    const creators = new BatchOperationCreators((key) => {
      asked.push(key);
      return key === 7 ? 'stored-user' : undefined;
    });

    // when: a batch operation's entry is inserted, then an item's entry under another name, and a case's entry
    creators.changed(1, entry(1, { batchOperationKey: 5, actorId: 'manager' }));
    creators.changed(2, entry(2, { batchOperationKey: 5, actorId: 'other', entityType: 'PROCESS_INSTANCE', operationType: 'CANCEL' }));
    creators.changed(3, entry(3, { entityType: 'PROCESS_INSTANCE' }));

    // then: the operation's creator without a query; a stored one asked once; an unknown one asked each time
    expect(creators.of(5)).toBe('manager');
    expect([creators.of(7), creators.of(7)]).toEqual(['stored-user', 'stored-user']);
    expect([creators.of(9), creators.of(9)]).toEqual([undefined, undefined]);
    expect(asked).toEqual([7, 9, 9]);

    // and after a rollback cleared it, SQLite answers again
    creators.clear();
    expect(creators.of(5)).toBeUndefined();
    expect(asked).toEqual([7, 9, 9, 5]);
  });
});
