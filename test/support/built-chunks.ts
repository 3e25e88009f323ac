/**
 * The lazy chunks of a built web app (`web-<app>/dist/assets/chunk-<hash>.js`, named by their content) that hold a
 * given source file, found by their source maps: a browser test can then make the request for one of them fail.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** `source`: the file's path from the repository's root, as `node_modules/flatpickr/dist/esm/index.js`. */
export function chunksHolding(app: 'tasklist' | 'monitor', source: string): string[] {
  const assets = resolve(ROOT, `web-${app}/dist/assets`);
  const holds = (map: string) => (JSON.parse(readFileSync(resolve(assets, map), 'utf8')) as { sources: string[] }).sources.some((file) => relative(ROOT, resolve(assets, file)) === source);
  return readdirSync(assets)
    .filter((file) => /^chunk-.*\.js\.map$/.test(file) && holds(file))
    .map((file) => file.replace(/\.map$/, ''));
}
