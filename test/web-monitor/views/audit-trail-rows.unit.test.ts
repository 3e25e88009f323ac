/**
 * The audit trail's rows (web-monitor/src/views/audit-trail-rows.ts): a step's decision and reason in words, and a
 * value cut short or of another shape shown as the text stored — never a thrown error, never `[object Object]`.
 */
import { describe, expect, it } from 'vitest';
import type { AuditLogEntry, UserTask, Variable } from '../../../web-shared/src/api/camunda-types.js';
import type { V2Client } from '../../../web-shared/src/api/v2-client.js';
import type { VariableLabels } from '../../../web-shared/src/format/variable-labels.js';
import { decisionsOfCase, fromAuditLog, fromCompletedTasks } from '../../../web-monitor/src/views/audit-trail-rows.js';

const LABELS: VariableLabels = { byProcess: {}, common: {}, options: {}, money: [], fields: {} };
const names: Record<string, string> = { 'zhang-min': '张敏' };
const userName = (id: string | null | undefined) => (id ? (names[id] ?? id) : '');

const task = (userTaskKey: string, elementId: string, name: string, completionDate: string): UserTask => ({
  userTaskKey,
  elementId,
  name,
  state: 'COMPLETED',
  assignee: 'zhang-min',
  processDefinitionId: 'xining-fc20-manual-reimbursement',
  creationDate: '2026-12-01T01:00:00.000Z',
  completionDate,
  processDefinitionKey: '1',
  processInstanceKey: '2',
  elementInstanceKey: userTaskKey,
});

describe('the audit trail’s rows', () => {
  it('should word a completion’s decision and reason, and show a value cut short or of another shape as stored', () => {
    // given three completions: one well formed, one whose values are of other shapes, one whose values were cut short
    const tasks = [task('11', 'preliminaryReview', '初审', '2026-12-01T02:00:00.000Z'), task('12', 'finalReview', '复审', '2026-12-01T03:00:00.000Z'), task('13', 'payment', '支付', '2026-12-01T04:00:00.000Z')];
    const set = (userTaskKey: string, name: string, variableValue: string | null): AuditLogEntry => ({
      auditLogKey: `${userTaskKey}-${name}`,
      entityType: 'VARIABLE',
      operationType: 'CREATE',
      timestamp: '2026-12-01T02:00:00.000Z',
      userTaskKey,
      entityDescription: name,
      variableValue,
    });
    const completion = (userTaskKey: string): AuditLogEntry => ({ auditLogKey: `c${userTaskKey}`, entityType: 'USER_TASK', operationType: 'COMPLETE', timestamp: '2026-12-01T02:00:00.000Z', actorId: 'zhang-min', userTaskKey });
    const entries = [
      set('11', 'preliminaryReviewDecision', '"approved"'),
      set('11', 'preliminaryReviewReason', '"材料齐全"'),
      completion('11'),
      set('12', 'finalReviewDecision', '{"code":"approved"}'),
      set('12', 'finalReviewReason', '["缺少发票"]'),
      completion('12'),
      set('13', 'paymentDecision', '"app'),
      set('13', 'paymentReason', null),
      completion('13'),
    ];

    // when
    const rows = fromAuditLog(entries, new Map(tasks.map((one) => [one.userTaskKey, one])), userName, LABELS);

    // then
    expect(rows.map((row) => [row.who, row.what, row.detail])).toEqual([
      ['张敏', '办结任务「初审」', '决定：同意；材料齐全'],
      ['张敏', '办结任务「复审」', '决定：{"code":"approved"}；["缺少发票"]'],
      ['张敏', '办结任务「支付」', '决定："app'],
    ]);
  });

  it('should show a decision stored as null as no decision, with or without an audit log', () => {
    // given
    const tasks = [task('11', 'preliminaryReview', '初审', '2026-12-01T02:00:00.000Z')];
    const entries: AuditLogEntry[] = [
      { auditLogKey: 'd', entityType: 'VARIABLE', operationType: 'CREATE', timestamp: '2026-12-01T02:00:00.000Z', userTaskKey: '11', entityDescription: 'preliminaryReviewDecision', variableValue: 'null' },
      { auditLogKey: 'r', entityType: 'VARIABLE', operationType: 'CREATE', timestamp: '2026-12-01T02:00:00.000Z', userTaskKey: '11', entityDescription: 'preliminaryReviewReason', variableValue: '"材料齐全"' },
      { auditLogKey: 'c', entityType: 'USER_TASK', operationType: 'COMPLETE', timestamp: '2026-12-01T02:00:00.000Z', actorId: 'zhang-min', userTaskKey: '11' },
    ];
    const decisions: Variable[] = [{ variableKey: 'v1', name: 'preliminaryReviewDecision', value: 'null', scopeKey: '2', processInstanceKey: '2' }];

    // when
    const logged = fromAuditLog(entries, new Map([[tasks[0]!.userTaskKey, tasks[0]!]]), userName, LABELS);
    const held = fromCompletedTasks(tasks, decisions, userName, LABELS);

    // then
    expect(logged.map((row) => row.detail)).toEqual(['材料齐全']);
    expect(held.map((row) => row.detail)).toEqual(['']);
  });

  it('should show a reason cleared on the form (null) as nothing, and without an audit log the decision as the case holds it', () => {
    // given
    const tasks = [task('11', 'preliminaryReview', '初审', '2026-12-01T02:00:00.000Z'), task('12', 'finalReview', '复审', '2026-12-01T03:00:00.000Z')];
    const decisions: Variable[] = [
      { variableKey: 'v1', name: 'preliminaryReviewDecision', value: '"returned"', scopeKey: '2', processInstanceKey: '2' },
      // a value the search cut short that the page could not read whole: left out, not shown half
      { variableKey: 'v2', name: 'finalReviewDecision', value: '"appro', isTruncated: true, scopeKey: '2', processInstanceKey: '2' },
    ];

    // when
    const rows = fromCompletedTasks(tasks, decisions, userName, LABELS);

    // then
    expect(rows.map((row) => row.detail)).toEqual(['决定：退回（当前值）', '']);
    const cleared = fromAuditLog(
      [
        { auditLogKey: 'r', entityType: 'VARIABLE', operationType: 'CREATE', timestamp: '2026-12-01T02:00:00.000Z', userTaskKey: '11', entityDescription: 'preliminaryReviewReason', variableValue: 'null' },
        { auditLogKey: 'c', entityType: 'USER_TASK', operationType: 'COMPLETE', timestamp: '2026-12-01T02:00:00.000Z', actorId: 'zhang-min', userTaskKey: '11' },
      ],
      new Map([[tasks[0]!.userTaskKey, tasks[0]!]]),
      userName,
      LABELS,
    );
    expect(cleared.map((row) => row.detail)).toEqual(['']);
  });

  it('should read a decision the search cut short whole, so the row shows it in words', async () => {
    // given a /v2 whose search cuts the 复审's decision short and whose variable read gives it whole
    const cut: Variable = { variableKey: 'v2', name: 'finalReviewDecision', value: '"appro', isTruncated: true, scopeKey: '2', processInstanceKey: '2' };
    const kept: Variable = { variableKey: 'v1', name: 'preliminaryReviewDecision', value: '"returned"', scopeKey: '2', processInstanceKey: '2' };
    const read: string[] = [];
    const client = {
      searchVariables: () => Promise.resolve({ items: [kept, cut], page: { totalItems: 2 } }),
      getVariable: (variableKey: string) => {
        read.push(variableKey);
        return Promise.resolve({ ...cut, value: '"approved"', isTruncated: false });
      },
    } as unknown as V2Client;
    const tasks = [task('11', 'preliminaryReview', '初审', '2026-12-01T02:00:00.000Z'), task('12', 'finalReview', '复审', '2026-12-01T03:00:00.000Z')];

    // when
    const rows = fromCompletedTasks(tasks, await decisionsOfCase(client, '2'), userName, LABELS);

    // then only the cut one was read again
    expect(read).toEqual(['v2']);
    expect(rows.map((row) => row.detail)).toEqual(['决定：退回（当前值）', '决定：同意（当前值）']);
  });
});
