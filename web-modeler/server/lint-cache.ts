/**
 * The project index's per-file lint results kept on disk between runs (DATA_DIR/modeler-lint-cache.json), so the
 * first look at the project after `npm start` lints only what changed instead of every file (several seconds of
 * CPU for 23 models and 129 forms). An entry is used only for the same text (its revision) and the same lint code:
 * the cache carries a fingerprint of the sources the lint thread runs (LINT_CODE_ROOTS) and package-lock.json,
 * and a different fingerprint discards it whole. A missing, unreadable or foreign cache file is just a cold start.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FileLint } from './file-lint-worker.js';

export interface CachedLint extends FileLint {
  revision: string | null;
}

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * What a file's lint result depends on besides its text: the lint thread's code and everything it imports from
 * this repository (test/web-modeler/server/lint-cache.test.ts checks the list against the import graph), and the
 * linters' versions.
 */
export const LINT_CODE_ROOTS = [
  'scripts/lint',
  'scripts/catalog',
  'engine/decisions',
  'engine/feel',
  'engine/model',
  'workers/runtime',
  'web-modeler/server/file-lint-worker.ts',
  // the refusal-notice check knows a 不予受理 end by the monitor's rule (outcomeOfEndEvent)
  'web-shared/src/format/case-outcome.ts',
  // the meta files' check (metaFindings)
  'web-modeler/server/project-index.ts',
  'package-lock.json',
];

const FORMAT = 1;

let fingerprint: string | undefined;

/** A hash of the lint code's sources, computed once per process (a few milliseconds). */
export function lintCodeFingerprint(): string {
  if (fingerprint) return fingerprint;
  const hash = createHash('sha256').update(`format ${FORMAT}\n`);
  for (const root of LINT_CODE_ROOTS) {
    for (const file of filesUnder(join(REPO_ROOT, root))) hash.update(`${file.slice(REPO_ROOT.length)}\n`).update(readFileSync(file));
  }
  fingerprint = hash.digest('hex').slice(0, 32);
  return fingerprint;
}

export function readLintCache(path: string): Map<string, CachedLint> {
  try {
    const cache = JSON.parse(readFileSync(path, 'utf8')) as { fingerprint?: unknown; files?: Record<string, CachedLint> };
    if (cache.fingerprint !== lintCodeFingerprint() || typeof cache.files !== 'object' || cache.files === null) return new Map();
    return new Map(Object.entries(cache.files));
  } catch {
    return new Map();
  }
}

/** Written to a temporary file and renamed, so a crash mid-write leaves the previous cache, never half of one. */
export function writeLintCache(path: string, entries: ReadonlyMap<string, CachedLint>): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify({ fingerprint: lintCodeFingerprint(), files: Object.fromEntries(entries) }));
  renameSync(temporary, path);
}

// helpers

function filesUnder(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .filter((entry) => entry.name !== 'node_modules' && !entry.name.startsWith('.'))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(join(path, entry.name)) : [join(path, entry.name)]));
}
