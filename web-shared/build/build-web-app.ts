/**
 * Builds a web app's front end (`web-<app>/src/main.tsx` + the shared `web-shared/src/index.html`) with esbuild into `web-<app>/dist/`
 * (gitignored): one JS and one CSS bundle with content hashes, the chunks split off for what loads later, and
 * index.html pointing at them (the chunks the bundle imports at once preloaded beside it).
 *
 * `npm start` calls {@link ensureWebAppBuilt}: it hashes every source the bundle depends on (the app's `src/`,
 * `web-shared/src/`, this file, package-lock.json) and rebuilds only when the hash differs from the stamp in
 * `dist/.build-stamp`, so a start without changes costs one directory walk.
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { zh } from '../src/i18n/zh-cn.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SHARED_SRC = join(ROOT, 'web-shared/src');
const STAMP = '.build-stamp';

export interface WebAppSource {
  /** Folder of the app, e.g. `web-tasklist` (relative to the repository root or absolute). */
  dir: string;
  /** Path the app is served under, e.g. `/tasklist` (asset URLs are absolute under it). */
  basePath: string;
  /** The app's name in the page title (the page is web-shared/src/index.html for every app). */
  titleZh: string;
  /** Folders outside `src/` and `web-shared/src/` the bundle imports (the modeler: the lint rules of scripts/lint/). */
  extraSources?: readonly string[];
  /**
   * Bundle every `preact` import with the copy this package depends on. form-js-editor 1.23 pins preact ≤ 10.15.1
   * (drag and drop loses fields with newer ones, bpmn-io/form-js#760), and its viewer, its properties panel and
   * our pages must share one preact; the modeler bundles them all with the editor's.
   */
  preactOf?: string;
  /**
   * CommonJS packages a library imports with `await import()` and destructures (`const { configs } = await
   * import('bpmnlint-plugin-camunda-compat')` in @camunda/linting): split into a chunk of their own, esbuild would
   * give them only a default export. Each gets an ES module in front with the named exports listed.
   */
  namedExportsOf?: Readonly<Record<string, readonly string[]>>;
}

export interface BuildOutcome {
  built: boolean;
  distDir: string;
  /** Milliseconds spent (hashing only, when nothing was built). */
  ms: number;
}

/** Builds the app when its sources changed since the last build (or `force`). */
export async function ensureWebAppBuilt(app: WebAppSource, options: { force?: boolean; distDir?: string } = {}): Promise<BuildOutcome> {
  const started = performance.now();
  const appDir = resolve(ROOT, app.dir);
  // (another folder than the app's dist/ only in tests, which must not swap the build a running server serves)
  const distDir = options.distDir ?? join(appDir, 'dist');
  const hash = sourceHash(appDir, app.extraSources ?? []);
  const stampFile = join(distDir, STAMP);
  if (!options.force && stampOf(stampFile) === hash) return { built: false, distDir, ms: performance.now() - started };
  await buildWebApp(appDir, distDir, app, hash);
  return { built: true, distDir, ms: performance.now() - started };
}

// helpers

/** The stamp of the build in place; undefined when there is none (or another process is swapping its build in). */
function stampOf(stampFile: string): string | undefined {
  try {
    return readFileSync(stampFile, 'utf8');
  } catch {
    return undefined;
  }
}

/** Removes the staging folders of builds whose process is gone (killed mid-build); a running build's stays. */
function removeOrphanedStaging(distDir: string): void {
  const prefix = `${basename(distDir)}.building-`;
  for (const name of readdirSync(dirname(distDir))) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length).split('-')[0]);
    if (Number.isInteger(pid) && pid > 0 && processRuns(pid)) continue;
    rmSync(join(dirname(distDir), name), { recursive: true, force: true });
  }
}

function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function buildWebApp(appDir: string, distDir: string, app: WebAppSource, hash: string): Promise<void> {
  // a staging folder of this build's own: test files in parallel processes (and `npm start` beside them) may find
  // the same app stale and build it at the same moment
  removeOrphanedStaging(distDir);
  const staging = `${distDir}.building-${process.pid}-${randomUUID()}`;
  try {
    await buildInto(staging, appDir, app, hash);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  swapIn(staging, distDir);
}

async function buildInto(staging: string, appDir: string, app: WebAppSource, hash: string): Promise<void> {
  const { basePath } = app;
  mkdirSync(join(staging, 'assets'), { recursive: true });
  const result = await build({
    entryPoints: { app: join(appDir, 'src/main.tsx') },
    absWorkingDir: ROOT,
    bundle: true,
    format: 'esm',
    // form-js (and the modeler's editors) load when first shown, in chunks of their own
    splitting: true,
    ...(app.preactOf ? { alias: { preact: preactDirOf(app.preactOf) } } : {}),
    plugins: app.namedExportsOf ? [namedExportsPlugin(app.namedExportsOf)] : [],
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
    loader: { '.woff': 'file', '.woff2': 'file', '.svg': 'file', '.png': 'file', '.eot': 'file', '.ttf': 'file' },
    // the build the bundle is (new-build.ts): the server names the one it serves in its answers
    define: { 'process.env.NODE_ENV': '"production"', __WEB_BUILD__: JSON.stringify(hash) },
    legalComments: 'linked',
    logLevel: 'silent',
  });
  const outputs = Object.keys(result.metafile.outputs).map((file) => basename(file));
  const js = outputs.find((file) => /^app-.*\.js$/.test(file));
  const css = outputs.find((file) => /^app-.*\.css$/.test(file));
  if (!js) throw new Error(`esbuild wrote no app bundle for ${relative(ROOT, appDir)}`);
  // the chunks the bundle imports before it runs (code it shares with a lazy chunk): asked for beside the bundle,
  // not one round trip after it, once the browser has read its imports
  const [, appOutput] = Object.entries(result.metafile.outputs).find(([file]) => basename(file) === js)!;
  const preloads = appOutput.imports
    .filter((imported) => imported.kind === 'import-statement' && !imported.external)
    .map((imported) => `<link rel="modulepreload" href="${basePath}/assets/${basename(imported.path)}">`);
  const template = readFileSync(join(SHARED_SRC, 'index.html'), 'utf8');
  const html = template
    .replaceAll('{{titleZh}}', app.titleZh)
    .replaceAll('{{officeName}}', zh.officeName)
    .replaceAll('{{basePath}}', basePath)
    .replace('<!-- styles -->', [...(css ? [`<link rel="stylesheet" href="${basePath}/assets/${css}">`] : []), ...preloads].join('\n    '))
    .replace('<!-- script -->', `<script type="module" src="${basePath}/assets/${js}"></script>`);
  writeFileSync(join(staging, 'index.html'), html);
  writeFileSync(join(staging, STAMP), hash);
}

/**
 * Replaces `distDir` by `staging` in one rename, so a running server never serves half a build. Another build that
 * swapped its own in between our removal and our rename makes the rename fail (the folder exists again): remove and
 * rename once more — both builds are of the same sources when they race.
 */
function swapIn(staging: string, distDir: string): void {
  for (let attempt = 1; ; attempt++) {
    try {
      // (inside the try: the other build's rename may land in the folder this removal is emptying)
      rmSync(distDir, { recursive: true, force: true });
      renameSync(staging, distDir);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (attempt >= 10 || !['ENOTEMPTY', 'EEXIST', 'ENOENT', 'EBUSY'].includes(code ?? '')) {
        rmSync(staging, { recursive: true, force: true });
        throw error;
      }
    }
  }
}

function sourceHash(appDir: string, extraSources: readonly string[]): string {
  const hash = createHash('sha256');
  const files = [
    ...listFiles(join(appDir, 'src')),
    ...listFiles(SHARED_SRC),
    ...extraSources.flatMap((dir) => listFiles(resolve(ROOT, dir))),
    fileURLToPath(import.meta.url),
    join(ROOT, 'package-lock.json'),
  ];
  for (const file of files.sort()) {
    hash.update(relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

function namedExportsPlugin(packages: Readonly<Record<string, readonly string[]>>): Plugin {
  const names = Object.keys(packages).map((name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
  return {
    name: 'named-exports-of-commonjs',
    setup(build) {
      build.onResolve({ filter: new RegExp(`^(${names.join('|')})$`) }, (args) => ({ path: args.path, namespace: 'named-exports' }));
      build.onLoad({ filter: /.*/, namespace: 'named-exports' }, (args) => ({
        // `<package>/` resolves the package's main file without coming back through this plugin
        contents: [`import module from '${args.path}/';`, ...packages[args.path]!.map((name) => `export const ${name} = module.${name};`), 'export default module;'].join('\n'),
        resolveDir: ROOT,
        loader: 'js',
      }));
    },
  };
}

/** The folder of the `preact` that `packageName` resolves (its own nested copy, or the shared one). */
function preactDirOf(packageName: string): string {
  const fromRoot = createRequire(join(ROOT, 'package.json'));
  const packageDir = dirname(fromRoot.resolve(`${packageName}/package.json`));
  return dirname(createRequire(join(packageDir, 'package.json')).resolve('preact/package.json'));
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}
