/**
 * Builds a web app's front end (`web-<app>/src/main.tsx` + `index.html`) with esbuild into `web-<app>/dist/`
 * (gitignored): one JS and one CSS bundle with content hashes, and index.html pointing at them.
 *
 * `npm start` calls {@link ensureWebAppBuilt}: it hashes every source the bundle depends on (the app's `src/`,
 * `web-shared/src/`, this file, package-lock.json) and rebuilds only when the hash differs from the stamp in
 * `dist/.build-stamp`, so a start without changes costs one directory walk.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SHARED_SRC = join(ROOT, 'web-shared/src');
const STAMP = '.build-stamp';

export interface WebAppSource {
  /** Folder of the app, e.g. `web-tasklist` (relative to the repository root or absolute). */
  dir: string;
  /** Path the app is served under, e.g. `/tasklist` (asset URLs are absolute under it). */
  basePath: string;
}

export interface BuildOutcome {
  built: boolean;
  distDir: string;
  /** Milliseconds spent (hashing only, when nothing was built). */
  ms: number;
}

/** Builds the app when its sources changed since the last build (or `force`). */
export async function ensureWebAppBuilt(app: WebAppSource, options: { force?: boolean } = {}): Promise<BuildOutcome> {
  const started = performance.now();
  const appDir = resolve(ROOT, app.dir);
  const distDir = join(appDir, 'dist');
  const hash = sourceHash(appDir);
  const stampFile = join(distDir, STAMP);
  if (!options.force && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === hash) {
    return { built: false, distDir, ms: performance.now() - started };
  }
  await buildWebApp(appDir, distDir, app.basePath);
  writeFileSync(stampFile, hash);
  return { built: true, distDir, ms: performance.now() - started };
}

// helpers

async function buildWebApp(appDir: string, distDir: string, basePath: string): Promise<void> {
  const staging = `${distDir}.building`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(join(staging, 'assets'), { recursive: true });
  const result = await build({
    entryPoints: { app: join(appDir, 'src/main.tsx') },
    bundle: true,
    format: 'esm',
    // form-js is loaded when a form is first shown (lazy-form-view.tsx), in chunks of its own
    splitting: true,
    chunkNames: 'chunk-[hash]',
    target: ['chrome109', 'firefox115', 'edge109'],
    outdir: join(staging, 'assets'),
    entryNames: '[name]-[hash]',
    assetNames: '[name]-[hash]',
    publicPath: `${basePath}/assets`,
    minify: true,
    sourcemap: 'linked',
    metafile: true,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    loader: { '.woff': 'file', '.woff2': 'file', '.svg': 'file', '.png': 'file' },
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'linked',
    logLevel: 'silent',
  });
  const outputs = Object.keys(result.metafile.outputs).map((file) => basename(file));
  const js = outputs.find((file) => /^app-.*\.js$/.test(file));
  const css = outputs.find((file) => /^app-.*\.css$/.test(file));
  if (!js) throw new Error(`esbuild wrote no app bundle for ${relative(ROOT, appDir)}`);
  const template = readFileSync(join(appDir, 'src/index.html'), 'utf8');
  const html = template
    .replace('<!-- styles -->', css ? `<link rel="stylesheet" href="${basePath}/assets/${css}">` : '')
    .replace('<!-- script -->', `<script type="module" src="${basePath}/assets/${js}"></script>`);
  writeFileSync(join(staging, 'index.html'), html);
  // swap in one step, so a running server never serves half a build
  rmSync(distDir, { recursive: true, force: true });
  renameSync(staging, distDir);
}

function sourceHash(appDir: string): string {
  const hash = createHash('sha256');
  const files = [...listFiles(join(appDir, 'src')), ...listFiles(SHARED_SRC), fileURLToPath(import.meta.url), join(ROOT, 'package-lock.json')];
  for (const file of files.sort()) {
    hash.update(relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}
