/**
 * Lints the project's models, forms and decision tables on a worker thread: under `npm start` the modeler's
 * server shares its process with the engine, and a large model (seconds of bpmnlint) must not stop the engine
 * from answering. One thread (a piscina pool of one), started on the first lint; idle, it never keeps the process
 * alive.
 */
import { createRequire } from 'node:module';
import { extname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import type { FileLint, FileLintRequest } from './file-lint-worker.js';

let pool: Piscina | undefined;

export async function lintFileOffThread(file: string, text: string): Promise<FileLint> {
  pool ??= startPool();
  const request: FileLintRequest = { file, text };
  return (await pool.run(request)) as FileLint;
}

// helpers

/** Run from TypeScript sources (tsx, vitest), the thread gets tsx's loader; nothing else of this process's flags. */
function startPool(): Piscina {
  const extension = extname(fileURLToPath(import.meta.url));
  const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return new Piscina({
    filename: new URL(`./file-lint-worker${extension}`, import.meta.url).href,
    minThreads: 0,
    maxThreads: 1,
    // the linters take a second to load: keep a thread that linted for the next save
    idleTimeout: 10 * 60_000,
    execArgv: extension === '.ts' ? ['--import', tsxLoader] : [],
  });
}
