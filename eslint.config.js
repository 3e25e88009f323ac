// ESLint flat config. Besides the recommended rules, it enforces the module boundaries of STYLE.md rule 13
// (and rule 1, "each concern owns one library") with `no-restricted-imports`.
//
// In a flat config a later object that sets a rule replaces, not merges, its options for the files it matches, so
// each area below gets the complete list of its restrictions, and the areas do not overlap (`ignores`).
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// --- restrictions ---------------------------------------------------------------------------------------------

const moduleAndSubpaths = (...names) => names.flatMap((name) => [name, `${name}/*`]);

/** Libraries owned by one engine area (STYLE.md rule 1): only that area, and its mirrored tests, import them. */
const OWNED = {
  sqlite: {
    group: moduleAndSubpaths('better-sqlite3'),
    message: 'Only engine/store/ may import better-sqlite3 (STYLE.md rules 1, 13).',
  },
  moddle: {
    group: moduleAndSubpaths('bpmn-moddle', 'zeebe-bpmn-moddle'),
    message: 'Only engine/model/ may import bpmn-moddle / zeebe-bpmn-moddle (STYLE.md rule 1).',
  },
  feelin: {
    group: moduleAndSubpaths('feelin'),
    message: 'Only engine/feel/ may import feelin (STYLE.md rule 1).',
  },
  dmn: {
    group: moduleAndSubpaths('dmn-moddle'),
    message: 'Only engine/decisions/ may import dmn-moddle: it owns DMN parsing.',
  },
};

const NO_IO = [
  {
    group: moduleAndSubpaths('better-sqlite3', 'express'),
    message: 'engine/model/, engine/decisions/ and engine/feel/ do no I/O: no better-sqlite3 or express (STYLE.md rule 13).',
  },
  {
    group: ['node:fs', 'node:fs/*', 'fs', 'fs/*', 'node:http', 'http'],
    message: 'engine/model/, engine/decisions/ and engine/feel/ do no I/O: no node:fs or node:http (STYLE.md rule 13).',
  },
];

const NO_EXPRESS_IN_BEHAVIORS = {
  group: moduleAndSubpaths('express'),
  message: 'Behaviours never import express (STYLE.md rule 13).',
};

const NO_STORE_OR_API_IN_BEHAVIORS = {
  // A relative path going up out of engine/behaviors/ into store/ or api/ (../store/x.js, ../../api/jobs.js, …).
  regex: String.raw`^\.\.(?:/.*)?/(?:store|api)(?:/|$)`,
  message:
    'Behaviours never import engine/store or engine/api; use the read interfaces and the writer in EngineServices (STYLE.md rules 6, 13).',
};

const NO_ENGINE = {
  // Any relative path that goes through a folder named engine (../engine/x.js, ../../engine/api/index.js, …).
  regex: String.raw`^\.{1,2}/(?:.*/)?engine(?:/|$)`,
  message:
    'workers/ and web-*/ never import engine/: talk to the engine through @camunda8/sdk or HTTP only (STYLE.md rule 13).',
};

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

const ENGINE_AREAS = ['engine/store/**', 'engine/model/**', 'engine/decisions/**', 'engine/feel/**', 'engine/behaviors/**'];
const TEST_AREAS = ['test/engine/store/**', 'test/engine/model/**', 'test/engine/decisions/**', 'test/engine/feel/**'];
const ALL_OWNED = [OWNED.sqlite, OWNED.moddle, OWNED.feelin, OWNED.dmn];

const boundaries = [
  // engine
  area(['engine/store/**'], [OWNED.moddle, OWNED.feelin, OWNED.dmn]),
  area(['engine/model/**'], [...NO_IO, OWNED.feelin, OWNED.dmn]),
  area(['engine/decisions/**'], [...NO_IO, OWNED.feelin, OWNED.moddle]),
  area(['engine/feel/**'], [...NO_IO, OWNED.moddle, OWNED.dmn]),
  area(['engine/behaviors/**'], [NO_EXPRESS_IN_BEHAVIORS, NO_STORE_OR_API_IN_BEHAVIORS, ...ALL_OWNED]),
  area(['engine/**'], ALL_OWNED, ENGINE_AREAS),
  // clients of the REST contract
  area(['workers/**', 'web-*/**'], [NO_ENGINE, ...ALL_OWNED], [WORKER_STATE_SQLITE, TASKLIST_SQLITE]),
  // the workers' and the task list's own state files (never the engine's tables) are the places outside
  // engine/store/ with SQLite
  area([WORKER_STATE_SQLITE, TASKLIST_SQLITE], [NO_ENGINE, OWNED.moddle, OWNED.feelin, OWNED.dmn]),
  area(['scripts/**', 'config/**'], ALL_OWNED),
  // tests mirror the source path (STYLE.md rule 12), so a test may use the library its source folder owns
  area(['test/engine/store/**'], [OWNED.moddle, OWNED.feelin, OWNED.dmn]),
  area(['test/engine/model/**'], [OWNED.sqlite, OWNED.feelin, OWNED.dmn]),
  area(['test/engine/decisions/**'], [OWNED.sqlite, OWNED.feelin, OWNED.moddle]),
  area(['test/engine/feel/**'], [OWNED.sqlite, OWNED.moddle, OWNED.dmn]),
  area(['test/**'], ALL_OWNED, TEST_AREAS),
];

// --- config ---------------------------------------------------------------------------------------------------

export default defineConfig([
  globalIgnores(['**/node_modules/', '**/dist/', '.data/', 'web-*/dist/', 'coverage/', '.bench-data/']),
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
