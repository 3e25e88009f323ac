import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  InvalidSearchError,
  javaStringHash,
  MAX_TOTAL_ITEMS,
  runSearch,
  type SearchRequest,
  type SearchSpec,
} from '../../../engine/store/search-query.js';
import { StoreConnection } from '../../../engine/store/store-connection.js';

interface ItemRow {
  item_key: number;
  name: string | null;
  version: number;
  created: string | null;
  state: string;
  flag: number;
  parent_key: number | null;
}

const connections = new WeakMap<Database.Database, StoreConnection>();
/** The store's connection over a test's own file (no table projected), one per file. */
function over(db: Database.Database): StoreConnection {
  let connection = connections.get(db);
  if (!connection) connections.set(db, (connection = new StoreConnection(db)));
  return connection;
}

const BASE = 2251799813685200;
const DAY = 86_400_000;
const SPECIAL_NAMES = ['a*b', 'a?b', 'aXb', 'A*B', 'a\\b', 'a[b]'];

function makeRow(i: number): ItemRow {
  return {
    item_key: BASE + i,
    name: SPECIAL_NAMES[i] ?? (i % 10 === 9 ? null : `item-${String(i).padStart(2, '0')}`),
    version: (i % 5) + 1,
    created: i % 11 === 10 ? null : new Date(Date.UTC(2024, 0, 1) + (i % 7) * DAY + i * 1000).toISOString(),
    state: ['ACTIVE', 'COMPLETED', 'TERMINATED'][i % 3] ?? 'ACTIVE',
    flag: i % 2,
    parent_key: i % 4 === 0 ? null : BASE + (i % 4),
  };
}

const ALL: ItemRow[] = Array.from({ length: 50 }, (_, i) => makeRow(i));

const spec: SearchSpec = {
  table: 'items',
  fields: {
    itemKey: { column: 'item_key', kind: 'key' },
    name: { column: 'name', kind: 'string' },
    version: { column: 'version', kind: 'int' },
    created: { column: 'created', kind: 'date' },
    state: { column: 'state', kind: 'enum' },
    flag: { column: 'flag', kind: 'bool' },
    parentKey: { column: 'parent_key', kind: 'key' },
    names: { column: 'name', kind: 'oneOf' },
  },
  sortFields: ['itemKey', 'name', 'version', 'created', 'state', 'parentKey'],
  tieBreaker: 'itemKey',
};

const COLUMN: Record<string, keyof ItemRow> = {
  itemKey: 'item_key',
  name: 'name',
  version: 'version',
  created: 'created',
  state: 'state',
  parentKey: 'parent_key',
};

/** Reference ordering in JS: NULL smallest, tie breaker ascending last. */
function expectedOrder(rows: ItemRow[], sort: { field: string; order?: string }[] = []): number[] {
  const keys = [...sort.map((s) => ({ col: COLUMN[s.field] ?? 'item_key', desc: s.order?.toLowerCase() === 'desc' }))];
  keys.push({ col: 'item_key', desc: false });
  return [...rows]
    .sort((a, b) => {
      for (const { col, desc } of keys) {
        const x = a[col];
        const y = b[col];
        if (x === y) continue;
        const cmp = x === null ? -1 : y === null ? 1 : x < y ? -1 : 1;
        return desc ? -cmp : cmp;
      }
      return 0;
    })
    .map((r) => r.item_key);
}

const keysOf = (rows: ItemRow[]): number[] => rows.map((r) => r.item_key);

describe('runSearch', () => {
  let dir: string;
  let db: Database.Database;

  const search = (request: SearchRequest, extra?: { where: string; params: unknown[] }) =>
    runSearch<ItemRow>(over(db), spec, request, extra);
  const keysFor = (filter: Record<string, unknown>): number[] =>
    keysOf(search({ filter, page: { limit: 10000 } }).rows);
  const expectedKeys = (predicate: (row: ItemRow) => boolean): number[] => expectedOrder(ALL.filter(predicate));

  const searchError = (request: SearchRequest): InvalidSearchError => {
    try {
      search(request);
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidSearchError);
      return e as InvalidSearchError;
    }
    throw new Error('expected an InvalidSearchError');
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'search-query-'));
    db = new Database(join(dir, 'search.db'));
    db.pragma('journal_mode = WAL');
    db.exec(`CREATE TABLE items (
      item_key INTEGER PRIMARY KEY,
      name TEXT,
      version INTEGER NOT NULL,
      created TEXT,
      state TEXT NOT NULL,
      flag INTEGER NOT NULL,
      parent_key INTEGER
    )`);
    const insert = db.prepare(
      'INSERT INTO items VALUES (@item_key, @name, @version, @created, @state, @flag, @parent_key)',
    );
    db.transaction(() => ALL.forEach((row) => insert.run(row)))();
  });

  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('filters', () => {
    it('should match plain values by equality for every kind', () => {
      // given
      const key = String(BASE + 7);

      // when
      const byKey = keysFor({ itemKey: key });
      const byName = keysFor({ name: 'item-12' });
      const byVersion = keysFor({ version: 3 });
      const byFlag = keysFor({ flag: true });
      const byParent = keysFor({ parentKey: String(BASE + 2), flag: false });
      const byDate = keysFor({ created: ALL[8]?.created });

      // then
      expect(byKey).toEqual([BASE + 7]);
      expect(byName).toEqual([BASE + 12]);
      expect(byVersion).toEqual(expectedKeys((r) => r.version === 3));
      expect(byFlag).toEqual(expectedKeys((r) => r.flag === 1));
      expect(byParent).toEqual(expectedKeys((r) => r.parent_key === BASE + 2 && r.flag === 0));
      expect(byDate).toEqual([BASE + 8]);
    });

    it('should support $eq, $neq (including NULLs) and $exists', () => {
      // when
      const eq = keysFor({ name: { $eq: 'item-20' } });
      const neq = keysFor({ name: { $neq: 'item-20' } });
      const exists = keysFor({ parentKey: { $exists: true } });
      const missing = keysFor({ parentKey: { $exists: false } });
      const neqKey = keysFor({ parentKey: { $neq: String(BASE + 1) } });

      // then
      expect(eq).toEqual([BASE + 20]);
      expect(neq).toEqual(expectedKeys((r) => r.name !== 'item-20'));
      expect(neq).toContain(BASE + 9); // name IS NULL
      expect(exists).toEqual(expectedKeys((r) => r.parent_key !== null));
      expect(missing).toEqual(expectedKeys((r) => r.parent_key === null));
      expect(neqKey).toEqual(expectedKeys((r) => r.parent_key !== BASE + 1));
    });

    it('should support $in and $notIn', () => {
      // when
      const inKeys = keysFor({ itemKey: { $in: [String(BASE + 1), String(BASE + 3), '999'] } });
      const inNames = keysFor({ name: { $in: ['item-10', 'item-11'] } });
      const notIn = keysFor({ parentKey: { $notIn: [String(BASE + 1), String(BASE + 2)] } });
      const emptyIn = keysFor({ name: { $in: [] } });
      const emptyNotIn = keysFor({ name: { $notIn: [] } });
      const versions = keysFor({ version: { $in: [1, 5] } });

      // then
      expect(inKeys).toEqual([BASE + 1, BASE + 3]);
      expect(inNames).toEqual([BASE + 10, BASE + 11]);
      expect(notIn).toEqual(expectedKeys((r) => r.parent_key !== BASE + 1 && r.parent_key !== BASE + 2));
      expect(emptyIn).toEqual([]);
      expect(emptyNotIn).toHaveLength(50);
      expect(versions).toEqual(expectedKeys((r) => r.version === 1 || r.version === 5));
    });

    it('should support range operators on ints and dates, normalising input dates', () => {
      // given
      const jan3 = Date.UTC(2024, 0, 3);
      const jan5 = Date.UTC(2024, 0, 5);
      const inRange = (r: ItemRow): boolean =>
        r.created !== null && Date.parse(r.created) >= jan3 && Date.parse(r.created) < jan5;

      // when
      const ints = keysFor({ version: { $gt: 1, $lte: 3 } });
      const intsOpen = keysFor({ version: { $gte: 4, $lt: 5 } });
      const dates = keysFor({ created: { $gte: '2024-01-03T00:00:00+00:00', $lt: '2024-01-05' } });
      const keyRange = keysFor({ created: { $gt: '2024-01-06T23:59:59.999Z' } });

      // then
      expect(ints).toEqual(expectedKeys((r) => r.version > 1 && r.version <= 3));
      expect(intsOpen).toEqual(expectedKeys((r) => r.version === 4));
      expect(dates.length).toBeGreaterThan(0);
      expect(dates).toEqual(expectedKeys(inRange));
      expect(keyRange).toEqual(
        expectedKeys((r) => r.created !== null && Date.parse(r.created) > Date.parse('2024-01-06T23:59:59.999Z')),
      );
    });

    it('should translate $like wildcards case-sensitively', () => {
      // when
      const star = keysFor({ name: { $like: 'a*b' } });
      const question = keysFor({ name: { $like: 'a?b' } });
      const prefix = keysFor({ name: { $like: 'item-1*' } });
      const upper = keysFor({ name: { $like: 'A*' } });

      // then
      expect(star).toEqual([BASE + 0, BASE + 1, BASE + 2, BASE + 4]);
      expect(question).toEqual([BASE + 0, BASE + 1, BASE + 2, BASE + 4]);
      expect(prefix).toEqual(expectedKeys((r) => r.name?.startsWith('item-1') === true));
      expect(upper).toEqual([BASE + 3]);
    });

    it('should treat backslash-escaped wildcards and brackets literally in $like', () => {
      // when
      const literalStar = keysFor({ name: { $like: 'a\\*b' } });
      const literalQuestion = keysFor({ name: { $like: 'a\\?b' } });
      const literalBackslash = keysFor({ name: { $like: 'a\\\\b' } });
      const bracket = keysFor({ name: { $like: 'a[b]' } });
      const bracketWildcard = keysFor({ name: { $like: '*[*' } });

      // then
      expect(literalStar).toEqual([BASE + 0]);
      expect(literalQuestion).toEqual([BASE + 1]);
      expect(literalBackslash).toEqual([BASE + 4]);
      expect(bracket).toEqual([BASE + 5]);
      expect(bracketWildcard).toEqual([BASE + 5]);
    });

    it('should compare enum values case-insensitively', () => {
      // when
      const plain = keysFor({ state: 'active' });
      const eq = keysFor({ state: { $eq: 'Completed' } });
      const inList = keysFor({ state: { $in: ['active', 'TERMINATED'] } });
      const neq = keysFor({ state: { $neq: 'active' } });
      const like = keysFor({ state: { $like: 'term*' } });

      // then
      expect(plain).toEqual(expectedKeys((r) => r.state === 'ACTIVE'));
      expect(eq).toEqual(expectedKeys((r) => r.state === 'COMPLETED'));
      expect(inList).toEqual(expectedKeys((r) => r.state !== 'COMPLETED'));
      expect(neq).toEqual(expectedKeys((r) => r.state !== 'ACTIVE'));
      expect(like).toEqual(expectedKeys((r) => r.state === 'TERMINATED'));
    });

    it('should OR the entries of $or and AND them with the other fields', () => {
      // when
      const keys = keysFor({ flag: true, $or: [{ state: 'ACTIVE' }, { version: { $gte: 5 } }] });

      // then
      expect(keys).toEqual(expectedKeys((r) => r.flag === 1 && (r.state === 'ACTIVE' || r.version >= 5)));
    });

    it('should AND the extra condition supplied by the caller', () => {
      // when
      const result = search({ filter: { state: 'ACTIVE' } }, { where: 'version = ?', params: [2] });

      // then
      const expected = expectedKeys((r) => r.state === 'ACTIVE' && r.version === 2);
      expect(keysOf(result.rows)).toEqual(expected);
      expect(result.page.totalItems).toBe(expected.length);
    });

    it('should match a oneOf field (a plain list) on any of its values, and refuse anything but a list', () => {
      // when
      const some = keysFor({ names: ['item-07', 'item-11', 'none'] });
      const none = keysFor({ names: [] });
      const notAList = searchError({ filter: { names: 'item-07' } });
      const operator = searchError({ filter: { names: { $in: ['item-07'] } } });

      // then
      expect(some).toEqual(expectedKeys((r) => r.name === 'item-07' || r.name === 'item-11'));
      expect(none).toEqual([]);
      expect(notAList.field).toBe('names');
      expect(operator.message).toContain('names');
    });

    it('should ignore null filter values', () => {
      // when
      const result = search({ filter: { name: null, state: undefined } });

      // then
      expect(result.page.totalItems).toBe(50);
    });
  });

  describe('sort and offset paging', () => {
    it('should default to the tie breaker ascending and a limit of 100', () => {
      // when
      const result = search({});

      // then
      expect(keysOf(result.rows)).toEqual(expectedOrder(ALL));
      expect(result.page.totalItems).toBe(50);
      expect(result.page.startCursor).toBeDefined();
      expect(result.page.endCursor).toBeDefined();
    });

    it('should sort by several fields in mixed directions with NULLs smallest', () => {
      // given
      const sorts = [
        [{ field: 'state', order: 'DESC' }, { field: 'version' }],
        [{ field: 'name', order: 'asc' }],
        [{ field: 'created', order: 'desc' }, { field: 'parentKey', order: 'ASC' }],
        [{ field: 'parentKey', order: 'desc' }, { field: 'itemKey', order: 'desc' }],
      ];

      for (const sort of sorts) {
        // when
        const result = search({ sort, page: { limit: 100 } });

        // then
        expect(keysOf(result.rows)).toEqual(expectedOrder(ALL, sort));
      }
    });

    it('should return the requested offset page and the total count', () => {
      // given
      const sort = [{ field: 'version', order: 'desc' }, { field: 'name' }];

      // when
      const result = search({ sort, page: { from: 10, limit: 7 } });

      // then
      expect(keysOf(result.rows)).toEqual(expectedOrder(ALL, sort).slice(10, 17));
      expect(result.page.totalItems).toBe(50);
    });

    it('should return no rows and no cursors past the end', () => {
      // when
      const result = search({ page: { from: 50, limit: 10 } });

      // then
      expect(result.rows).toEqual([]);
      expect(result.page).toEqual({ totalItems: 50, hasMoreTotalItems: false });
    });
  });

  describe('cursor paging', () => {
    const sorts: { field: string; order?: string }[][] = [
      [],
      [{ field: 'name' }],
      [{ field: 'name', order: 'desc' }, { field: 'created', order: 'asc' }],
      [{ field: 'created', order: 'desc' }, { field: 'parentKey' }, { field: 'version', order: 'desc' }],
      [{ field: 'state' }, { field: 'parentKey', order: 'desc' }],
    ];

    it.each(sorts.map((sort) => [JSON.stringify(sort), sort] as const))(
      'should walk forward with after and back with before without gaps or duplicates (sort %s)',
      (_label, sort) => {
        // given
        const filter = { version: { $neq: 3 } };
        const expected = expectedOrder(
          ALL.filter((r) => r.version !== 3),
          sort,
        );
        const limit = 7;

        // when
        const forward: number[][] = [];
        let page = search({ filter, sort, page: { limit } });
        let lastStartCursor: string | undefined;
        while (page.rows.length > 0) {
          if (forward.length > expected.length) throw new Error('forward walk does not terminate');
          expect(page.page.totalItems).toBe(expected.length);
          forward.push(keysOf(page.rows));
          lastStartCursor = page.page.startCursor;
          const after = page.page.endCursor;
          expect(after).toBeDefined();
          page = search({ filter, sort, page: { after, limit } });
        }
        expect(page.page.startCursor).toBeUndefined();
        expect(page.page.endCursor).toBeUndefined();

        const backward: number[][] = [forward[forward.length - 1] ?? []];
        let before = lastStartCursor;
        for (;;) {
          if (backward.length > expected.length) throw new Error('backward walk does not terminate');
          const previous = search({ filter, sort, page: { before, limit } });
          if (previous.rows.length === 0) break;
          expect(previous.page.totalItems).toBe(expected.length);
          backward.unshift(keysOf(previous.rows));
          before = previous.page.startCursor;
        }

        // then
        expect(forward.flat()).toEqual(expected);
        expect(backward).toEqual(forward);
        expect(forward.map((p) => p.length)).toEqual(
          Array.from({ length: Math.ceil(expected.length / limit) }, (_, i) =>
            Math.min(limit, expected.length - i * limit),
          ),
        );
      },
    );

    it('should return the page immediately before a cursor in the middle', () => {
      // given
      const sort = [{ field: 'name', order: 'desc' }];
      const expected = expectedOrder(ALL, sort);
      const third = search({ sort, page: { from: 20, limit: 10 } });

      // when
      const result = search({ sort, page: { before: third.page.startCursor, limit: 10 } });

      // then
      expect(keysOf(result.rows)).toEqual(expected.slice(10, 20));
    });

    it('should produce cursors that continue an offset page', () => {
      // given
      const sort = [{ field: 'created' }];
      const first = search({ sort, page: { from: 0, limit: 15 } });

      // when
      const next = search({ sort, page: { after: first.page.endCursor, limit: 15 } });

      // then
      expect(keysOf(next.rows)).toEqual(expectedOrder(ALL, sort).slice(15, 30));
    });
  });

  describe('errors', () => {
    it('should reject unknown filter fields naming the field', () => {
      // when
      const error = searchError({ filter: { variables: [{ name: 'x', value: '1' }] } });

      // then
      expect(error.code).toBe('INVALID_SEARCH');
      expect(error.status).toBe(400);
      expect(error.field).toBe('variables');
      expect(error.message).toContain('variables');
    });

    it('should reject operators that the field kind does not support', () => {
      // then
      expect(searchError({ filter: { itemKey: { $like: '1*' } } }).field).toBe('itemKey');
      expect(searchError({ filter: { name: { $gt: 'a' } } }).field).toBe('name');
      expect(searchError({ filter: { state: { $notIn: ['ACTIVE'] } } }).field).toBe('state');
      expect(searchError({ filter: { flag: { $eq: true } } }).field).toBe('flag');
      expect(searchError({ filter: { name: { $regex: 'a' } } }).field).toBe('name');
      expect(searchError({ filter: { name: { eq: 'a' } } }).field).toBe('name');
    });

    it('should reject malformed values', () => {
      // then
      expect(searchError({ filter: { itemKey: 'abc' } }).field).toBe('itemKey');
      expect(searchError({ filter: { itemKey: '1.5' } }).field).toBe('itemKey');
      expect(searchError({ filter: { created: 'not a date' } }).field).toBe('created');
      expect(searchError({ filter: { version: 'three' } }).field).toBe('version');
      expect(searchError({ filter: { flag: 'true' } }).field).toBe('flag');
      expect(searchError({ filter: { name: { $exists: 'yes' } } }).field).toBe('name');
      expect(searchError({ filter: { name: { $in: 'a' } } }).field).toBe('name');
      expect(searchError({ filter: { name: ['a'] } }).field).toBe('name');
    });

    it('should name the filter when the filter, the sort and the page are all invalid', () => {
      // then
      expect(searchError({ filter: { name: { $gt: 'a' } }, sort: [{ field: 'nope' }], page: { limit: 0 } }).field).toBe('name');
      expect(searchError({ sort: [{ field: 'nope' }], page: { limit: 0 } }).field).toBe('nope');
    });

    it('should reject unknown sort fields and orders', () => {
      // then
      expect(searchError({ sort: [{ field: 'flag' }] }).field).toBe('flag');
      expect(searchError({ sort: [{ field: 'nope' }] }).field).toBe('nope');
      expect(searchError({ sort: [{ field: 'name', order: 'up' }] }).field).toBe('name');
    });

    it('should reject bad cursors', () => {
      // given
      const sort = [{ field: 'name' }];
      const valid = search({ sort, page: { limit: 5 } }).page.endCursor;
      const wrongLength = Buffer.from(JSON.stringify([1])).toString('base64url');
      const nullTieBreaker = Buffer.from(JSON.stringify(['a', null])).toString('base64url');
      const objectValue = Buffer.from(JSON.stringify([{}, 1])).toString('base64url');

      // then
      expect(searchError({ sort, page: { after: 'not base64!' } }).field).toBe('page.after');
      expect(searchError({ sort, page: { after: 'Zm9v' } }).field).toBe('page.after');
      expect(searchError({ sort, page: { before: wrongLength } }).field).toBe('page.before');
      expect(searchError({ sort, page: { after: nullTieBreaker } }).field).toBe('page.after');
      expect(searchError({ sort, page: { after: objectValue } }).field).toBe('page.after');
      expect(searchError({ sort, page: { after: '' } }).field).toBe('page.after');
      // a cursor from a different sort has the wrong shape
      expect(searchError({ sort: [{ field: 'name' }, { field: 'version' }], page: { after: valid } }).field).toBe(
        'page.after',
      );
    });

    it('should reject mixing offset and cursor paging and invalid page values', () => {
      // given
      const cursor = search({ page: { limit: 5 } }).page.endCursor;

      // then
      expect(searchError({ page: { from: 0, after: cursor } }).field).toBe('page');
      expect(searchError({ page: { from: 5, before: cursor } }).field).toBe('page');
      expect(searchError({ page: { after: cursor, before: cursor } }).field).toBe('page');
      expect(searchError({ page: { limit: 10001 } }).field).toBe('page.limit');
      expect(searchError({ page: { limit: 0 } }).field).toBe('page.limit');
      expect(searchError({ page: { from: -1 } }).field).toBe('page.from');
    });
  });

  describe('statement cache', () => {
    it('should prepare each SQL text only once per connection', () => {
      // given
      const request: SearchRequest = { filter: { name: { $like: 'item*' }, version: { $in: [1, 2] } }, sort: [{ field: 'created' }] };
      search(request);
      const prepare = vi.spyOn(db, 'prepare');

      // when
      search(request);
      search({ ...request, filter: { name: { $like: 'a*' }, version: { $in: [1, 2, 3, 4] } } });

      // then
      expect(prepare).not.toHaveBeenCalled();
      prepare.mockRestore();
    });
  });
});

describe('runSearch on a member field (values in a side table)', () => {
  // tasks 1…6 and their candidate groups; task 6 has none
  const GROUPS: Record<number, string[]> = { 1: ['初审'], 2: ['复审'], 3: ['初审', '复审'], 4: ['财务'], 5: ['window-*'], 6: [] };
  const memberSpec: SearchSpec = {
    table: 'tasks',
    fields: {
      taskKey: { column: 'task_key', kind: 'key' },
      candidateGroup: { column: 'task_key', kind: 'member', members: { table: 'candidates', owner: 'task', value: 'value', where: `kind = 'group'` } },
    },
    sortFields: ['taskKey'],
    tieBreaker: 'taskKey',
  };
  let dir: string;
  let db: Database.Database;
  const keysFor = (candidateGroup: unknown): number[] =>
    runSearch<{ task_key: number }>(over(db), memberSpec, { filter: { candidateGroup } }).rows.map((row) => row.task_key);

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'search-member-'));
    db = new Database(join(dir, 'search.db'));
    db.exec(`CREATE TABLE tasks (task_key INTEGER PRIMARY KEY); CREATE TABLE candidates (task INTEGER, kind TEXT, value TEXT);`);
    for (const [key, groups] of Object.entries(GROUPS)) {
      db.prepare('INSERT INTO tasks VALUES (?)').run(Number(key));
      for (const group of groups) db.prepare(`INSERT INTO candidates VALUES (?, 'group', ?)`).run(Number(key), group);
    }
    // a candidate user of the same value must not count as a group
    db.prepare(`INSERT INTO candidates VALUES (6, 'user', '初审')`).run();
  });

  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('should match a row when one of its values matches ($eq, plain value, $in, $like)', () => {
    // when / then
    expect(keysFor('初审')).toEqual([1, 3]);
    expect(keysFor({ $eq: '复审' })).toEqual([2, 3]);
    expect(keysFor({ $in: ['复审', '财务'] })).toEqual([2, 3, 4]);
    expect(keysFor({ $in: [] })).toEqual([]);
    expect(keysFor({ $like: '*审' })).toEqual([1, 2, 3]);
    expect(keysFor({ $like: 'window-\\*' })).toEqual([5]);
  });

  it('should match a row when none of its values matches ($neq, $notIn)', () => {
    // when / then
    expect(keysFor({ $neq: '初审' })).toEqual([2, 4, 5, 6]);
    expect(keysFor({ $notIn: ['初审', '复审'] })).toEqual([4, 5, 6]);
    expect(keysFor({ $notIn: [] })).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('should test for any value with $exists', () => {
    // when / then
    expect(keysFor({ $exists: true })).toEqual([1, 2, 3, 4, 5]);
    expect(keysFor({ $exists: false })).toEqual([6]);
  });

  it('should AND several operators of one field', () => {
    // when / then
    expect(keysFor({ $in: ['初审', '财务'], $neq: '复审' })).toEqual([1, 4]);
  });

  it('should refuse an unknown operator and a wrong operand with 400 errors naming the field', () => {
    // when
    const errorOf = (candidateGroup: unknown) => {
      try {
        keysFor(candidateGroup);
      } catch (error) {
        return error as InvalidSearchError;
      }
      throw new Error('expected an InvalidSearchError');
    };

    // then
    expect(errorOf({ $gt: 'a' })).toMatchObject({ status: 400, field: 'candidateGroup', message: expect.stringContaining("'$gt'") });
    expect(errorOf({ $contains: 'a' }).message).toContain("'$contains'");
    expect(errorOf({ $in: 'a' }).message).toContain('must be an array');
    expect(errorOf({ $exists: 'yes' }).message).toContain('boolean');
  });
});

describe('runSearch on a member field whose side rows copy the owner\'s state', () => {
  // task 1 open in group 初审, task 2 done in it: the group's side rows carry their task's state. Task 3's copy is
  // stale on purpose (it says DONE, the task is OPEN): it shows which side rows a search starts from.
  const mirrorSpec: SearchSpec = {
    table: 'tasks',
    fields: {
      taskKey: { column: 'task_key', kind: 'key' },
      state: { column: 'state', kind: 'enum' },
      candidateGroup: {
        column: 'task_key',
        kind: 'member',
        members: { table: 'candidates', owner: 'task', value: 'value', where: `kind = 'group'`, mirrors: { field: 'state', column: 'state' } },
      },
    },
    sortFields: ['taskKey'],
    tieBreaker: 'taskKey',
  };
  let dir: string;
  let db: Database.Database;
  const search = (filter: Record<string, unknown>) => runSearch<{ task_key: number }>(over(db), mirrorSpec, { filter });
  const keysFor = (filter: Record<string, unknown>): number[] => search(filter).rows.map((row) => row.task_key);

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'search-mirror-'));
    db = new Database(join(dir, 'search.db'));
    db.exec(`CREATE TABLE tasks (task_key INTEGER PRIMARY KEY, state TEXT NOT NULL);
      CREATE TABLE candidates (task INTEGER, kind TEXT, value TEXT, state TEXT);
      INSERT INTO tasks VALUES (1, 'OPEN'), (2, 'DONE'), (3, 'OPEN');
      INSERT INTO candidates VALUES (1, 'group', '初审', 'OPEN'), (2, 'group', '初审', 'DONE'), (3, 'group', '复审', 'DONE');`);
  });

  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('should start from the side rows of owners in the one state the filter names (plain or $eq), in the page and the count', () => {
    // when / then: task 3's stale copy keeps it out — only side rows copying OPEN were read
    expect(keysFor({ state: 'OPEN', candidateGroup: '复审' })).toEqual([]);
    expect(search({ state: { $eq: 'open' }, candidateGroup: { $in: ['初审', '复审'] } }).page.totalItems).toBe(1);
    expect(keysFor({ state: { $eq: 'open' }, candidateGroup: { $in: ['初审', '复审'] } })).toEqual([1]);
    expect(keysFor({ state: 'DONE', candidateGroup: '初审' })).toEqual([2]);
  });

  it('should test every side row when the filter names no single state', () => {
    // when / then: the owner's own state decides
    expect(keysFor({ candidateGroup: '复审' })).toEqual([3]);
    expect(keysFor({ state: { $in: ['OPEN'] }, candidateGroup: '复审' })).toEqual([3]);
    expect(keysFor({ state: { $neq: 'DONE' }, candidateGroup: '复审' })).toEqual([3]);
    expect(keysFor({ $or: [{ state: 'OPEN' }], candidateGroup: '复审' })).toEqual([3]);
  });
});

describe('runSearch on related fields (rows of another table that refer to the row)', () => {
  // cases 1…4 and their steps: case 1 at 'check' (open) after 'start'; case 2 done with 'check'; case 3 at 'pay'
  // (open, with a problem); case 4 has no steps. Failed attempts: case 2 failed once and will retry.
  const STEPS: [number, string, string, number][] = [
    [1, 'start', 'DONE', 0], [1, 'check', 'OPEN', 0], [2, 'check', 'DONE', 0], [3, 'pay', 'OPEN', 1],
  ];
  const relatedSpec: SearchSpec = {
    table: 'cases',
    fields: {
      caseKey: { column: 'case_key', kind: 'key' },
      stepId: { column: 'case_key', kind: 'related', related: { table: 'steps s', owner: 's.case_key', value: 's.step_id', valueKind: 'string', group: 'step' } },
      stepState: { column: 'case_key', kind: 'related', related: { table: 'steps s', owner: 's.case_key', value: 's.state', valueKind: 'enum', group: 'step' } },
      stepHasProblem: { column: 'case_key', kind: 'related', related: { table: 'steps s', owner: 's.case_key', value: 's.problem = 1', valueKind: 'bool', group: 'step' } },
      stepHash: { column: 'case_key', kind: 'related', related: { table: 'steps s', owner: 's.case_key', value: 'java_string_hash(s.step_id)', valueKind: 'int' } },
      retrying: { column: 'case_key', kind: 'related', related: { table: 'attempts a', owner: 'a.case_key', where: 'a.retries > 0', valueKind: 'exists' } },
      colour: { column: 'case_key', kind: 'unsupported', reason: 'cases have no colour' },
    },
    sortFields: ['caseKey'],
    tieBreaker: 'caseKey',
  };
  let dir: string;
  let db: Database.Database;
  const keysFor = (filter: Record<string, unknown>): number[] =>
    runSearch<{ case_key: number }>(over(db), relatedSpec, { filter }).rows.map((row) => row.case_key);

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'search-related-'));
    db = new Database(join(dir, 'search.db'));
    db.exec(`CREATE TABLE cases (case_key INTEGER PRIMARY KEY);
      CREATE TABLE steps (case_key INTEGER NOT NULL, step_id TEXT, state TEXT, problem INTEGER);
      CREATE TABLE attempts (case_key INTEGER NOT NULL, retries INTEGER);`);
    for (const key of [1, 2, 3, 4]) db.prepare('INSERT INTO cases VALUES (?)').run(key);
    for (const step of STEPS) db.prepare('INSERT INTO steps VALUES (?, ?, ?, ?)').run(...step);
    db.prepare('INSERT INTO attempts VALUES (2, 1), (3, 0)').run();
  });

  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('should test the fields of one group on one and the same related row', () => {
    // when / then
    expect(keysFor({ stepId: 'check' })).toEqual([1, 2]);
    expect(keysFor({ stepId: 'check', stepState: 'open' })).toEqual([1]);
    expect(keysFor({ stepId: 'start', stepState: 'OPEN' })).toEqual([]); // case 1 has both, on different steps
    expect(keysFor({ stepState: { $in: ['OPEN'] }, stepHasProblem: true })).toEqual([3]);
    expect(keysFor({ stepId: { $like: 'p*' }, stepHasProblem: false })).toEqual([]);
  });

  it('should work inside $or alternatives, each alternative its own related row', () => {
    // when / then
    expect(keysFor({ $or: [{ stepId: 'start', stepState: 'DONE' }, { retrying: true }] })).toEqual([1, 2]);
    expect(keysFor({ $or: [{ stepId: 'pay' }, { stepHash: javaStringHash('check') }] })).toEqual([1, 2, 3]);
  });

  it('should test for a related row with an exists field: true some, false none', () => {
    // when / then
    expect(keysFor({ retrying: true })).toEqual([2]);
    expect(keysFor({ retrying: false })).toEqual([1, 3, 4]);
    expect(keysFor({ stepId: { $exists: true } })).toEqual([1, 2, 3]);
    expect(keysFor({ stepId: { $exists: false } })).toEqual([4]);
  });

  it("should compute Java's String.hashCode() for hash filters", () => {
    // when / then: values of Java's "hello".hashCode() and friends, overflow included
    expect(javaStringHash('')).toBe(0);
    expect(javaStringHash('hello')).toBe(99162322);
    expect(javaStringHash('Hello World')).toBe(-862545276);
    expect(keysFor({ stepHash: { $gte: javaStringHash('pay'), $lte: javaStringHash('pay') } })).toEqual([3]);
  });

  it('should refuse operators the value type does not take, non-booleans for exists fields and unsupported fields', () => {
    // when
    const errorOf = (filter: Record<string, unknown>) => {
      try {
        keysFor(filter);
      } catch (error) {
        return error as InvalidSearchError;
      }
      throw new Error('expected an InvalidSearchError');
    };

    // then
    expect(errorOf({ stepState: { $gt: 'A' } })).toMatchObject({ status: 400, field: 'stepState', message: expect.stringContaining("'$gt'") });
    expect(errorOf({ retrying: { $eq: true } })).toMatchObject({ status: 400, field: 'retrying' });
    expect(errorOf({ stepHasProblem: { $eq: true } })).toMatchObject({ status: 400, field: 'stepHasProblem' });
    expect(errorOf({ colour: 'red' })).toMatchObject({ status: 400, field: 'colour', message: expect.stringContaining('no colour') });
  });
});

describe('runSearch counting', () => {
  const countSpec: SearchSpec = { table: 'numbers', fields: { n: { column: 'n', kind: 'int' } }, sortFields: ['n'], tieBreaker: 'n' };
  let dir: string;
  let db: Database.Database;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'search-count-'));
    db = new Database(join(dir, 'search.db'));
    db.exec('CREATE TABLE numbers (n INTEGER PRIMARY KEY)');
    const insert = db.prepare('INSERT INTO numbers VALUES (?)');
    db.transaction(() => {
      for (let n = 1; n <= MAX_TOTAL_ITEMS + 5; n++) insert.run(n);
    })();
  });

  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('should count exactly up to 10,000 matches', () => {
    // when
    const result = runSearch(over(db), countSpec, { filter: { n: { $lte: MAX_TOTAL_ITEMS } }, page: { limit: 1 } });

    // then
    expect(result.page.totalItems).toBe(MAX_TOTAL_ITEMS);
    expect(result.page.hasMoreTotalItems).toBe(false);
  });

  it('should cap totalItems at 10,000 and say there are more, as Camunda does, while paging on', () => {
    // when
    const result = runSearch<{ n: number }>(over(db), countSpec, { sort: [{ field: 'n', order: 'desc' }], page: { limit: 2 } });

    // then
    expect(result.page).toMatchObject({ totalItems: MAX_TOTAL_ITEMS, hasMoreTotalItems: true });
    expect(result.rows.map((row) => row.n)).toEqual([MAX_TOTAL_ITEMS + 5, MAX_TOTAL_ITEMS + 4]);
  });
});
