/**
 * The Camunda linters (camunda-linters.ts) for Node, loaded from one esbuild bundle.
 *
 * @camunda/linting and @camunda/form-linting are published as ESM sources without `"type": "module"` and with
 * extension-less imports, so plain Node (and tsx) cannot import them. camunda-linters.ts is bundled for Node on
 * the fly into `node_modules/.cache/lint-models/` (never committed); the file name carries a hash of its sources,
 * package-lock.json and the esbuild version, so a change rebuilds it. Builds write a temporary file and rename
 * it, so parallel test workers cannot see half a bundle. The web modeler bundles the same module for the browser.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, version as esbuildVersion } from 'esbuild';
import type { CamundaLinters, createCamundaLinters } from './camunda-linters.js';

export type { CamundaLinters } from './camunda-linters.js';

let loading: Promise<CamundaLinters> | undefined;

/** Builds the bundle if needed and loads it once per process. */
export function loadCamundaLinters(): Promise<CamundaLinters> {
  loading ??= load();
  return loading;
}

// helpers

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CACHE_DIR = join(REPO_ROOT, 'node_modules', '.cache', 'lint-models');
const BUNDLE_PREFIX = 'camunda-linters-';
/** The bundle's entry and every file of ours it pulls in. */
const ENTRY = fileURLToPath(new URL('./camunda-linters.ts', import.meta.url));
const SOURCES = ['./camunda-linters.ts', './bpmnlint-recommended.ts', './moddle-element.ts'].map((file) => fileURLToPath(new URL(file, import.meta.url)));

async function load(): Promise<CamundaLinters> {
  const bundle = await ensureBundle();
  const exports = (await import(pathToFileURL(bundle).href)) as { createCamundaLinters: typeof createCamundaLinters };
  return exports.createCamundaLinters();
}

async function ensureBundle(): Promise<string> {
  const hash = createHash('sha256').update(esbuildVersion);
  for (const file of [...SOURCES, join(REPO_ROOT, 'package-lock.json')]) if (existsSync(file)) hash.update(readFileSync(file));
  const key = hash.digest('hex').slice(0, 16);
  const bundle = join(CACHE_DIR, `${BUNDLE_PREFIX}${key}.mjs`);
  if (existsSync(bundle)) return bundle;

  mkdirSync(CACHE_DIR, { recursive: true });
  const temporary = join(CACHE_DIR, `.${BUNDLE_PREFIX}${key}.${process.pid}.${Date.now()}.mjs`);
  await build({
    entryPoints: [ENTRY],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: temporary,
    logLevel: 'error',
  });
  renameSync(temporary, bundle);
  removeStaleBundles(bundle);
  return bundle;
}

/** Best effort: bundles of older source states. */
function removeStaleBundles(current: string): void {
  for (const name of readdirSync(CACHE_DIR)) {
    const path = join(CACHE_DIR, name);
    if (path !== current && name.startsWith(BUNDLE_PREFIX) && name.endsWith('.mjs')) rmSync(path, { force: true });
  }
}
