/**
 * The one place that turns a Camunda v2 search request (`POST /v2/<resource>/search` body: `filter`, `sort`,
 * `page`) into SQL over one table or view. Resource modules describe their searchable columns with a
 * {@link SearchSpec} and call {@link runSearch}; they never build search SQL themselves.
 *
 * Filters
 * - A filter field holds either a plain value (equality) or an operator object such as `{ $gte: 3, $lt: 7 }`;
 *   several operators in one object are ANDed, all fields are ANDed. `null`/`undefined` field values are ignored
 *   (Camunda treats them as "not set"); `{}` adds no condition.
 * - Operators per {@link ColumnKind}: string `$eq,$neq,$exists,$in,$notIn,$like`; key `$eq,$neq,$exists,$in,$notIn`;
 *   int/date those of key plus `$gt,$gte,$lt,$lte`; enum `$eq,$neq,$exists,$in,$like`; bool a plain boolean only;
 *   oneOf (an authorization's `resourceIds`) a plain list of strings, one of which the column holds (an empty
 *   list matches nothing).
 *   Any other operator is an {@link InvalidSearchError} (400), never a filter that silently matches nothing.
 * - A `member` field is a list of strings kept as rows of a side table (a user task's candidate groups): the
 *   string operators apply to the values, and a row matches when one of its values does (`$eq`, `$in`, `$like`,
 *   `$exists:true`) or when none does (`$neq`, `$notIn`, `$exists:false`).
 * - `$neq` and `$notIn` also match rows where the column is NULL, like Camunda's Elasticsearch backend
 *   (`must_not term`). `$exists:false` is `IS NULL`. An empty `$in` matches nothing, an empty `$notIn` everything.
 * - `$like` uses `*` (any run) and `?` (one character); a backslash makes the next character literal. It is
 *   translated to SQLite `GLOB`, which is case-sensitive like Camunda's wildcard query (SQLite's `LIKE` is not).
 * - Keys arrive as decimal strings and are compared as INTEGER; enums are upper-cased (stored upper-case);
 *   dates are normalised to `YYYY-MM-DDTHH:mm:ss.sssZ` (stored that way) so text comparison orders correctly;
 *   bools are stored as 0/1.
 * - A `variables` field (a process instance's `variables`, a user task's `processInstanceVariables` and
 *   `localVariables`) is a list of `{name, value}`: a row matches when, for every entry, a variable of it has the
 *   name and a value (JSON text) that passes the entry's `value` as a string filter (plain, or any string operator).
 * - A `related` field is a condition on rows of another table that refer to the row (a process instance's element
 *   instances, active incidents, failed jobs, batch operation items): a row matches when one related row passes
 *   the operators of the field's value type; the fields of one `group` in one filter object (or `$or` entry) are
 *   tested on one and the same related row. An `exists` related field is a plain boolean: some related row (true)
 *   or none (false); so is `{$exists}` alone on any related field. It compiles to `col IN (SELECT owner FROM related WHERE …)`, read through the related table's
 *   indexes. A `tagSet` field (a process instance's `tags`) is a list of tags the row must all carry, read the same
 *   way from a table of one row per tag. An `unsupported` field is a 400 giving its reason.
 * - `$or: [filter, …]` (as on process-instance search) is supported: each entry is compiled like a top-level
 *   filter (`variables` included), the entries are ORed and the result ANDed with the other fields.
 * - What is not a filter of the request (the caller's scope: which rows the user may read) is passed as `extra`
 *   (`where` is ANDed verbatim and may use positional `?` placeholders only, bound from `extra.params`). Any field
 *   not in `spec.fields` is an {@link InvalidSearchError}.
 *
 * Sorting: `sort: [{field, order}]`, order `asc|desc` in any case (default asc); the tie breaker is always appended
 * (ascending) unless already sorted on. SQLite puts NULLs first in ASC and last in DESC, i.e. NULL is the smallest
 * value, and keyset paging follows the same rule.
 *
 * Paging: offset `{from, limit}` (from 0, limit 100, max 10000) or cursor `{after, limit}` / `{before, limit}`.
 * Cursors are base64url JSON arrays of the sort-key values of the first (`startCursor`) or last (`endCursor`) row of
 * a page. `before` returns the page just before the cursor, in normal order. `totalItems` counts the rows matching
 * the filter, regardless of paging, up to {@link MAX_TOTAL_ITEMS}: beyond, it is that cap and `hasMoreTotalItems`
 * is true, as Camunda 8.8 answers from Elasticsearch, OpenSearch or its RDBMS store (a list of 100,000 open tasks
 * need not be counted to the last row on every refresh). Rows are returned as `SELECT *` rows, unmapped.
 *
 * A `member` field compiles to `IN (SELECT …)` for the count (one pass over the side table) and to a correlated
 * `EXISTS` for the page (an ordered index scan stops after `limit` rows instead of reading every match); when it
 * names few side rows (a small candidate group), both start from those rows instead (see {@link MemberStyle}).
 */
import { EngineError } from '../errors.js';
import type { QueryReads } from './store-connection.js';

export type ColumnKind = 'string' | 'key' | 'int' | 'date' | 'enum' | 'bool' | 'oneOf' | 'member' | 'variables' | 'related' | 'tagSet' | 'unsupported';
type ValueKind = Exclude<ColumnKind, 'oneOf' | 'member' | 'variables' | 'related' | 'tagSet' | 'unsupported'>;

/**
 * A `related` field tests rows of another table that refer to the searched row (a process instance's element
 * instances, incidents, jobs, batch operation items): the searched row matches when one related row passes the
 * field's conditions. All SQL here is trusted, from code.
 */
export interface RelatedField {
  /** The related table with its alias, e.g. `element_instances e`. */
  table: string;
  /**
   * The related table's column that refers to the searched row's `column`, e.g. `e.process_instance_key`; it must
   * be NOT NULL (it is read with `NOT IN`).
   */
  owner: string;
  /** A condition every related row must meet, e.g. `i.state = 'ACTIVE'`. */
  where?: string;
  /**
   * The expression the filter value is tested on, with the operators of `valueKind` (for `bool`, a condition: the
   * plain boolean filter asks for a related row where it holds or where it does not); or, for `exists`, none: the
   * filter is a plain boolean, `true` = some related row exists, `false` = none does.
   */
  value?: string;
  valueKind: ValueKind | 'exists';
  /**
   * Fields of one group given in the same filter object (or `$or` entry) test one and the same related row, e.g. an
   * element instance of element X that is ACTIVE, not one of X and another ACTIVE one.
   */
  group?: string;
}

export interface SearchableField {
  /**
   * For a `member` field: the column of the searched table that the side table's `owner` refers to; for a
   * `variables` field: the condition that ties a row `v` of the variables table to the searched row (trusted, from
   * code, e.g. `v.scope_key = user_tasks.element_instance_key`).
   */
  column: string;
  kind: ColumnKind;
  /** `member` fields only: the side table with one row per value (trusted, from code). */
  members?: MemberTable;
  /** `related` fields only: the related table and what is tested on its rows. */
  related?: RelatedField;
  /** `unsupported` fields only: why a Camunda filter field is answered 400 here instead of matching nothing. */
  reason?: string;
  /**
   * The column a sort by this field orders by, when it is not `column`: a job's state is filtered on the stored
   * state (indexed) but sorted by the state the API answers.
   */
  sortColumn?: string;
}

/** The side table of a `member` field: one row per value of an owner row (all SQL trusted, from code). */
export interface MemberTable {
  table: string;
  /** The side table's column that refers to the owner row (the field's `column`). */
  owner: string;
  /** The side table's column holding the value the filter tests. */
  value: string;
  /** A condition every side row of the field meets, e.g. `kind = 'group'`. */
  where: string;
  /**
   * A side column that holds a copy of the owner row's value of another filter field (kept by the store, e.g. a
   * candidate row's copy of its task's state): when the filter names one value of that field, only side rows with
   * it are counted and read to start the search (a small group's open tasks, not its years of finished ones).
   */
  mirrors?: { field: string; column: string };
}

export interface SearchSpec {
  /** Table or view name (trusted, from code). */
  table: string;
  /** API field name -> column. */
  fields: Record<string, SearchableField>;
  /** API fields allowed in sort. */
  sortFields: readonly string[];
  /** API field (unique, non-null key column) appended to every ORDER BY for stable paging. */
  tieBreaker: string;
  /**
   * When no API field is unique (a correlated message subscription: a message reaches many subscriptions, a
   * subscription may take many messages): the unique column appended instead, `tieBreaker` then only naming it.
   */
  tieBreakerColumn?: string;
}

export interface SearchRequest {
  filter?: Record<string, unknown>;
  sort?: { field: string; order?: string }[];
  page?: { from?: number; limit?: number; after?: string; before?: string };
}

export interface SearchResult<Row> {
  rows: Row[];
  page: { totalItems: number; hasMoreTotalItems: boolean; startCursor?: string; endCursor?: string };
}

/**
 * A search request the engine cannot run: unknown filter or sort field, unsupported operator, malformed value,
 * bad cursor, invalid page. It is an {@link EngineError} with status 400, so the API layer maps it to a problem.
 * `field` names the offending filter/sort field (e.g. `state`) or page property (e.g. `page.after`).
 */
export class InvalidSearchError extends EngineError {
  readonly code = 'INVALID_SEARCH';
  readonly status = 400;
  readonly field?: string;

  constructor(message: string, field?: string) {
    super('INVALID_ARGUMENT', message);
    if (field !== undefined) this.field = field;
  }
}

export const DEFAULT_SEARCH_LIMIT = 100;
/** Camunda's count cap (`max-total-hits`, Elasticsearch's default `track_total_hits`). */
export const MAX_TOTAL_ITEMS = 10_000;
export const MAX_SEARCH_LIMIT = 10_000;

type Op = '$eq' | '$neq' | '$exists' | '$in' | '$notIn' | '$like' | '$gt' | '$gte' | '$lt' | '$lte';
type CursorValue = string | number | null;

const OPERATORS: Record<ColumnKind, ReadonlySet<Op>> = {
  string: new Set<Op>(['$eq', '$neq', '$exists', '$in', '$notIn', '$like']),
  key: new Set<Op>(['$eq', '$neq', '$exists', '$in', '$notIn']),
  int: new Set<Op>(['$eq', '$neq', '$exists', '$in', '$notIn', '$gt', '$gte', '$lt', '$lte']),
  date: new Set<Op>(['$eq', '$neq', '$exists', '$in', '$notIn', '$gt', '$gte', '$lt', '$lte']),
  enum: new Set<Op>(['$eq', '$neq', '$exists', '$in', '$like']),
  bool: new Set<Op>(),
  oneOf: new Set<Op>(),
  member: new Set<Op>(['$eq', '$neq', '$exists', '$in', '$notIn', '$like']),
  variables: new Set<Op>(),
  related: new Set<Op>(),
  tagSet: new Set<Op>(),
  unsupported: new Set<Op>(),
};

const COMPARISON_SQL: Partial<Record<Op, string>> = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' };

interface SortKey {
  field: string;
  column: string;
  desc: boolean;
}

interface Fragment {
  sql: string[];
  params: unknown[];
}

// ---------------------------------------------------------------------------------------------------------------
// entry point

export function runSearch<Row>(
  db: QueryReads,
  spec: SearchSpec,
  request: SearchRequest,
  extra?: { where: string; params: unknown[] },
): SearchResult<Row> {
  const table = quoteIdent(spec.table);
  registerSearchFunctions(db);
  const compile = (members: MemberStyle): Fragment => {
    const fragment: Fragment = { sql: [], params: [] };
    compileFilter(spec, request.filter, fragment, members);
    if (extra !== undefined && extra.where.trim() !== '') {
      fragment.sql.push(members === 'drive' ? `likely(${extra.where})` : `(${extra.where})`);
      fragment.params.push(...extra.params);
    }
    return fragment;
  };
  compile('set'); // an invalid filter is refused before anything is read, and named before a bad sort or page
  const sortKeys = compileSort(spec, request.sort);
  const page = compilePage(request.page, sortKeys.length);

  const run = (): SearchResult<Row> => {
    const drive = namesFewOwners(db, spec, request.filter);
    const counted = compile(drive ? 'drive' : 'set');
    const where = compile(drive ? 'drive' : 'probe');
    const countSql = `SELECT COUNT(*) AS n FROM (SELECT 1 FROM ${table}${whereClause(counted.sql)} LIMIT ${MAX_TOTAL_ITEMS + 1})`;
    const countRow = db.read(countSql).get(...counted.params) as { n: number | bigint };
    const matching = Number(countRow.n);
    const totalItems = Math.min(matching, MAX_TOTAL_ITEMS);

    const conditions = [...where.sql];
    const params = [...where.params];
    let keys = sortKeys;
    if (page.cursor !== undefined) {
      // `before` = `after` over the reversed order; the rows are flipped back afterwards.
      if (page.backwards) keys = sortKeys.map((k) => ({ ...k, desc: !k.desc }));
      const keyset = keysetCondition(keys, page.cursor);
      conditions.push(drive ? `likely(${keyset.sql})` : keyset.sql);
      params.push(...keyset.params);
    }
    const orderBy = keys.map((k) => `${quoteIdent(k.column)} ${k.desc ? 'DESC' : 'ASC'}`).join(', ');
    const sql = `SELECT * FROM ${table}${whereClause(conditions)} ORDER BY ${orderBy} LIMIT ? OFFSET ?`;
    params.push(page.limit, page.from);
    const rows = db.read(sql).all(...params) as Record<string, unknown>[];
    if (page.backwards) rows.reverse();

    // Camunda always answers `hasMoreTotalItems`; the cursors only with rows (it leaves nulls out)
    const result: SearchResult<Row> = { rows: rows as Row[], page: { totalItems, hasMoreTotalItems: matching > MAX_TOTAL_ITEMS } };
    const first = rows[0];
    const last = rows[rows.length - 1];
    if (first !== undefined && last !== undefined) {
      result.page.startCursor = encodeCursor(sortKeys, first);
      result.page.endCursor = encodeCursor(sortKeys, last);
    }
    return result;
  };
  // One read transaction so the count and the page see the same snapshot (projected before it begins).
  return db.readTransaction(run);
}

/**
 * The filter of a search request alone, as a condition on `spec.table` (for queries that aggregate the rows a
 * search would find instead of listing them, such as the element statistics of a process definition).
 */
export function compileFilterCondition(
  db: QueryReads,
  spec: SearchSpec,
  filter: Record<string, unknown> | undefined,
): { where: string; params: unknown[] } {
  registerSearchFunctions(db);
  const fragment: Fragment = { sql: [], params: [] };
  compileFilter(spec, filter, fragment, 'set');
  return { where: fragment.sql.length === 0 ? '1' : fragment.sql.join(' AND '), params: fragment.params };
}

// ---------------------------------------------------------------------------------------------------------------
// filter

/**
 * How a member field is tested: against the set of owners (count) or per row (page), so a page in an index's
 * order stops after its rows; or `drive`: the filter names few owners ({@link namesFewOwners}), the search starts
 * from them. SQLite has no statistics of how many rows a member value holds: for a small candidate group (20 open
 * tasks among 100,000) it still walked every open task in due order, probing each one's candidates (~90 ms), so in
 * `drive` every other term is marked likely() (SQLite's hint that it keeps most rows) and SQLite reads the few
 * owners by key and sorts them (~1 ms). Side rows whose owner the filter rules out by a mirrored field
 * ({@link MemberTable.mirrors}: a finished task's candidates) are neither counted nor read.
 */
type MemberStyle = 'set' | 'probe' | 'drive';

/** At most this many side-table rows make a member filter drive the search (their rows sorted in memory). */
const FEW_OWNERS = 1_000;

/**
 * Whether a member field of the filter (not under `$or`, not excluding) matches at most {@link FEW_OWNERS} side
 * rows (of the owners in the one state the filter names, see {@link mirroredTest}): counted on the side table's
 * index, which stops after that many.
 */
function namesFewOwners(db: QueryReads, spec: SearchSpec, filter: unknown): boolean {
  if (!isPlainObject(filter)) return false;
  for (const [name, value] of Object.entries(filter)) {
    const field = Object.hasOwn(spec.fields, name) ? spec.fields[name] : undefined;
    if (field?.kind !== 'member' || field.members === undefined || value === undefined || value === null) continue;
    const mirrored = mirroredTest(spec, field.members, filter);
    for (const test of memberTests(name, field.members, value)) {
      if (test.excluding) continue;
      const side = quoteIdent(field.members.table);
      const sql = `SELECT COUNT(*) AS n FROM (SELECT 1 FROM ${side} WHERE ${field.members.where}${test.sql}${mirrored.sql} LIMIT ${FEW_OWNERS + 1})`;
      const { n } = db.read(sql).get(...test.params, ...mirrored.params) as { n: number | bigint };
      if (Number(n) <= FEW_OWNERS) return true;
    }
  }
  return false;
}

/**
 * The test of a member field's side rows on their copy of the owner's field ({@link MemberTable.mirrors}), when the
 * filter object names one value of that field (plain or `$eq`): ` AND <column> = ?`, or '' (every side row).
 */
function mirroredTest(spec: SearchSpec, members: MemberTable, filter: Record<string, unknown>): { sql: string; params: unknown[] } {
  const none = { sql: '', params: [] };
  const mirrors = members.mirrors;
  if (mirrors === undefined || !Object.hasOwn(filter, mirrors.field)) return none;
  const field = spec.fields[mirrors.field];
  if (field === undefined || !isValueKind(field.kind)) return none;
  const named = filter[mirrors.field];
  const value = isPlainObject(named) ? (Object.keys(named).length === 1 ? named.$eq : undefined) : named;
  if (value === undefined || value === null || isPlainObject(value) || Array.isArray(value)) return none;
  return { sql: ` AND ${quoteIdent(mirrors.column)} = ?`, params: [coerce(mirrors.field, field.kind, value)] };
}

function isValueKind(kind: ColumnKind): kind is ValueKind {
  return kind === 'string' || kind === 'key' || kind === 'int' || kind === 'date' || kind === 'enum' || kind === 'bool';
}

/** Marks the terms of `out` from `start` on as likely (see {@link MemberStyle}). */
function markLikely(out: Fragment, start: number): void {
  for (let i = start; i < out.sql.length; i++) out.sql[i] = `likely(${out.sql[i]})`;
}

function compileFilter(spec: SearchSpec, filter: unknown, out: Fragment, members: MemberStyle): void {
  if (filter === undefined || filter === null) return;
  if (!isPlainObject(filter)) throw new InvalidSearchError('The filter must be an object', 'filter');
  const related = new Map<string, { field: SearchableField; tests: Fragment }>();
  for (const [name, value] of Object.entries(filter)) {
    if (value === undefined || value === null) continue;
    const start = out.sql.length;
    if (name === '$or') {
      compileOr(spec, value, out, members === 'drive' ? 'set' : members);
      if (members === 'drive') markLikely(out, start);
      continue;
    }
    const field = Object.hasOwn(spec.fields, name) ? spec.fields[name] : undefined;
    if (field === undefined) throw new InvalidSearchError(`Unknown filter field '${name}'`, name);
    if (field.kind === 'member') compileMemberField(name, spec, field, value, out, members, filter);
    else if (field.kind === 'variables') compileVariablesField(name, field.column, value, out);
    else if (field.kind === 'related') compileRelatedField(name, spec.table, field, value, out, related);
    else if (field.kind === 'tagSet') compileTagSetField(name, spec.table, field, value, out);
    else if (field.kind === 'oneOf') compileOneOfField(name, quoteIdent(field.column), value, out);
    else if (field.kind === 'unsupported') throw new InvalidSearchError(`The filter field '${name}' is not supported: ${field.reason ?? ''}`, name);
    else compileCondition(name, field.kind, quoteIdent(field.column), value, out);
    if (members === 'drive' && field.kind !== 'member') markLikely(out, start);
  }
  const relatedStart = out.sql.length;
  for (const { field, tests } of related.values()) {
    out.sql.push(relatedRows(spec.table, field, tests.sql, false));
    out.params.push(...tests.params);
  }
  if (members === 'drive') markLikely(out, relatedStart);
}

/**
 * `tagSet` field (Camunda's TagSet, a process instance's `tags`): a list of tags, every one of which the row must
 * carry; each is one `IN (SELECT …)` over the related table of one row per tag.
 */
function compileTagSetField(name: string, table: string, field: SearchableField, value: unknown, out: Fragment): void {
  const related = field.related;
  if (related?.value === undefined) throw new Error(`SearchSpec: the tag-set field '${name}' has no related table and value`);
  if (!Array.isArray(value) || value.some((tag) => typeof tag !== 'string')) {
    throw new InvalidSearchError(`The filter field '${name}' takes a list of tags (strings), every one of which must match`, name);
  }
  for (const tag of new Set(value as string[])) {
    out.sql.push(relatedRows(table, field, [`${related.value} = ?`], false));
    out.params.push(tag);
  }
}

/** `oneOf` field (an authorization's `resourceIds`): a plain list of strings, one of which the column holds. */
function compileOneOfField(name: string, col: string, value: unknown, out: Fragment): void {
  if (!Array.isArray(value)) throw new InvalidSearchError(`The filter field '${name}' takes a list of values, one of which must match`, name);
  compileOperator(name, 'string', col, '$in', value, out);
}

/**
 * `related` field: its conditions on one related row, gathered per group (emitted after the filter object's other
 * fields as one `IN (SELECT …)`); an `exists` field is emitted at once as `IN` / `NOT IN`. `IN` rather than a
 * correlated `EXISTS`: the related tables are read through their own indexes (element id and state, failed jobs,
 * a batch operation's items), which is what makes these filters cheap over many instances.
 */
function compileRelatedField(
  name: string,
  table: string,
  field: SearchableField,
  value: unknown,
  out: Fragment,
  groups: Map<string, { field: SearchableField; tests: Fragment }>,
): void {
  const related = field.related;
  if (related === undefined) throw new Error(`SearchSpec: the related field '${name}' has no related table`);
  if (related.valueKind === 'exists') {
    if (typeof value !== 'boolean') throw new InvalidSearchError(`The filter field '${name}' accepts a plain boolean only`, name);
    out.sql.push(relatedRows(table, field, [], !value));
    return;
  }
  if (related.value === undefined) throw new Error(`SearchSpec: the related field '${name}' has no value expression`);
  if (isPlainObject(value) && Object.keys(value).length === 1 && typeof value.$exists === 'boolean') {
    // the value columns are NOT NULL: `$exists` asks whether there is a related row at all (true) or none (false)
    out.sql.push(relatedRows(table, field, [], !value.$exists));
    return;
  }
  const group = related.group ?? name;
  let entry = groups.get(group);
  if (entry === undefined) {
    entry = { field, tests: { sql: [], params: [] } };
    groups.set(group, entry);
  }
  if (related.valueKind === 'bool') {
    // inlined rather than bound, so that a partial index on the condition can serve it
    if (typeof value !== 'boolean') throw new InvalidSearchError(`The filter field '${name}' accepts a plain boolean only`, name);
    entry.tests.sql.push(value ? `(${related.value})` : `NOT (${related.value})`);
    return;
  }
  compileCondition(name, related.valueKind, related.value, value, entry.tests);
}

function relatedRows(table: string, field: SearchableField, tests: readonly string[], negate: boolean): string {
  const related = field.related;
  if (related === undefined) throw new Error('SearchSpec: a related field has no related table');
  const conditions = [...(related.where === undefined ? [] : [related.where]), ...tests];
  const where = conditions.length === 0 ? '' : ` WHERE ${conditions.join(' AND ')}`;
  const owner = `${quoteIdent(table)}.${quoteIdent(field.column)}`;
  return `${owner} ${negate ? 'NOT IN' : 'IN'} (SELECT ${related.owner} FROM ${related.table}${where})`;
}

function compileOr(spec: SearchSpec, value: unknown, out: Fragment, members: MemberStyle): void {
  if (!Array.isArray(value)) throw new InvalidSearchError("The filter '$or' must be an array", '$or');
  const alternatives: string[] = [];
  const params: unknown[] = [];
  for (const entry of value) {
    const sub: Fragment = { sql: [], params: [] };
    compileFilter(spec, entry, sub, members);
    if (sub.sql.length === 0) return; // an unconstrained alternative makes the whole `$or` true
    alternatives.push(`(${sub.sql.join(' AND ')})`);
    params.push(...sub.params);
  }
  if (alternatives.length === 0) return;
  out.sql.push(`(${alternatives.join(' OR ')})`);
  out.params.push(...params);
}

/**
 * The condition of one filter value (plain value or operator object) on a column expression. Special filters
 * (a user task's variables) compile their values with it too, so every filter goes through the same operators.
 */
function compileCondition(name: string, kind: ValueKind, col: string, value: unknown, out: Fragment): void {
  if (!isPlainObject(value)) {
    out.sql.push(`${col} = ?`);
    out.params.push(coerce(name, kind, value));
    return;
  }
  if (kind === 'bool') {
    throw new InvalidSearchError(`The filter field '${name}' accepts a plain boolean only`, name);
  }
  for (const [op, operand] of Object.entries(value)) {
    if (!OPERATORS[kind].has(op as Op)) throw unsupported(name, op);
    if (operand === undefined) continue;
    compileOperator(name, kind, col, op as Op, operand, out);
  }
}

/**
 * `member` field: a row matches when a side-table row of it passes the test (`IN` / `EXISTS`), or, for the
 * excluding operators, when none does (`NOT IN` / `NOT EXISTS`).
 */
function compileMemberField(
  name: string,
  spec: SearchSpec,
  field: SearchableField,
  value: unknown,
  out: Fragment,
  style: MemberStyle,
  filter: Record<string, unknown>,
): void {
  const members = field.members;
  if (members === undefined) throw new Error(`SearchSpec: the member field '${name}' has no side table`);
  const owner = `${quoteIdent(spec.table)}.${quoteIdent(field.column)}`;
  const side = quoteIdent(members.table);
  const anyOf = (test: string, negate: boolean) =>
    style !== 'probe'
      ? `${owner} ${negate ? 'NOT IN' : 'IN'} (SELECT ${quoteIdent(members.owner)} FROM ${side} WHERE ${members.where}${test})`
      : `${negate ? 'NOT EXISTS' : 'EXISTS'} (SELECT 1 FROM ${side} WHERE ${side}.${quoteIdent(members.owner)} = ${owner} AND ${members.where}${test})`;
  // the search starts from the side rows of owners in the state the filter names (the filter still tests the owner's)
  const mirrored = style === 'drive' ? mirroredTest(spec, members, filter) : { sql: '', params: [] };
  for (const test of memberTests(name, members, value)) {
    // only the tests that keep a side row's owners start the search; one that excludes them is a filter
    if (style === 'drive' && test.excluding) out.sql.push(`likely(${anyOf(test.sql, true)})`);
    else if (style === 'drive') out.sql.push(anyOf(`${test.sql}${mirrored.sql}`, false));
    else out.sql.push(anyOf(test.sql, test.excluding));
    out.params.push(...test.params, ...(style === 'drive' && !test.excluding ? mirrored.params : []));
  }
}

/**
 * The tests of a member field's value on its side table's rows (` AND <test>`, or '' for any row): `excluding`
 * when a row matches only if none of its side rows passes (`$neq`, `$notIn`, `$exists: false`).
 */
function memberTests(name: string, members: { value: string }, value: unknown): { sql: string; params: unknown[]; excluding: boolean }[] {
  const tests: { sql: string; params: unknown[]; excluding: boolean }[] = [];
  const operators = isPlainObject(value) ? value : { $eq: value };
  for (const [op, operand] of Object.entries(operators)) {
    if (!OPERATORS.member.has(op as Op)) throw unsupported(name, op);
    if (operand === undefined) continue;
    if (op === '$exists') {
      if (typeof operand !== 'boolean') throw new InvalidSearchError(`'$exists' of '${name}' must be a boolean`, name);
      tests.push({ sql: '', params: [], excluding: !operand });
      continue;
    }
    const excluding = op === '$neq' || op === '$notIn';
    const matching: Op = op === '$neq' ? '$eq' : op === '$notIn' ? '$in' : (op as Op);
    const condition: Fragment = { sql: [], params: [] };
    compileOperator(name, 'string', quoteIdent(members.value), matching, operand, condition);
    const test = condition.sql.join(' AND ');
    if (excluding && test === '0') continue; // an empty $notIn excludes nothing
    tests.push({ sql: ` AND ${test}`, params: condition.params, excluding });
  }
  return tests;
}

/**
 * `variables` field: a list of `{name, value}`, each a variable of the row (`owner` ties the variables row `v` to
 * it) with that name whose value passes the string filter `value` (a JSON text, or an operator object): all must
 * match.
 */
function compileVariablesField(name: string, owner: string, value: unknown, out: Fragment): void {
  if (!Array.isArray(value)) throw new InvalidSearchError(`The filter '${name}' must be a list of {name, value}`, name);
  for (const entry of value as unknown[]) {
    const { name: variable, value: test } = (isPlainObject(entry) ? entry : {}) as { name?: unknown; value?: unknown };
    if (typeof variable !== 'string' || test === undefined || test === null) {
      throw new InvalidSearchError(`Each entry of '${name}' needs a name and a value`, name);
    }
    const condition: Fragment = { sql: [], params: [] };
    compileCondition(name, 'string', 'v.value', test, condition);
    out.sql.push(`EXISTS (SELECT 1 FROM variables v WHERE ${owner} AND v.name = ?${condition.sql.map((t) => ` AND ${t}`).join('')})`);
    out.params.push(variable, ...condition.params);
  }
}

function unsupported(name: string, op: string): InvalidSearchError {
  return new InvalidSearchError(
    op.startsWith('$')
      ? `Operator '${op}' is not supported for the filter field '${name}'`
      : `Invalid value for the filter field '${name}': unexpected property '${op}'`,
    name,
  );
}

function compileOperator(name: string, kind: ValueKind, col: string, op: Op, operand: unknown, out: Fragment): void {
  switch (op) {
    case '$eq':
      out.sql.push(`${col} = ?`);
      out.params.push(coerce(name, kind, operand));
      return;
    case '$neq':
      out.sql.push(`(${col} IS NULL OR ${col} <> ?)`);
      out.params.push(coerce(name, kind, operand));
      return;
    case '$exists':
      if (typeof operand !== 'boolean') throw new InvalidSearchError(`'$exists' of '${name}' must be a boolean`, name);
      out.sql.push(`${col} ${operand ? 'IS NOT NULL' : 'IS NULL'}`);
      return;
    case '$in':
    case '$notIn': {
      if (!Array.isArray(operand)) throw new InvalidSearchError(`'${op}' of '${name}' must be an array`, name);
      const values = operand.map((v: unknown) => coerce(name, kind, v));
      if (values.length === 0) {
        if (op === '$in') out.sql.push('0');
        return;
      }
      // One JSON parameter keeps the SQL text (and the cached statement) independent of the list length.
      const list = 'SELECT value FROM json_each(?)';
      out.sql.push(op === '$in' ? `${col} IN (${list})` : `(${col} IS NULL OR ${col} NOT IN (${list}))`);
      out.params.push(JSON.stringify(values));
      return;
    }
    case '$like': {
      if (typeof operand !== 'string') throw new InvalidSearchError(`'$like' of '${name}' must be a string`, name);
      out.sql.push(`${col} GLOB ?`);
      out.params.push(likeToGlob(kind === 'enum' ? operand.toUpperCase() : operand));
      return;
    }
    case '$gt':
    case '$gte':
    case '$lt':
    case '$lte':
      out.sql.push(`${col} ${COMPARISON_SQL[op] ?? '='} ?`);
      out.params.push(coerce(name, kind, operand));
      return;
  }
}

const INTEGER_TEXT = /^-?[0-9]+$/;

/** Converts one filter operand to the value stored in the column, or throws. */
function coerce(name: string, kind: ValueKind, value: unknown): string | number {
  const invalid = (expected: string): InvalidSearchError =>
    new InvalidSearchError(`Invalid value for the filter field '${name}': expected ${expected}`, name);
  switch (kind) {
    case 'string':
      if (typeof value === 'string') return value;
      if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') return String(value);
      throw invalid('a string');
    case 'key': {
      if (typeof value === 'string' && INTEGER_TEXT.test(value)) {
        const n = Number(value);
        if (Number.isSafeInteger(n)) return n;
      } else if (typeof value === 'number' && Number.isSafeInteger(value)) {
        return value;
      }
      throw invalid('a key (decimal string)');
    }
    case 'int':
      if (typeof value === 'number' && Number.isFinite(value)) return value;
      if (typeof value === 'string' && INTEGER_TEXT.test(value)) return Number(value);
      throw invalid('a number');
    case 'date': {
      if (typeof value === 'string' || typeof value === 'number') {
        const date = new Date(value);
        if (!Number.isNaN(date.getTime())) return date.toISOString();
      }
      throw invalid('an ISO-8601 date-time');
    }
    case 'enum':
      if (typeof value === 'string') return value.toUpperCase();
      throw invalid('a string');
    case 'bool':
      if (typeof value === 'boolean') return value ? 1 : 0;
      throw invalid('a boolean');
  }
}

/** Camunda wildcard pattern (`*`, `?`, `\` escapes) → SQLite GLOB pattern (literal `*?[` wrapped in brackets). */
export function likeToGlob(pattern: string): string {
  return translateLike(pattern, '*', '?', (c) => (c === '*' || c === '?' || c === '[' ? `[${c}]` : c));
}

/** The same pattern as a RegExp over a whole value (a `$like` on values that are not in SQL). */
export function likeToRegExp(pattern: string): RegExp {
  return new RegExp(`^${translateLike(pattern, '.*', '.', (c) => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))}$`, 's');
}

function translateLike(pattern: string, anyRun: string, oneChar: string, literal: (c: string) => string): string {
  let translated = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charAt(i);
    if (c === '\\' && i + 1 < pattern.length) translated += literal(pattern.charAt(++i));
    else if (c === '*') translated += anyRun;
    else if (c === '?') translated += oneChar;
    else translated += literal(c);
  }
  return translated;
}

// ---------------------------------------------------------------------------------------------------------------
// sort

function compileSort(spec: SearchSpec, sort: unknown): SortKey[] {
  const keys: SortKey[] = [];
  const seen = new Set<string>();
  if (sort !== undefined && sort !== null) {
    if (!Array.isArray(sort)) throw new InvalidSearchError('The sort must be an array', 'sort');
    for (const item of sort) {
      if (!isPlainObject(item) || typeof item.field !== 'string') {
        throw new InvalidSearchError('Each sort entry must be an object with a field', 'sort');
      }
      const name = item.field;
      if (!spec.sortFields.includes(name)) throw new InvalidSearchError(`Unknown sort field '${name}'`, name);
      let desc = false;
      if (item.order !== undefined && item.order !== null) {
        const order = typeof item.order === 'string' ? item.order.toLowerCase() : undefined;
        if (order !== 'asc' && order !== 'desc') {
          throw new InvalidSearchError(`Invalid sort order '${String(item.order)}' for '${name}'`, name);
        }
        desc = order === 'desc';
      }
      if (seen.has(name)) continue;
      seen.add(name);
      keys.push({ field: name, column: columnOf(spec, name), desc });
    }
  }
  if (spec.tieBreakerColumn !== undefined) keys.push({ field: spec.tieBreaker, column: spec.tieBreakerColumn, desc: false });
  else if (!seen.has(spec.tieBreaker)) keys.push({ field: spec.tieBreaker, column: columnOf(spec, spec.tieBreaker), desc: false });
  return keys;
}

function columnOf(spec: SearchSpec, name: string): string {
  const field = Object.hasOwn(spec.fields, name) ? spec.fields[name] : undefined;
  if (field === undefined) throw new Error(`SearchSpec for ${spec.table}: sort field '${name}' has no column`);
  return field.sortColumn ?? field.column;
}

// ---------------------------------------------------------------------------------------------------------------
// paging

interface PagePlan {
  from: number;
  limit: number;
  cursor?: CursorValue[];
  backwards: boolean;
}

function compilePage(page: unknown, keyCount: number): PagePlan {
  if (page === undefined || page === null) return { from: 0, limit: DEFAULT_SEARCH_LIMIT, backwards: false };
  if (!isPlainObject(page)) throw new InvalidSearchError('The page must be an object', 'page');
  const present = (k: string): boolean => page[k] !== undefined && page[k] !== null;

  let limit = DEFAULT_SEARCH_LIMIT;
  if (present('limit')) {
    const l = page.limit;
    if (typeof l !== 'number' || !Number.isInteger(l) || l < 1 || l > MAX_SEARCH_LIMIT) {
      throw new InvalidSearchError(`page.limit must be an integer between 1 and ${MAX_SEARCH_LIMIT}`, 'page.limit');
    }
    limit = l;
  }
  if (present('after') && present('before')) {
    throw new InvalidSearchError("page.after and page.before can't be combined", 'page');
  }
  const cursorProp = present('after') ? 'after' : present('before') ? 'before' : undefined;
  if (cursorProp !== undefined) {
    if (present('from')) {
      throw new InvalidSearchError(`Offset paging (page.from) can't be combined with page.${cursorProp}`, 'page');
    }
    const cursor = decodeCursor(page[cursorProp], keyCount, `page.${cursorProp}`);
    return { from: 0, limit, cursor, backwards: cursorProp === 'before' };
  }
  let from = 0;
  if (present('from')) {
    const f = page.from;
    if (typeof f !== 'number' || !Number.isInteger(f) || f < 0) {
      throw new InvalidSearchError('page.from must be a non-negative integer', 'page.from');
    }
    from = f;
  }
  return { from, limit, backwards: false };
}

/**
 * Rows strictly after the cursor in the order `keys` (NULL is the smallest value):
 * `(k1 > v1) OR (k1 = v1 AND k2 > v2) OR …`, with each comparison specialised on the cursor value being NULL.
 */
function keysetCondition(keys: readonly SortKey[], cursor: readonly CursorValue[]): { sql: string; params: unknown[] } {
  const terms: string[] = [];
  const params: unknown[] = [];
  const prefix: string[] = [];
  const prefixParams: unknown[] = [];
  keys.forEach((key, i) => {
    const col = quoteIdent(key.column);
    const v = cursor[i] ?? null;
    let after: string | undefined;
    let afterParams: unknown[] = [];
    if (v === null) {
      after = key.desc ? undefined : `${col} IS NOT NULL`; // nothing follows NULL in DESC
    } else if (key.desc) {
      after = `(${col} < ? OR ${col} IS NULL)`;
      afterParams = [v];
    } else {
      after = `${col} > ?`;
      afterParams = [v];
    }
    if (after !== undefined) {
      terms.push(`(${[...prefix, after].join(' AND ')})`);
      params.push(...prefixParams, ...afterParams);
    }
    if (v === null) {
      prefix.push(`${col} IS NULL`);
    } else {
      prefix.push(`${col} = ?`);
      prefixParams.push(v);
    }
  });
  return { sql: terms.length === 0 ? '0' : `(${terms.join(' OR ')})`, params };
}

function encodeCursor(keys: readonly SortKey[], row: Record<string, unknown>): string {
  const values = keys.map((k): CursorValue => {
    const v = row[k.column];
    if (v === undefined) throw new Error(`Search row has no column '${k.column}' (check the SearchSpec)`);
    if (typeof v === 'bigint') return Number(v);
    if (v === null || typeof v === 'string' || typeof v === 'number') return v;
    throw new Error(`Column '${k.column}' holds a value that can't be a sort key`);
  });
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;

function decodeCursor(raw: unknown, keyCount: number, field: string): CursorValue[] {
  const bad = (): InvalidSearchError => new InvalidSearchError(`Invalid cursor in ${field}`, field);
  if (typeof raw !== 'string' || !BASE64URL.test(raw)) throw bad();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!Array.isArray(parsed) || parsed.length !== keyCount) throw bad();
  const values = parsed as unknown[];
  for (const v of values) {
    if (!(v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)))) throw bad();
  }
  if (values[keyCount - 1] === null) throw bad(); // the tie breaker is never NULL
  return values as CursorValue[];
}

// ---------------------------------------------------------------------------------------------------------------
// SQL helpers

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

function quoteIdent(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`Invalid SQL identifier in SearchSpec: ${JSON.stringify(name)}`);
  return `"${name}"`;
}

function whereClause(conditions: readonly string[]): string {
  return conditions.length === 0 ? '' : ` WHERE ${conditions.join(' AND ')}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const withFunctions = new WeakSet<QueryReads>();

/**
 * The SQL functions search specs may use, registered once per connection:
 * `java_string_hash(text)` is Java's `String.hashCode()` (31-based over UTF-16 code units, 32-bit overflow), the
 * hash Camunda 8.8 keeps of an incident's error message and filters on as `incidentErrorHashCode`.
 */
function registerSearchFunctions(db: QueryReads): void {
  if (withFunctions.has(db)) return;
  db.defineFunction('java_string_hash', (text: unknown) => (typeof text === 'string' ? javaStringHash(text) : null));
  withFunctions.add(db);
}

/** Java's `String.hashCode()`. */
export function javaStringHash(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (Math.imul(31, hash) + text.charCodeAt(i)) | 0;
  return hash;
}
