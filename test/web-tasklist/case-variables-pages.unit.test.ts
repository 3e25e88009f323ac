/**
 * The case variables the task page reads (case-data.ts `caseVariables`, through capped-search.ts as the 办理记录's
 * completed tasks) go page after page up to their cap, newest first, and say what they left out: a read that stops at
 * the cap, or at a full page without a cursor to read on, is never handed on as all there is — the 办理记录 is told
 * its decisions, reasons and remarks were cut short, the 通知书 that notices may be missing, and a task's form is not
 * opened with fields missing. What the page does not show (a migrated case's other remarks or numbers) cuts nothing.
 * From a /v2 client that pages as the engine does (sorted, `page.after` a cursor, `endCursor` on each page), or
 * answers a full page without a cursor, or without a count.
 */
import { describe, expect, it } from 'vitest';
import type { UserTask, Variable } from '../../web-shared/src/api/camunda-types.js';
import type { V2Client } from '../../web-shared/src/api/v2-client.js';
import { caseHistory, caseNotices, caseVariables, FormDataLeftOut, taskVariables } from '../../web-tasklist/src/case-data.js';
import { nameMatches, type NameFilter } from '../support/variable-search-client.js';

const CASE = '2251799813685249';

let nextKey = 4_000_000;
/** A variable of the case (or of `scopeKey`), its key above every one made before: the newest. */
const variable = (name: string, value: unknown = '已核对', scopeKey = CASE): Variable =>
  ({ variableKey: String(nextKey++), name, value: JSON.stringify(value), processInstanceKey: CASE, scopeKey }) as Variable;
/** `count` remarks of the case, `remark0000Note` …, the oldest first. */
const remarks = (count: number) => Array.from({ length: count }, (_, i) => variable(`remark${String(i).padStart(4, '0')}Note`));

type Page = { limit: number; after?: string };
type Body = { filter: { name?: NameFilter; scopeKey?: string }; sort?: { field: string; order?: string }[]; page: Page };

/**
 * A client paging `variables` (matched by name, in the sort asked: by key, as the engine's tie-breaker) with a cursor,
 * or — `noCursor` — giving none, or — `noCount` — no totalItems; the pages asked, their sort and signals are noted.
 */
function pagingClient(variables: Variable[], { noCursor = false, noCount = false, tasks = [] as UserTask[] } = {}) {
  const asked: Page[] = [];
  const sorts: Body['sort'][] = [];
  const signals: (AbortSignal | undefined)[] = [];
  const answer = (body: Body, options?: { signal?: AbortSignal }) => {
    asked.push(body.page);
    sorts.push(body.sort);
    signals.push(options?.signal);
    const desc = body.sort?.[0]?.field === 'variableKey' && body.sort[0].order === 'desc';
    const matching = variables
      .filter((v) => nameMatches(v.name, body.filter.name) && (body.filter.scopeKey === undefined || v.scopeKey === body.filter.scopeKey))
      .sort((a, b) => (Number(a.variableKey) - Number(b.variableKey)) * (desc ? -1 : 1));
    const from = body.page.after ? Number(body.page.after) : 0;
    const items = matching.slice(from, from + body.page.limit);
    return { items, page: { ...(!noCount && { totalItems: matching.length }), ...(!noCursor && { endCursor: String(from + items.length) }) } };
  };
  const client = {
    searchVariables: async (body: Body, options?: { signal?: AbortSignal }) => answer(body, options),
    searchUserTaskVariables: async (_key: string, body: Body, options?: { signal?: AbortSignal }) => answer(body, options),
    searchUserTasks: async () => ({ items: tasks, page: { totalItems: tasks.length } }),
    searchAuditLogs: async () => undefined,
  } as unknown as V2Client;
  return { client, asked, sorts, signals };
}

describe('caseVariables', () => {
  it('should read a case’s variables page after page, newest first, and say nothing left out when all were read', async () => {
    // given a case with 250 remarks
    const all = remarks(250);
    const { client, asked, sorts } = pagingClient(all);

    // when they are read (pages of 200)
    const read = await caseVariables(client, CASE, { $like: '*Note' });

    // then all 250, newest first, in two pages, the second from the first's cursor, in a stable order (by key)
    expect(read.items.map((v) => v.name)).toEqual(all.map((v) => v.name).reverse());
    expect(read.leftOut).toBeUndefined();
    expect(asked).toEqual([{ limit: 200 }, { limit: 200, after: '200' }]);
    expect(sorts).toEqual([[{ field: 'variableKey', order: 'desc' }], [{ field: 'variableKey', order: 'desc' }]]);
  });

  it('should stop at 1,000 in exactly five pages, keep the newest and say how many there are', async () => {
    // given 1,001 remarks, the oldest a migrated case's
    const all = remarks(1_001);
    const { client, asked } = pagingClient(all);

    // when they are read
    const read = await caseVariables(client, CASE, { $like: '*Note' });

    // then the newest 1,000 (the oldest is the one left out), five pages and no sixth, and the count
    expect(read.items).toHaveLength(1_000);
    expect(read.items.map((v) => v.name)).not.toContain(all[0]!.name);
    expect(read.items[0]!.name).toBe(all[1_000]!.name);
    expect(asked).toHaveLength(5);
    expect(read.leftOut).toEqual({ shown: 1_000, total: 1_001 });
  });

  it('should say nothing left out for exactly 1,000 the search counted as 1,000', async () => {
    const read = await caseVariables(pagingClient(remarks(1_000)).client, CASE, { $like: '*Note' });
    expect(read.items).toHaveLength(1_000);
    expect(read.leftOut).toBeUndefined();
  });

  it('should say more may be left out for 1,000 read without a count', async () => {
    const read = await caseVariables(pagingClient(remarks(1_000), { noCount: true }).client, CASE, { $like: '*Note' });
    expect(read.items).toHaveLength(1_000);
    expect(read.leftOut).toEqual({ shown: 1_000 });
  });

  it('should say the rest are left out when a full page comes without a cursor to read on', async () => {
    const read = await caseVariables(pagingClient(remarks(250), { noCursor: true }).client, CASE, { $like: '*Note' });
    expect(read.items).toHaveLength(200);
    expect(read.leftOut).toEqual({ shown: 200, total: 250 });
  });

  it('should pass the page’s signal with every page it asks', async () => {
    const { client, signals } = pagingClient(remarks(1_001));
    const { signal } = new AbortController();
    await caseVariables(client, CASE, { $like: '*Note' }, { signal });
    expect(signals).toHaveLength(5);
    expect(signals.every((each) => each === signal)).toBe(true);
  });
});

/** A completed task of the case: `elementId`'s completion number `n`, in scope `scope-<n>`. */
const completed = (elementId: string, n: number): UserTask =>
  ({ userTaskKey: String(9_000 + n), elementId, elementInstanceKey: `scope-${n}`, processInstanceKey: CASE, state: 'COMPLETED', assignee: 'li-jing', completionDate: `2026-03-02T0${n}:00:00.000Z` }) as UserTask;

describe('what the task page is told when case variables are left out', () => {
  it('should read the 办理记录’s own values by name, so a case’s thousand other remarks leave nothing out', async () => {
    // given a case of one 初审, approved with a remark, and 1,001 remarks of a migrated case besides
    const { client } = pagingClient([variable('reviewDecision', 'approved'), variable('reviewNote', '材料齐全'), ...remarks(1_001)], { tasks: [completed('review', 1)] });

    // when its 办理记录 is read
    const read = await caseHistory(client, CASE);

    // then the row shows its decision and remark, and nothing is said to be left out
    expect(read.entries.map(({ decision, note }) => [decision, note])).toEqual([['approved', '材料齐全']]);
    expect(read.valuesLeftOut).toBeUndefined();
    expect(read.leftOut).toBeUndefined();
  });

  it('should tell the 办理记录 its decisions, reasons and remarks were cut short where its own were more than the read', async () => {
    // given a step done once whose remark 1,001 scopes hold (a copy each: a case no process of the office makes)
    const copies = Array.from({ length: 1_001 }, (_, i) => variable('reviewNote', `说明 ${i}`, `scope-${i + 100}`));
    const { client } = pagingClient(copies, { tasks: [completed('review', 1)] });

    // when its 办理记录 is read
    const read = await caseHistory(client, CASE);

    // then it says so (no completed task is left out: that is the other note)
    expect(read.valuesLeftOut).toEqual({ shown: 1_000, total: 1_001 });
    expect(read.leftOut).toBeUndefined();
  });

  it('should tell the 通知书 that notices may be missing, and nothing when all were read', async () => {
    const notice = (i: number) => variable(`notice${String(i).padStart(4, '0')}Document`, [{ documentId: `d${i}`, metadata: { fileName: `告知书${i}.pdf` } }]);
    const many = Array.from({ length: 1_001 }, (_, i) => notice(i));
    const read = await caseNotices(pagingClient(many).client, CASE);
    expect(read.notices).toHaveLength(1_000);
    expect(read.leftOut).toEqual({ shown: 1_000, total: 1_001 });
    expect((await caseNotices(pagingClient(many.slice(0, 3)).client, CASE)).leftOut).toBeUndefined();
  });

  it('should read the notices’ numbers by their own names: 1,001 other numbers leave no notice out', async () => {
    // given two notices with their numbers, and 1,001 other …Number variables (a migrated case's)
    const reference = (id: string) => [{ documentId: id, metadata: { fileName: `${id}.pdf` } }];
    const numbers = Array.from({ length: 1_001 }, (_, i) => variable(`legacy${String(i).padStart(4, '0')}Number`, `旧编号 ${i}`));
    const own = [variable('missingNoticeDocument', reference('a')), variable('missingNoticeNumber', '告知第0001号'), variable('refusalNoticeDocument', reference('b')), variable('refusalNoticeNumber', '告知第0002号')];
    const { client } = pagingClient([...own, ...numbers]);

    // when the 通知书 are read
    const read = await caseNotices(client, CASE);

    // then both notices show with their numbers, and nothing is said to be missing
    expect(read.notices.map((notice) => notice.number).sort()).toEqual(['告知第0001号', '告知第0002号']);
    expect(read.leftOut).toBeUndefined();
  });

  it('should refuse a task’s form whose variables were read only in part', async () => {
    // given a task whose form names more variables than its read takes (a cap of 2 here), and one that fits
    const vars = [variable('personName', '马福林'), variable('phone', '13997110002'), variable('bankAccount', '6222')];
    const { client } = pagingClient(vars);
    const limits = { cap: 2, page: 2 };

    // then the first is refused, saying how many, and the second read whole
    await expect(taskVariables(client, '9001', ['personName', 'phone', 'bankAccount'], undefined, limits)).rejects.toMatchObject({ constructor: FormDataLeftOut, leftOut: { shown: 2, total: 3 } });
    expect(await taskVariables(client, '9001', ['personName', 'phone'], undefined, limits)).toEqual({ personName: '马福林', phone: '13997110002' });
  });
});
