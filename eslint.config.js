// ESLint flat config. Besides the recommended rules, it enforces the module boundaries of the engine and its clients
// (each concern owns one library; dependencies go one way) with `no-restricted-imports`, among them the engine's
// layers: api → processor → behaviors → model/state → store, each importing only the layers below it.
//
// In a flat config a later object that sets a rule replaces, not merges, its options for the files it matches, so
// each area below gets the complete list of its restrictions, and the areas do not overlap (`ignores`).
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// --- restrictions ---------------------------------------------------------------------------------------------

const moduleAndSubpaths = (...names) => names.flatMap((name) => [name, `${name}/*`]);

/** Libraries owned by one engine area: only that area, and its mirrored tests, import them. */
const OWNED = {
  sqlite: {
    group: moduleAndSubpaths('better-sqlite3'),
    message: 'Only engine/store/ may import better-sqlite3.',
  },
  moddle: {
    group: moduleAndSubpaths('bpmn-moddle', 'zeebe-bpmn-moddle'),
    message: 'Only engine/model/ may import bpmn-moddle / zeebe-bpmn-moddle.',
  },
  feelin: {
    group: moduleAndSubpaths('feelin'),
    message: 'Only engine/feel/ may import feelin.',
  },
  dmn: {
    group: moduleAndSubpaths('dmn-moddle'),
    message: 'Only engine/decisions/ may import dmn-moddle: it owns DMN parsing.',
  },
};

const NO_IO = [
  {
    group: moduleAndSubpaths('better-sqlite3', 'express'),
    message: 'engine/model/, engine/decisions/ and engine/feel/ do no I/O: no better-sqlite3 or express.',
  },
  {
    group: ['node:fs', 'node:fs/*', 'fs', 'fs/*', 'node:http', 'http'],
    message: 'engine/model/, engine/decisions/ and engine/feel/ do no I/O: no node:fs or node:http.',
  },
];

const NO_NODE_IN_SHARED_LINT = {
  group: ['node:*', 'fs', 'fs/*', 'path', 'module', 'url', 'child_process', 'esbuild'],
  message: 'The lint rules also run in the web modeler (browser): no Node modules here; reading files belongs in load-*.ts or lint-project.ts.',
};

const NO_EXPRESS_IN_BEHAVIORS = {
  group: moduleAndSubpaths('express'),
  message: 'Behaviours never import express.',
};

const NO_ENGINE = {
  // Any relative path that goes through a folder named engine (../engine/x.js, ../../engine/api/index.js, …).
  regex: String.raw`^\.{1,2}/(?:.*/)?engine(?:/|$)`,
  message:
    'workers/ and web-*/ never import engine/: talk to the engine through @camunda8/sdk or HTTP only.',
};

/**
 * The engine's layers (api → processor → behaviors → model/state → store): a layer never imports one above it.
 * `above` names the engine folders (and root modules) out of bounds; a relative path that goes up into one of them
 * (../processor/x.js, ../../api/jobs.js, ../engine.js) is refused.
 */
const layer = (name, above, why) => ({
  regex: String.raw`^(?:\.\./)+(?:${above.map((a) => a.replace('.', String.raw`\.`)).join('|')})(?:/|$)`,
  message: `${name} never imports ${above.join(', ')}: ${why}`,
});

const ROOT = ['engine.js', 'server.js'];
/**
 * The REST layer is the top one, so it gets an allowlist rather than a list of what is above it: besides its own
 * files (./…) it imports the facade, engine.ts, which re-exports what the api needs of the layers, the identity
 * service and the clock, and errors.ts, the engine's error classes (a leaf module every layer throws and the api
 * maps to problem details). Type imports count too (the core rule does not tell them apart), so a type the api
 * needs is re-exported by engine.ts as well. Any other path out of engine/api/ (../clock.js, ../identity/x.js,
 * ../store/x.js, ../../x.js) is refused.
 */
const API_FACADE_ONLY = {
  regex: String.raw`^\.\.(?:/(?!(?:engine|errors)\.js$)|$)`,
  message: "engine/api/ never imports anything of the engine but the facade (../engine.js) and its errors (../errors.js): re-export what the api needs from engine.ts.",
};
const LAYERS = {
  api: API_FACADE_ONLY,
  processor: layer('engine/processor/', ['api', 'store', 'identity', ...ROOT], 'commands read through the named readers and write through the StateWriter.'),
  behaviors: layer('engine/behaviors/', ['api', 'processor', 'store', 'identity', ...ROOT], 'use the readers and the writer in EngineServices.'),
  state: layer('engine/state/', ['api', 'processor', 'behaviors', 'store', 'identity', ...ROOT], 'the store implements the interfaces state declares.'),
  model: layer('engine/model/', ['api', 'processor', 'behaviors', 'state', 'store', 'identity', 'decisions', ...ROOT], 'models are pure data.'),
  decisions: layer('engine/decisions/', ['api', 'processor', 'behaviors', 'state', 'store', 'identity', ...ROOT], 'decisions are pure data.'),
  feel: layer('engine/feel/', ['api', 'processor', 'behaviors', 'model', 'state', 'store', 'identity', 'decisions', ...ROOT], 'FEEL knows nothing of the engine.'),
  store: layer('engine/store/', ['api', 'processor', 'behaviors', 'identity', ...ROOT], 'it is the bottom layer.'),
  identity: layer('engine/identity/', ['api', 'processor', 'behaviors', ...ROOT], 'it sits beside the engine core, above the store.'),
};

/**
 * Inside engine/store/, only the connection (store-connection.ts) prepares statements and begins transactions on
 * SQLite: its read statements write the projection's held rows first, so no read of a projected table can miss
 * them. database.ts opens the file; sqlite-file.ts checks and copies it on connections of its own; the writer
 * thread (store-writer-thread.cjs) appends the command batches' event rows on its own connection and reads nothing;
 * the checkpointer thread (store-checkpointer-thread.cjs) only checkpoints on its own.
 */
const STORE_CONNECTION = 'engine/store/store-connection.ts';
const STORE_WRITER_THREAD = 'engine/store/store-writer-thread.cjs';
const STORE_CHECKPOINTER_THREAD = 'engine/store/store-checkpointer-thread.cjs';
const STORE_SQLITE_FILES = [STORE_CONNECTION, 'engine/store/database.ts', 'engine/store/sqlite-file.ts', STORE_WRITER_THREAD, STORE_CHECKPOINTER_THREAD];
const STORE_CONNECTION_ONLY = [
  {
    group: moduleAndSubpaths('better-sqlite3'),
    message: 'In engine/store/, statements and transactions are made through StoreConnection (store-connection.ts), never on better-sqlite3 directly.',
  },
  {
    group: ['./database.js'],
    allowImportNames: ['DatabaseOptions'],
    message: 'Open the file with StoreConnection.open (store-connection.ts): its reads project the held rows first.',
  },
];

/**
 * The reads that skip the projection, the projector's writes of the projected tables (and the switch that lets them
 * run), and the store's own transactions, each in the one file that may use them.
 */
const bypass = (selector, message) => ({ selector, message });
const STORE_BYPASSES = {
  readStored: bypass(
    "MemberExpression[property.name='readStored']",
    'readStored skips the projection: only RecordTable.get and the in-memory state loaded before a replay (join tokens, message correlations) may use it; read with connection.read.',
  ),
  projectorWrite: bypass(
    "MemberExpression[property.name='projectorWrite']",
    "projectorWrite writes a projected table: only the held writes (record-table.ts, join-tokens.ts) may; other tables are written with connection.write.",
  ),
  asProjector: bypass(
    "MemberExpression[property.name='asProjector']",
    "asProjector lets the projected tables' statements run: only the store's projector (engine-store.ts) may use it.",
  ),
  transaction: bypass(
    "MemberExpression[property.name='transaction'][object.type='Identifier'][object.name=/^(db|connection)$/], MemberExpression[property.name='transaction'][object.property.name='connection']",
    "The connection's transaction is the store's command transaction (engine-store.ts); a reader's transaction is connection.readTransaction, which projects first.",
  ),
};
const restrictSyntax = (files, rules, ignores = []) => ({ files, ignores, rules: { 'no-restricted-syntax': ['error', ...rules] } });

// --- areas ----------------------------------------------------------------------------------------------------

/** One config object per area: `files` minus `ignores` gets exactly `patterns`. */
const area = (files, patterns, ignores = []) => ({
  files,
  ignores,
  rules: { 'no-restricted-imports': ['error', { patterns }] },
});

/** The embedded backend of the workers' shared state (notice counters, idempotency), used without REDIS_URL. */
const WORKER_STATE_SQLITE = 'workers/runtime/sqlite-worker-state.ts';
/** The task list's own file of saved views (never the engine's tables). */
const TASKLIST_SQLITE = 'web-tasklist/server/saved-views-store.ts';
/** The monitor's read model, a SQLite file of its own fed from /v2 (never the engine's tables). */
const MONITOR_SQLITE = 'web-monitor/server/read-model/monitor-store.ts';
/**
 * The modeler's one use of dmn-moddle: it reads a decision and writes it again as dmn-js (which writes through
 * dmn-moddle) would, to tell a save that only reformats a decision from a real change, and to show both versions of a
 * comparison alike. It executes nothing; the engine's reading of DMN stays in engine/decisions/. Its test likewise.
 */
const MODELER_DMN_TEXT = ['web-modeler/server/decision-representation.ts', 'test/web-modeler/server/decision-representation.test.ts'];
/**
 * Its mirrored test, which compares the month tables with the day tables directly, and the feeder's pruning test,
 * which fails the pruning's deletes with a trigger made on a connection of its own.
 */
const MONITOR_SQLITE_TESTS = ['test/web-monitor/server/read-model/monitor-store.test.ts', 'test/web-monitor/server/read-model/feeder-pruning.test.ts'];

/**
 * Only engine/store/ writes SQL. In scripts/ and test/, a file that opens the engine's SQLite file or uses the store
 * directly is named here with the reason; any other import of engine/store/ there is refused (better-sqlite3 is
 * refused there by OWNED.sqlite). The store's own tests (test/engine/store/) mirror it and are not listed.
 */
const STORE_USERS = {
  // scripts: measurements and the operators' tools
  'scripts/correlation-reload.ts':
    "times the message correlation index's reload on 200,000 cases written with SQL in the engine's schema (docs/performance-notes.md); driving them through the engine would take hours",
  'scripts/bench/open-tasks-seed.ts':
    "seeds 100,000 waiting user tasks with the engine's own store and state writer for the task search benchmark; driving them through the models would take many minutes",
  'scripts/bench/engine-counters.ts': "counts the WAL syncs and projector runs by wrapping the store's own methods in the benchmark's engine child",
  'scripts/bench/in-process.ts': 'the in-process driver observes the user-task table through the store (a type import only)',
  'scripts/reliability/backup-deployment.ts': "the backup copies the engine's file with SQLite's online backup and checks the copy (sqlite-file.ts, read-only)",
  'scripts/reliability/chaos-run.ts': "checks the engine's file after each kill: integrity, and whether a job is active (sqlite-file.ts, read-only)",
  'scripts/reliability/soak-run.ts': "checks the integrity of the engine's file after the soak (sqlite-file.ts)",
  // tests that must see or shape the file itself
  'test/engine/identity/identity-seed.test.ts': "simulates a data directory seeded by an older version by deleting its meta row (the engine is stopped)",
  'test/engine/identity/device-cookies.test.ts': "voids every device cookie as docs/security.md tells the operator: deletes the key's meta row (the engine is stopped)",
  'test/scripts/engine.test.ts': "reads the device cookies' key from the stopped engine's file to look for it in the engine's output (read-only)",
  'test/engine/message-subscriptions-crash.test.ts': "counts the rows a killed engine left in its file (read-only)",
  'test/engine/projection-crash.test.ts': "counts the rows a killed engine left in its file (read-only)",
  'test/engine/api/hostile-bodies.property.test.ts': "proves a refused body wrote nothing by hashing the written tables (read-only)",
  'test/engine/state/state-writer.test.ts': 'the state writer is tested against the real store that implements its interfaces',
  'test/support/query-plans.ts':
    "the query-plan tests' helper: notes the SQL the engine reads with (a spy on the store's connection) and asks SQLite for its plan on the engine's file (read-only)",
  'test/engine/processor/batch-operation-commands.rollback.test.ts': "reads the batch's events from the engine's store after a rolled-back command (a type import only)",
};
const STORE_USER_FILES = Object.keys(STORE_USERS);

const ENGINE_STORE = {
  // any relative path through engine/store (../engine/store/x.js, ../../../engine/store/x.js)
  regex: String.raw`^(?:\.\./)+engine/store(?:/|$)`,
  message:
    "Only engine/store/ writes SQL: scripts/ and test/ use the engine through engine.ts or HTTP. A file that must open the engine's SQLite file is named in STORE_USERS (eslint.config.js) with the reason.",
};

const ENGINE_AREAS = ['store', 'model', 'decisions', 'feel', 'behaviors', 'state', 'processor', 'api', 'identity'].map((a) => `engine/${a}/**`);
const TEST_AREAS = ['test/engine/store/**', 'test/engine/model/**', 'test/engine/decisions/**', 'test/engine/feel/**'];
const ALL_OWNED = [OWNED.sqlite, OWNED.moddle, OWNED.feelin, OWNED.dmn];

/** The lint's Node side; the rest of scripts/lint/ is shared with the web modeler's browser bundle. */
const LINT_NODE_FILES = ['scripts/lint/load-*.ts', 'scripts/lint/lint-project.ts', 'scripts/lint/lint-dmn.ts'];

const boundaries = [
  // engine
  area(['engine/store/**'], [LAYERS.store, OWNED.moddle, OWNED.feelin, OWNED.dmn, ...STORE_CONNECTION_ONLY], STORE_SQLITE_FILES),
  area(STORE_SQLITE_FILES, [LAYERS.store, OWNED.moddle, OWNED.feelin, OWNED.dmn]),
  restrictSyntax(['engine/**'], [STORE_BYPASSES.readStored, STORE_BYPASSES.projectorWrite, STORE_BYPASSES.asProjector, STORE_BYPASSES.transaction], [
    STORE_CONNECTION, 'engine/store/record-table.ts', 'engine/store/join-tokens.ts', 'engine/store/message-correlation-index.ts',
    'engine/store/engine-store.ts', 'engine/store/database.ts', STORE_WRITER_THREAD,
  ]),
  restrictSyntax(['engine/store/record-table.ts', 'engine/store/join-tokens.ts'], [STORE_BYPASSES.asProjector, STORE_BYPASSES.transaction]),
  restrictSyntax(['engine/store/message-correlation-index.ts'], [STORE_BYPASSES.projectorWrite, STORE_BYPASSES.asProjector, STORE_BYPASSES.transaction]),
  restrictSyntax(['engine/store/engine-store.ts'], [STORE_BYPASSES.readStored, STORE_BYPASSES.projectorWrite]),
  area(['engine/model/**'], [LAYERS.model, ...NO_IO, OWNED.feelin, OWNED.dmn]),
  area(['engine/decisions/**'], [LAYERS.decisions, ...NO_IO, OWNED.feelin, OWNED.moddle]),
  area(['engine/feel/**'], [LAYERS.feel, ...NO_IO, OWNED.moddle, OWNED.dmn]),
  area(['engine/behaviors/**'], [LAYERS.behaviors, NO_EXPRESS_IN_BEHAVIORS, ...ALL_OWNED]),
  area(['engine/state/**'], [LAYERS.state, ...ALL_OWNED]),
  area(['engine/processor/**'], [LAYERS.processor, ...ALL_OWNED]),
  area(['engine/api/**'], [LAYERS.api, ...ALL_OWNED]),
  area(['engine/identity/**'], [LAYERS.identity, ...ALL_OWNED]),
  area(['engine/**'], ALL_OWNED, ENGINE_AREAS),
  // clients of the REST contract
  area(['workers/**', 'web-*/**'], [NO_ENGINE, ...ALL_OWNED], [WORKER_STATE_SQLITE, TASKLIST_SQLITE, MONITOR_SQLITE, ...MODELER_DMN_TEXT]),
  area([MODELER_DMN_TEXT[0]], [NO_ENGINE, OWNED.sqlite, OWNED.moddle, OWNED.feelin]),
  // the workers', the task list's and the monitor's own state files (never the engine's tables) are the places
  // outside engine/store/ with SQLite
  area([WORKER_STATE_SQLITE, TASKLIST_SQLITE, MONITOR_SQLITE], [NO_ENGINE, OWNED.moddle, OWNED.feelin, OWNED.dmn]),
  area(['scripts/**', 'config/**'], [ENGINE_STORE, ...ALL_OWNED], ['scripts/lint/**', ...STORE_USER_FILES]),
  area(LINT_NODE_FILES, [ENGINE_STORE, ...ALL_OWNED]),
  // the scripts and tests of STORE_USERS: engine/store/, but still no better-sqlite3 of their own
  area(STORE_USER_FILES, ALL_OWNED),
  area(['scripts/lint/**'], [NO_NODE_IN_SHARED_LINT, NO_ENGINE, ...ALL_OWNED], LINT_NODE_FILES),
  // tests mirror the source path, so a test may use the library its source folder owns
  area(['test/engine/store/**'], [OWNED.moddle, OWNED.feelin, OWNED.dmn]),
  area(['test/engine/model/**'], [ENGINE_STORE, OWNED.sqlite, OWNED.feelin, OWNED.dmn]),
  area(['test/engine/decisions/**'], [ENGINE_STORE, OWNED.sqlite, OWNED.feelin, OWNED.moddle]),
  area(['test/engine/feel/**'], [ENGINE_STORE, OWNED.sqlite, OWNED.moddle, OWNED.dmn]),
  area(MONITOR_SQLITE_TESTS, [ENGINE_STORE, OWNED.moddle, OWNED.feelin, OWNED.dmn]),
  area(['test/**'], [ENGINE_STORE, ...ALL_OWNED], [...TEST_AREAS, ...MONITOR_SQLITE_TESTS, ...STORE_USER_FILES, ...MODELER_DMN_TEXT]),
  area([MODELER_DMN_TEXT[1]], [ENGINE_STORE, OWNED.sqlite, OWNED.moddle, OWNED.feelin]),
];

// --- config ---------------------------------------------------------------------------------------------------

export default defineConfig([
  globalIgnores(['**/node_modules/', '**/dist/', '.data/', 'web-*/dist/', 'web-*/dist.building-*/', 'coverage/', '.bench-data/']),
  {
    files: ['**/*.{js,mjs,cjs}'],
    extends: [js.configs.recommended],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: { globals: globals.node },
    rules: {
      '@typescript-eslint/no-explicit-any': 'warn',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'after-used',
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
        },
      ],
    },
  },
  // the web apps' browser code
  {
    files: ['web-*/src/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
  },
  ...boundaries,
]);
