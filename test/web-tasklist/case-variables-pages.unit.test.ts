/**
 * The case variables the task page reads (case-data.ts `caseVariables`, through capped-search.ts as the 办理记录's
 * completed tasks) go page after page up to their cap and say what they left out: a read that stops at the cap, or at
 * a full page without a cursor to read on, is never handed on as all there is — the 办理记录 is told its decisions,
 * reasons and remarks were cut short, the 通知书 that notices may be missing. From a /v2 client that pages as the
 * engine does (sorted, `page.after` a cursor, `endCursor` on each page), or answers a full page without a cursor.
 */
import { describe, expect, it } from 'vitest';
import type { Variable } from '../../web-shared/src/api/camunda-types.js';
import type { V2Client } from '../../web-shared/src/api/v2-client.js';
import { caseHistory, caseNotices, caseVariables } from '../../web-tasklist/src/case-data.js';

const CASE = '2251799813685249';

const variable = (name: string, value: unknown = '已核对'): Variable => ({ variableKey: `k-${name}`, name, value: JSON.stringify(value), processInstanceKey: CASE, scopeKey: CASE }) as Variable;
/** `count` remarks of the case, `remark0000Note` …, in the order the search gives them. */
const remarks = (count: number) => Array.from({ length: count }, (_, i) => variable(`remark${String(i).padStart(4, '0')}Note`));

/** A client paging `variables` (matched by `$like`) with a cursor, or — `noCursor` — giving none; the pages asked are noted. */
function pagingClient(variables: Variable[], { noCursor = false } = {}) {
  const asked: { limit: number; after?: string }[] = [];
  const client = {
    async searchVariables(body: { filter: { name?: { $like?: string } }; page: { limit: number; after?: string } }) {
      asked.push(body.page);
      const pattern = new RegExp(`^${(body.filter.name?.$like ?? '*').replace(/\*/g, '.*')}$`);
      const matching = variables.filter((v) => pattern.test(v.name));
      const from = body.page.after ? Number(body.page.after) : 0;
      const items = matching.slice(from, from + body.page.limit);
      return { items, page: { totalItems: matching.length, ...(!noCursor && { endCursor: String(from + items.length) }) } };
    },
    searchUserTasks: async () => ({ items: [], page: { totalItems: 0 } }),
    searchAuditLogs: async () => undefined,
  } as unknown as V2Client;
  return { client, asked };
}

describe('caseVariables', () => {
  it('should read a case’s variables page after page and say nothing left out when all were read', async () => {
    // given a case with 250 remarks
    const { client, asked } = pagingClient(remarks(250));

    // when they are read (pages of 200)
    const read = await caseVariables(client, CASE, { $like: '*Note' });

    // then all 250, in two pages, the second from the first's cursor
    expect(read.items.map((v) => v.name)).toEqual(remarks(250).map((v) => v.name));
    expect(read.leftOut).toBeUndefined();
    expect(asked).toEqual([{ limit: 200 }, { limit: 200, after: '200' }]);
  });

  it('should stop at 1,000 and say how many there are', async () => {
    const read = await caseVariables(pagingClient(remarks(1_001)).client, CASE, { $like: '*Note' });
    expect(read.items).toHaveLength(1_000);
    expect(read.leftOut).toEqual({ shown: 1_000, total: 1_001 });
  });

  it('should say the rest are left out when a full page comes without a cursor to read on', async () => {
    const read = await caseVariables(pagingClient(remarks(250), { noCursor: true }).client, CASE, { $like: '*Note' });
    expect(read.items).toHaveLength(200);
    expect(read.leftOut).toEqual({ shown: 200, total: 250 });
  });
});

describe('what the task page is told when case variables are left out', () => {
  it('should tell the 办理记录 its decisions, reasons and remarks were cut short', async () => {
    // given a case whose remarks come a full page without a cursor
    const { client } = pagingClient(remarks(250), { noCursor: true });

    // when its 办理记录 is read
    const read = await caseHistory(client, CASE);

    // then it says so (no completed task is left out: that is the other note)
    expect(read.valuesLeftOut).toEqual({ shown: 200, total: 250 });
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
});
