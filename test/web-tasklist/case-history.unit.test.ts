/**
 * The 办理记录's values per completion (case-data.ts `caseHistory`) from a /v2 client answering as a cluster would:
 * after 初审 returned (with a reason) and, once 补正 was done, approved (the reason field hidden, so not submitted),
 * the case's `firstReviewReason` still holds the return's text; the approval must not show it, with or without an
 * audit log. A step's own remark (a `…Note` its completion set) shows with its row. A refusal shows the 不予受理理由
 * (`refusalReason`) its form submitted in place of the hidden reason field.
 */
import { describe, expect, it } from 'vitest';
import type { AuditLogEntry, UserTask, Variable } from '../../web-shared/src/api/camunda-types.js';
import type { V2Client } from '../../web-shared/src/api/v2-client.js';
import { caseHistory, missingListSettled, type HistoryEntry } from '../../web-tasklist/src/case-data.js';
import { nameMatches, type NameFilter } from '../support/variable-search-client.js';

const CASE = '2251799813685249';

const task = (userTaskKey: string, elementId: string, assignee: string): UserTask => ({
  userTaskKey,
  elementId,
  name: elementId,
  assignee,
  state: 'COMPLETED',
  processDefinitionId: 'fc02',
  processDefinitionKey: '1',
  processInstanceKey: CASE,
  elementInstanceKey: `${userTaskKey}0`,
  creationDate: '2026-03-02T01:00:00.000Z',
  completionDate: '2026-03-02T02:00:00.000Z',
});

const TASKS = [task('11', 'firstReview', 'zhang-min'), task('12', 'correctMaterials', 'window'), task('13', 'firstReview', 'li-jing')];

/** The case's variables now: the approval's decision, the return's reason, the 补正's note. */
const CASE_VARIABLES: Variable[] = [
  { variableKey: 'v1', name: 'firstReviewDecision', value: '"approved"', scopeKey: CASE, processInstanceKey: CASE },
  { variableKey: 'v2', name: 'firstReviewReason', value: '"缺参保人员有效身份证件复印件，请补交。"', scopeKey: CASE, processInstanceKey: CASE },
  { variableKey: 'v3', name: 'correctionNote', value: '"已补交身份证复印件"', scopeKey: CASE, processInstanceKey: CASE },
];

const entry = (auditLogKey: string, userTaskKey: string, name: string, value: string | null): AuditLogEntry => ({
  auditLogKey,
  entityType: 'VARIABLE',
  operationType: 'UPDATE',
  timestamp: '2026-03-02T02:00:00.000Z',
  userTaskKey,
  entityDescription: name,
  variableValue: value,
});

/** Newest first, as the history asks. */
const AUDIT = [
  entry('105', '13', 'firstReviewDecision', '"approved"'),
  entry('104', '12', 'correctionNote', '"已补交身份证复印件"'),
  entry('103', '11', 'firstReviewReason', '"缺参保人员有效身份证件复印件，请补交。"'),
  entry('102', '11', 'firstReviewDecision', '"returned"'),
];

function client(audit: AuditLogEntry[] | undefined | Error | ((request: { page: { after?: string } }) => { items: AuditLogEntry[]; page: { endCursor?: string } })): V2Client {
  return {
    // in the order asked for (TASKS is oldest first)
    searchUserTasks: async ({ sort }: { sort: { order: string }[] }) => ({ items: sort[0]!.order === 'desc' ? [...TASKS].reverse() : TASKS, page: { totalItems: TASKS.length } }),
    searchVariables: async ({ filter }: { filter: { name: NameFilter } }) => ({
      items: CASE_VARIABLES.filter((v) => nameMatches(v.name, filter.name)),
      page: { totalItems: 0 },
    }),
    searchAuditLogs: async (request: { page: { after?: string } }) => {
      if (audit instanceof Error) throw audit;
      if (typeof audit === 'function') return audit(request);
      return audit && { items: audit, page: { totalItems: audit.length } };
    },
  } as unknown as V2Client;
}

const rows = async (audit: Parameters<typeof client>[0]) =>
  (await caseHistory(client(audit), CASE)).entries.map(({ task: { assignee }, decision, reason, note }) => [assignee, decision, reason, note]);

describe('caseHistory', () => {
  it('should show each completion’s own values from the audit log, not the return’s reason beside the approval', async () => {
    expect(await rows(AUDIT)).toEqual([
      ['zhang-min', 'returned', '缺参保人员有效身份证件复印件，请补交。', undefined],
      ['window', undefined, undefined, '已补交身份证复印件'],
      ['li-jing', 'approved', undefined, undefined],
    ]);
  });

  it('should not take the case’s value for a completion when a later audit entry says another completion set it', async () => {
    // given the approval's own entries lost (an output mapping set its decision): the decision is the case's, the reason not
    const withoutApproval = AUDIT.filter((e) => e.userTaskKey !== '13');
    expect((await rows(withoutApproval))[2]).toEqual(['li-jing', 'approved', undefined, undefined]);
  });

  it('should show, without an audit log (Camunda 8.8), the case’s reason only for a step done once, and the latest decision', async () => {
    expect(await rows(undefined)).toEqual([
      ['zhang-min', undefined, undefined, undefined],
      ['window', undefined, undefined, undefined],
      ['li-jing', 'approved', undefined, undefined],
    ]);
  });

  it('should not show the return’s reason beside the approval when the audit log has no entry of the name (kept only since an upgrade)', async () => {
    expect(await rows([])).toEqual([
      ['zhang-min', undefined, undefined, undefined],
      ['window', undefined, undefined, undefined],
      ['li-jing', 'approved', undefined, undefined],
    ]);
  });

  it('should not show it either from entries without values (Camunda 8.9)', async () => {
    const withoutValues = AUDIT.filter((e) => e.userTaskKey !== '12').map((e) => ({ ...e, variableValue: null }));
    expect((await rows(withoutValues))[2]).toEqual(['li-jing', 'approved', undefined, undefined]);
  });

  it('should treat an audit log cut at the ten pages as incomplete: the approval’s row has the case’s decision only', async () => {
    // every page full, a cursor left after the tenth: the return's entries are among those not read
    const filler = Array.from({ length: 999 }, (_, i) => entry(String(10_000 - i), '99', 'otherVariable', '"x"'));
    const pages = (request: { page: { after?: string } }) => ({ items: request.page.after ? [...filler, filler[0]!] : [entry('105', '13', 'firstReviewDecision', '"approved"'), ...filler], page: { endCursor: 'next' } });
    const history = await caseHistory(client(pages), CASE);
    expect(history.auditAvailable).toBe(false);
    expect(history.entries.map(({ decision, reason }) => [decision, reason])[2]).toEqual(['approved', undefined]);
  });

  it('should open without the audit log when reading it fails (a clerk refused it): as without one', async () => {
    const history = await caseHistory(client(new Error('403')), CASE);
    expect(history.auditAvailable).toBe(false);
    expect(history.entries.map(({ decision, reason }) => [decision, reason])).toEqual([
      [undefined, undefined],
      [undefined, undefined],
      ['approved', undefined],
    ]);
  });

  it('should say whether the audit log was there, and give the personal values its entries hold', async () => {
    const audit = [entry('106', '12', 'idNumber', '"630102198001010001"'), ...AUDIT];
    const history = await caseHistory(client(audit), CASE);
    expect(history.auditAvailable).toBe(true);
    expect(history.personalValues).toEqual([{ kind: 'idNumber', value: '630102198001010001' }]);
    expect((await caseHistory(client(undefined), CASE)).auditAvailable).toBe(false);
  });

  it('should take the decision and reason a step’s completion set under another name than its own (FC10 firstReviewUnit)', async () => {
    const unit = task('14', 'firstReviewUnit', 'li-jing');
    TASKS.push(unit);
    try {
      const audit = [entry('107', '14', 'firstReviewReason', '"单位公章不清晰"'), entry('106', '14', 'firstReviewDecision', '"returned"'), ...AUDIT];
      expect((await rows(audit))[3]).toEqual(['li-jing', 'returned', '单位公章不清晰', undefined]);
    } finally {
      TASKS.pop();
    }
  });

  it('should show a refusal’s 不予受理理由 as its reason, not the return’s reason the hidden field left, with or without an audit log', async () => {
    // given the corrected case refused at the first review: its form submitted refusalReason, not firstReviewReason
    const approved = CASE_VARIABLES.splice(0, 1, { variableKey: 'v1', name: 'firstReviewDecision', value: '"rejected"', scopeKey: CASE, processInstanceKey: CASE });
    CASE_VARIABLES.push({ variableKey: 'v4', name: 'refusalReason', value: '"该职工已在其他单位参保"', scopeKey: CASE, processInstanceKey: CASE });
    try {
      const audit = [entry('106', '13', 'refusalReason', '"该职工已在其他单位参保"'), entry('105', '13', 'firstReviewDecision', '"rejected"'), ...AUDIT.slice(1)];

      // when / then
      expect(await rows(audit)).toEqual([
        ['zhang-min', 'returned', '缺参保人员有效身份证件复印件，请补交。', undefined],
        ['window', undefined, undefined, '已补交身份证复印件'],
        ['li-jing', 'rejected', '该职工已在其他单位参保', undefined],
      ]);
      expect((await rows(undefined))[2]).toEqual(['li-jing', 'rejected', '该职工已在其他单位参保', undefined]);
    } finally {
      CASE_VARIABLES.splice(0, 1, ...approved);
      CASE_VARIABLES.pop();
    }
  });

  it('should show a refusal’s 不予办理理由 (decisionReason) as its reason, not the return’s reason the hidden field left', async () => {
    // given the corrected case refused at the first review by a form whose refusal after 受理 sets decisionReason
    const approved = CASE_VARIABLES.splice(0, 1, { variableKey: 'v1', name: 'firstReviewDecision', value: '"rejected"', scopeKey: CASE, processInstanceKey: CASE });
    CASE_VARIABLES.push({ variableKey: 'v4', name: 'decisionReason', value: '"已随用人单位参加职工医保"', scopeKey: CASE, processInstanceKey: CASE });
    try {
      const audit = [entry('106', '13', 'decisionReason', '"已随用人单位参加职工医保"'), entry('105', '13', 'firstReviewDecision', '"rejected"'), ...AUDIT.slice(1)];

      // when / then
      expect((await rows(audit))[2]).toEqual(['li-jing', 'rejected', '已随用人单位参加职工医保', undefined]);
      expect((await rows(undefined))[2]).toEqual(['li-jing', 'rejected', '已随用人单位参加职工医保', undefined]);
    } finally {
      CASE_VARIABLES.splice(0, 1, ...approved);
      CASE_VARIABLES.pop();
    }
  });
});

describe('missingListSettled', () => {
  const row = (userTaskKey: string, elementId: string, decision?: string): HistoryEntry => ({ task: task(userTaskKey, elementId, 'zhang-min'), decision });
  const settled = (entries: HistoryEntry[], missingSetBy?: string) => missingListSettled({ entries, auditAvailable: missingSetBy !== undefined, personalValues: [], missingSetBy });

  it('should settle the list once the step that returned it has approved since', () => {
    expect(settled([row('11', 'firstReview', 'returned'), row('12', 'correctMaterials')])).toBe(false);
    expect(settled([row('11', 'firstReview', 'returned'), row('12', 'correctMaterials'), row('13', 'firstReview', 'approved')])).toBe(true);
  });

  it('should take the return the audit log names: a later return by 复审 to 初审 without a list leaves 初审’s list settled', () => {
    const entries = [row('11', 'firstReview', 'returned'), row('12', 'correctMaterials'), row('13', 'firstReview', 'approved'), row('14', 'secondReview', 'returned')];
    expect(settled(entries, '11')).toBe(true);
    expect(settled(entries)).toBe(false);
  });

  it('should, without an audit log (the return’s row blank), settle it where a step done again has approved', () => {
    expect(settled([row('11', 'firstReview'), row('12', 'correctMaterials'), row('13', 'firstReview', 'approved')])).toBe(true);
    expect(settled([row('11', 'firstReview'), row('12', 'correctMaterials')])).toBe(false);
  });
});

describe('caseHistory’s pages of completed tasks', () => {
  /** A client whose task search answers a full page of `count` tasks with `page` (no cursor unless given). */
  const fullPage = (count: number, page: { totalItems?: number; hasMoreTotalItems?: boolean; endCursor?: string }): V2Client => {
    const tasks = Array.from({ length: count }, (_, index) => task(String(100 + index), `step${index}`, 'zhang-min'));
    return {
      searchUserTasks: async () => ({ items: tasks, page }),
      searchVariables: async () => ({ items: [], page: { totalItems: 0 } }),
      searchAuditLogs: async () => undefined,
    } as unknown as V2Client;
  };

  it('should say the older ones are left out when a full page comes without a cursor to read on', async () => {
    // given a search that answers a full page (200) but no endCursor, and counts more
    const read = await caseHistory(fullPage(200, { totalItems: 250 }), CASE);

    // then the 200 are shown and the page is told the rest are left out
    expect(read.entries).toHaveLength(200);
    expect(read.leftOut).toEqual({ shown: 200, total: 250 });
  });

  it('should say so without a count, and nothing when the count says the page was all', async () => {
    expect((await caseHistory(fullPage(200, {}), CASE)).leftOut).toEqual({ shown: 200 });
    expect((await caseHistory(fullPage(200, { totalItems: 200 }), CASE)).leftOut).toBeUndefined();
  });
});
