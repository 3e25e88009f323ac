/**
 * The modeler's lint cache (DATA_DIR/modeler-lint-cache.json, web-modeler/server/lint-cache.ts) kept between the
 * modeler's browser test files and runs, in node_modules/.cache: each file's harness edits a fresh copy of the
 * project, and without it each linted all 160 files again on its first look at the project (6 s of CPU alone, past
 * the 30 s a page waits on a loaded 2-core machine). The cache's own rules keep it honest: an entry is used only for
 * the same text and the same lint code (its fingerprint), so a stale one is linted again, never believed.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const SHARED = join(REPO, 'node_modules/.cache/modeler-browser-tests/modeler-lint-cache.json');
const CACHE_FILE = 'modeler-lint-cache.json';

interface CacheFile {
  fingerprint?: string;
  files?: Record<string, unknown>;
}

/** Gives a fresh data folder the cache the earlier test files left (before the modeler's server reads it). */
export function seedLintCache(dataDir: string): void {
  if (existsSync(SHARED)) copyFileSync(SHARED, join(dataDir, CACHE_FILE));
}

/**
 * Keeps what this harness linted for the next: the entries of the files a test left as the repository has them (a
 * test's own edits would only be linted again), over what the shared cache had. Written whole and renamed, as two
 * test files may end at once.
 */
export function keepLintCache(dataDir: string, projectDir: string): void {
  const own = readCache(join(dataDir, CACHE_FILE));
  if (!own?.fingerprint || !own.files) return;
  const shared = readCache(SHARED);
  const files = shared?.fingerprint === own.fingerprint ? { ...shared.files } : {};
  for (const [file, entry] of Object.entries(own.files)) {
    if (sameText(join(projectDir, file), join(REPO, file))) files[file] = entry;
  }
  mkdirSync(dirname(SHARED), { recursive: true });
  const temporary = `${SHARED}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(temporary, JSON.stringify({ fingerprint: own.fingerprint, files }));
  renameSync(temporary, SHARED);
}

// helpers

function readCache(path: string): CacheFile | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as CacheFile;
  } catch {
    return undefined;
  }
}

function sameText(copy: string, original: string): boolean {
  try {
    return readFileSync(copy, 'utf8') === readFileSync(original, 'utf8');
  } catch {
    return false;
  }
}
