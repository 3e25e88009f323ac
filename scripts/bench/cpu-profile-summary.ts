/**
 * Summarises a V8 CPU profile (`node --cpu-prof`) of the engine child's main thread: self time by category, as a
 * share of all samples and of the busy (non-idle) ones, and the functions with the most self time. The bench takes
 * one for each engine goal a run missed (bench/missed-goal-profiles.ts), so the run explains its own misses.
 *
 * A sample's category is found by the rules of `CATEGORY_RULES`, first match wins. A rule looks at the sample's own
 * frame (for a builtin without a script, such as `JSON.parse` or a regexp, the nearest caller that has one: the work
 * is its caller's) and, optionally, at whether some frame of its stack is a given function — the event-row inserts
 * and the projector's run the same `store-connection.ts` statements, only their callers tell them apart.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { markdownTable, percent } from './markdown.js';

/** The parts of a `.cpuprofile` this file reads (Chrome DevTools' `Profiler.Profile`). */
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface FrameMatch {
  /**
   * Tested against the frame's url, a file under the repository's root given from it (`/engine/store/engine-store.ts`,
   * `/node_modules/express/…`), any other as it is (`node:_http_server`, `file:///elsewhere/…`): so a rule's `^/engine/`
   * is the repository's engine/ and not some other path that holds an `engine` folder.
   */
  url?: RegExp;
  /** Tested against the frame's function name (tsx keeps the source's names). */
  functionName?: RegExp;
}

interface CategoryRule {
  category: string;
  /** The sample's own frame (a builtin's: its nearest caller with a script). */
  self?: FrameMatch;
  /** Some frame of the sample's stack, its own included. */
  within?: FrameMatch;
}

const ENGINE_STORE = /^\/engine\/store\/engine-store\.ts$/;
const EXPRESS_STACK =
  /^\/node_modules\/(?:.+\/node_modules\/)?(express|router|body-parser|raw-body|iconv-lite|content-type|type-is|media-typer|mime-types|mime-db|on-finished|on-headers|finalhandler|send|etag|fresh|qs|accepts|negotiator|statuses|http-errors|encodeurl|escape-html|parseurl|path-to-regexp|cookie|cookie-signature|vary|proxy-addr|forwarded|ipaddr\.js|range-parser|content-disposition|depd|debug|ms|bytes|unpipe|side-channel[^/]*|call-bind[^/]*|get-intrinsic|es-[^/]*|has-symbols|function-bind|hasown|gopd|math-intrinsics|dunder-proto|get-proto|object-inspect|safe-buffer|safer-buffer|toidentifier|inherits|setprototypeof|zod)\//;

/**
 * store-connection.ts's statement wrappers (`run`, a projecting read's `get`/`all`/`iterate`, …) call the native
 * statement, so their self time is SQLite's. A read through a bare prepared statement (`read()` and `readStored()`
 * hand those out for tables nobody projects: RecordTable's lookup by key, the version counters' and identity's reads,
 * engine-queries.ts) has no frame of its own: the native call counts as its caller's, mostly processing.
 */
const WRAPPED_STATEMENTS = "SQLite statements through store-connection.ts's wrappers (writes, projecting reads, key counter)";

/** The categories whose work is SQLite's (the projector's JavaScript around its statements included), summed in the report's sentence. */
export const SQLITE_CATEGORIES: ReadonlySet<string> = new Set([
  'the projector',
  "the batch's event-row inserts",
  'SQLite transaction: BEGIN / COMMIT / savepoints',
  WRAPPED_STATEMENTS,
]);

/** The categories, in the order the tables list them, and how a sample is put into one. First match wins. */
export const CATEGORY_RULES: readonly CategoryRule[] = [
  { category: 'idle', self: { functionName: /^\(idle\)$/ } },
  { category: 'GC', self: { functionName: /^\(garbage collector\)$/ } },
  { category: 'V8 and native code outside JavaScript ((program))', self: { functionName: /^\(program\)$/ } },
  // wal-sync.ts: the batch's fsync handed to libuv's pool (its wait is off this thread), fsyncSync outside batches
  { category: "the WAL's fsync calls (wal-sync.ts; the batch's fsync itself runs on libuv's pool)", within: { url: /^\/engine\/store\/wal-sync\.ts$/ } },
  // the batch's event rows as JSON (event-rows.ts `encodeEvents`, `changedFields`, the JSON.stringify in them)
  { category: 'encoding the event rows', within: { url: /^\/engine\/store\/event-rows\.ts$/, functionName: /^(encodeEvents|changedFields)$/ } },
  // `EventLog.flush`: the rows' INSERT INTO events, through store-connection.ts `run`. Above the projector: a
  // forced projection flushes the event log first (events.flush() inside `project`), and those rows are the batch's
  { category: "the batch's event-row inserts", within: { url: ENGINE_STORE, functionName: /^flush$/ } },
  // the projector's transaction, its multi-row inserts and updates, its position (engine-store.ts `project`); with the
  // writer thread its hand-over (`handOver`: the held rows turned into bound values, and posted), above the batch's
  { category: 'the projector', within: { url: ENGINE_STORE, functionName: /^(project|writeHeld|handOver)$/ } },
  // the batch's rows posted to the store's writer thread (the structured clone), its answers, a wait for its commit
  // outside the projector (store-writer.ts)
  { category: "the batch's hand-over to the writer thread", within: { url: /^\/engine\/store\/store-writer\.ts$/ } },
  // BEGIN / COMMIT / SAVEPOINT / RELEASE run by better-sqlite3's wrapper (its native calls count as its own time)
  { category: "SQLite transaction: BEGIN / COMMIT / savepoints", self: { url: /^\/node_modules\/better-sqlite3\/lib\/methods\/transaction\.js$/ } },
  // every other statement through store-connection.ts's wrappers (WRAPPED_STATEMENTS: the native call's time is theirs)
  {
    category: WRAPPED_STATEMENTS,
    self: { url: /^\/engine\/store\/store-connection\.ts$/, functionName: /^(run|get|all|iterate|pragma|prepare)$/ },
  },
  { category: WRAPPED_STATEMENTS, self: { url: /^\/node_modules\/better-sqlite3\// } },
  {
    category: 'HTTP: node http/net, express, body parser, zod, route guard, Basic auth, /v2 routes',
    self: { url: /^node:(_http_|http|https|net|internal\/http|internal\/streams\/|stream|internal\/stream_base_commons|internal\/net|internal\/url|url|querystring|internal\/querystring|crypto|internal\/crypto\/)|^\/engine\/(api\/|identity\/|express-request-classes\.ts$|server\.ts$)/ },
  },
  { category: 'HTTP: node http/net, express, body parser, zod, route guard, Basic auth, /v2 routes', self: { url: EXPRESS_STACK } },
  // the events of sockets, requests and their streams
  {
    category: 'HTTP: node http/net, express, body parser, zod, route guard, Basic auth, /v2 routes',
    self: { url: /^node:events$/ },
    within: { url: /^node:(_http_|net$|internal\/streams\/|internal\/stream_base_commons$)/ },
  },
  { category: 'processing (engine/processor, behaviors, state, store, model, FEEL)', self: { url: /^\/engine\// } },
  // the FEEL interpreter the engine's expressions run in, and its parser (lezer)
  { category: 'processing (engine/processor, behaviors, state, store, model, FEEL)', self: { url: /^\/node_modules\/(?:.+\/node_modules\/)?(feelin|lezer-feel|@lezer\/(lr|common))\// } },
  { category: 'other', self: {} },
];

export interface CategoryShare {
  category: string;
  samples: number;
  /** Share of all samples (0–1). */
  share: number;
  /** Share of the busy (non-idle) samples (0–1); undefined for idle itself. */
  busyShare?: number;
}

export interface TopFunction {
  functionName: string;
  /** `engine/store/engine-store.ts:853`, `node:_http_server:…`, or for a builtin `JSON.parse`-like name with its caller. */
  location: string;
  category: string;
  samples: number;
  share: number;
  busyShare: number;
}

export interface ProfileSummary {
  /** Samples summarised (those inside the window when one was given). */
  samples: number;
  busySamples: number;
  /** The time the summarised samples span, s. */
  seconds: number;
  categories: CategoryShare[];
  top: TopFunction[];
}

export interface SummaryOptions {
  /** The repository's root: locations are given relative to it. */
  root: string;
  /**
   * Only samples taken in [fromUs, toUs] (V8's clock: CLOCK_MONOTONIC in µs, as `process.hrtime` in any process of
   * the machine), e.g. a run's measured window without the start-up, warm-up and drain.
   */
  fromUs?: number;
  toUs?: number;
  /** How many functions `top` lists (default 10). */
  top?: number;
}

export function summarizeCpuProfile(profile: CpuProfile, options: SummaryOptions): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, ProfileNode>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node);

  const positions = functionPositions(profile.nodes);
  const rootUrl = pathToFileURL(options.root).href;

  const counts = new Map<number, number>();
  let time = profile.startTime;
  // V8's deltas can be negative (a sample recorded late), so the span is the earliest and latest sample's
  let first: number | undefined;
  let last: number | undefined;
  for (let i = 0; i < profile.samples.length; i++) {
    time += profile.timeDeltas[i] ?? 0;
    if ((options.fromUs !== undefined && time < options.fromUs) || (options.toUs !== undefined && time > options.toUs)) continue;
    first = first === undefined ? time : Math.min(first, time);
    last = last === undefined ? time : Math.max(last, time);
    const id = profile.samples[i]!;
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }

  const categories = new Map<string, number>(CATEGORY_RULES.map((rule) => [rule.category, 0]));
  const functions = new Map<string, Omit<TopFunction, 'share' | 'busyShare'>>();
  let samples = 0;
  for (const [id, count] of counts) {
    const node = byId.get(id)!;
    const stack = stackOf(node, parent);
    const own = ownFrame(stack);
    const category = categorize(own, stack, rootUrl);
    categories.set(category, categories.get(category)! + count);
    samples += count;
    if (category === 'idle') continue;
    // one function may do the work of several categories (store-connection.ts `run`: the projector's, the batch's)
    const key = `${node.callFrame.url}|${node.callFrame.functionName}|${node.callFrame.lineNumber}|${node.callFrame.columnNumber}|${category}`;
    const entry = functions.get(key) ?? {
      functionName: displayName(node.callFrame),
      location: location(node.callFrame, own, options.root, positions),
      category,
      samples: 0,
    };
    entry.samples += count;
    functions.set(key, entry);
  }
  const busy = samples - (categories.get('idle') ?? 0);
  const shareOf = (n: number, of: number) => (of === 0 ? 0 : n / of);
  return {
    samples,
    busySamples: busy,
    seconds: first === undefined || last === undefined ? 0 : (last - first) / 1e6,
    categories: [...categories]
      .filter(([, n]) => n > 0)
      .map(([category, n]) => ({ category, samples: n, share: shareOf(n, samples), busyShare: category === 'idle' ? undefined : shareOf(n, busy) })),
    top: [...functions.values()]
      .sort((a, b) => b.samples - a.samples)
      .slice(0, options.top ?? 10)
      .map((f) => ({ ...f, share: shareOf(f.samples, samples), busyShare: shareOf(f.samples, busy) })),
  };
}

/**
 * Why the profile cannot stand for the window [fromUs, toUs], or undefined when it covers it: a profile that started
 * after the window's start or ended before its end (the child stopped early, a wrong file) would summarise only part.
 */
export function profileCoverageFailure(profile: CpuProfile, window: { from: number; to: number }): string | undefined {
  if (profile.samples.length === 0) return 'the profile holds no sample';
  if (profile.startTime > window.from || profile.endTime < window.to) {
    return `the profile (${profile.startTime}–${profile.endTime} µs) does not cover the run's window (${window.from}–${window.to} µs)`;
  }
  return undefined;
}

/**
 * The main thread's profile among those `--cpu-prof` wrote into `dir` (`CPU.<date>.<time>.<pid>.<thread>.<n>.cpuprofile`;
 * thread 0 is the main thread, tsx's loader has a thread of its own), the newest when several processes wrote there.
 */
export function mainThreadProfile(dir: string): string | undefined {
  const main = readdirSync(dir)
    .filter((name) => /^CPU\.\d+\.\d+\.\d+\.0\.\d+\.cpuprofile$/.test(name))
    .sort();
  return main.length === 0 ? undefined : join(dir, main.at(-1)!);
}

export function readCpuProfile(file: string): CpuProfile {
  return JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
}

/** The categories as a markdown table (share of samples, share of the busy time). */
export function renderCategoryTable(summary: ProfileSummary): string {
  const rows = summary.categories.map((c) => [c.category, percent(c.share), c.busyShare === undefined ? '—' : percent(c.busyShare)]);
  rows.push(['all', `100 % (${summary.samples.toLocaleString('en')} samples)`, `100 % (${summary.busySamples.toLocaleString('en')} samples)`]);
  return markdownTable(['What (self time)', 'Share of samples', 'Share of the busy time'], rows);
}

/** The top functions by self time as a markdown table. */
export function renderTopFunctionTable(summary: ProfileSummary): string {
  const rows = summary.top.map((f) => [`\`${f.functionName}\``, `\`${f.location}\``, f.category, percent(f.share), percent(f.busyShare)]);
  return markdownTable(['Function', 'Where', 'Category', 'Share of samples', 'Share of the busy time'], rows);
}

/** The busy categories in order, largest first (idle left out; "other" stays, so what no rule names is not hidden): what the profile says dominates. */
export function largestBusyCategories(summary: ProfileSummary): CategoryShare[] {
  return summary.categories.filter((c) => c.category !== 'idle').sort((a, b) => b.samples - a.samples);
}

// helpers

function stackOf(node: ProfileNode, parent: ReadonlyMap<number, ProfileNode>): CallFrame[] {
  const stack: CallFrame[] = [];
  for (let at: ProfileNode | undefined = node; at; at = parent.get(at.id)) stack.push(at.callFrame);
  return stack;
}

/** The sample's own frame; for a builtin without a script (its url empty, not a V8 pseudo frame) its nearest caller with one. */
function ownFrame(stack: readonly CallFrame[]): CallFrame {
  const leaf = stack[0]!;
  if (leaf.url !== '' || leaf.functionName.startsWith('(')) return leaf;
  return stack.find((frame) => frame.url !== '') ?? leaf;
}

function categorize(own: CallFrame, stack: readonly CallFrame[], rootUrl: string): string {
  for (const rule of CATEGORY_RULES) {
    if (rule.self && !matches(rule.self, own, rootUrl)) continue;
    if (rule.within && !stack.some((frame) => matches(rule.within!, frame, rootUrl))) continue;
    return rule.category;
  }
  return 'other';
}

function matches(match: FrameMatch, frame: CallFrame, rootUrl: string): boolean {
  return (!match.url || match.url.test(ruleUrl(frame.url, rootUrl))) && (!match.functionName || match.functionName.test(frame.functionName));
}

/** A frame's url as the rules see it: a file under the root from the root (`/engine/…`), any other as it is. */
function ruleUrl(url: string, rootUrl: string): string {
  return url.startsWith(`${rootUrl}/`) ? url.slice(rootUrl.length) : url;
}

function displayName(frame: CallFrame): string {
  return frame.functionName === '' ? '(anonymous)' : frame.functionName;
}

/**
 * Where a function is: path relative to the repository (or node's module name) and line. The engine's TypeScript
 * runs through tsx, which strips whitespace (`minifyWhitespace`), so the profile's own line is the transformed
 * code's: for a `.ts` file the line is the source's declaration of that name. A builtin without a script is named
 * with its caller.
 */
function location(frame: CallFrame, own: CallFrame, root: string, positions: FunctionPositions): string {
  if (frame.url === '') return frame === own || own.url === '' ? '(native)' : `(native) in ${displayName(own)} ${location(own, own, root, positions)}`;
  if (!frame.url.startsWith('file://')) return `${frame.url}:${frame.lineNumber + 1}`;
  const path = fileURLToPath(frame.url);
  const shown = relative(root, path).startsWith('..') ? path : relative(root, path);
  if (!path.endsWith('.ts')) return `${shown}:${frame.lineNumber + 1}`;
  const lines = declarationLines(path, frame.functionName);
  // several functions of that name (two classes' `run`): tsx keeps their order, so the profile's k-th is the source's
  // k-th when the profile holds as many as the source declares
  const seen = positions.get(`${frame.url}|${frame.functionName}`) ?? [];
  const line = lines.length === 1 ? lines[0] : lines.length === seen.length ? lines[seen.indexOf(position(frame))] : undefined;
  return line === undefined ? shown : `${shown}:${line}`;
}

/** Per url and function name, the distinct positions of that name's functions in the profile, in code order. */
type FunctionPositions = Map<string, number[]>;

function functionPositions(nodes: readonly ProfileNode[]): FunctionPositions {
  const positions: FunctionPositions = new Map();
  for (const { callFrame } of nodes) {
    const key = `${callFrame.url}|${callFrame.functionName}`;
    const list = positions.get(key) ?? [];
    if (!list.includes(position(callFrame))) list.push(position(callFrame));
    positions.set(key, list);
  }
  for (const list of positions.values()) list.sort((a, b) => a - b);
  return positions;
}

/** A frame's place in its script, ordered by line, then column. */
function position(frame: CallFrame): number {
  return frame.lineNumber * 1e7 + frame.columnNumber;
}

const sources = new Map<string, string[] | undefined>();

/** The 1-based lines that declare a function `name` in the TypeScript file `path`, in order. */
function declarationLines(path: string, name: string): number[] {
  if (!/^[\w$]+$/.test(name)) return [];
  if (!sources.has(path)) {
    try {
      sources.set(path, readFileSync(path, 'utf8').split('\n'));
    } catch {
      sources.set(path, undefined);
    }
  }
  const lines = sources.get(path);
  if (!lines) return [];
  const escaped = name.replaceAll('$', '\\$');
  const modifiers = `^\\s*(?:export\\s+)?(?:(?:default|async|static|private|protected|public|readonly|override|get|set)\\s+)*`;
  const declaration = new RegExp(
    `${modifiers}(?:function\\s*\\*?\\s*${escaped}\\s*[<(]|(?:const|let|var)\\s+${escaped}\\s*[:=]|${escaped}\\s*[:=]\\s*(?:async\\s*)?(?:function\\b|\\(|[\\w$]+\\s*=>))`,
  );
  // a method's head; a call standing at the start of a line looks the same but ends with a semicolon
  const method = new RegExp(`${modifiers}\\*?${escaped}\\s*[<(]`);
  return lines.flatMap((line, i) => (declaration.test(line) || (method.test(line) && !line.trimEnd().endsWith(';')) ? [i + 1] : []));
}
