/**
 * Reads and checks deployments on a worker thread, so that a large model (10,000 elements take seconds to parse,
 * transform and check) never stops the engine's one thread: other requests are answered meanwhile, and the
 * deployment command that writes the result runs on the engine's thread as any other command.
 *
 * One thread per process, shared by the engines in it (the office's and the Play sandbox's), started on the
 * first deployment and kept (unreferenced, so it never keeps a process alive). It works one deployment at a
 * time; a deployment that takes longer than its time limit, or exhausts the thread's memory, is refused with a
 * 400 problem and the thread is replaced.
 */
import { createRequire } from 'node:module';
import { extname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { reviveFeel } from '../feel/feel-expression.js';
import { DeploymentRejectedError } from '../errors.js';
import type { DeploymentResource, ParsedResource } from './deployment-resources.js';

export const DEFAULT_DEPLOYMENT_PARSE_TIMEOUT_MS = 30_000;

/** What the engine's thread sends: the resources' bytes are copied, never shared. */
export interface ParserRequest {
  id: number;
  resources: { name: string; content: Uint8Array }[];
}

export type ParserReply =
  | { id: number; parsed: ParsedResource[] }
  | { id: number; rejection: { message: string; resourceName: string | undefined; elementId: string | undefined } }
  | { id: number; failure: string };

class DeploymentParser {
  private worker: Worker | undefined;
  private ready = false;
  private nextId = 1;
  private current: Job | undefined;
  private readonly waiting: Job[] = [];

  /** The resources read and checked, or DeploymentRejectedError (400) naming the resource and element. */
  parse(resources: readonly DeploymentResource[], timeoutMs: number): Promise<ParsedResource[]> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ id: this.nextId++, resources, timeoutMs, resolve, reject, timer: undefined });
      this.startNext();
    });
  }

  private startNext(): void {
    if (this.current || this.waiting.length === 0) return;
    const job = this.waiting.shift()!;
    this.current = job;
    const request: ParserRequest = { id: job.id, resources: job.resources.map((r) => ({ name: r.name, content: new Uint8Array(r.content) })) };
    this.thread().postMessage(request);
    if (this.ready) this.startTimer(job);
  }

  /** The timer, not the thread, keeps the process alive while a deployment is read. */
  private startTimer(job: Job): void {
    job.timer = setTimeout(() => {
      this.replaceThread();
      this.finish(job, () => job.reject(new DeploymentRejectedError(
        `reading and checking the resources took longer than ${job.timeoutMs / 1000} s and was stopped; split the deployment or simplify the model`,
      )));
    }, job.timeoutMs);
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const worker = startWorker();
    this.ready = false;
    worker.unref();
    worker.on('message', (reply: ParserReply | 'ready') => {
      if (this.worker !== worker) return;
      if (reply !== 'ready') return this.answer(reply);
      this.ready = true;
      if (this.current) this.startTimer(this.current);
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      const job = this.current;
      if (!job) return;
      this.finish(job, () => job.reject(error.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? new DeploymentRejectedError('reading and checking the resources needed more memory than a deployment may use; split the deployment or simplify the model')
        : new Error(`the deployment parser failed: ${error.message}`)));
    });
    worker.on('exit', () => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      const job = this.current;
      if (job) this.finish(job, () => job.reject(new Error('the deployment parser stopped unexpectedly')));
    });
    this.worker = worker;
    return worker;
  }

  private answer(reply: ParserReply): void {
    const job = this.current;
    if (!job || job.id !== reply.id) return;
    this.finish(job, () => {
      if ('parsed' in reply) {
        reviveFeel(reply.parsed);
        job.resolve(reply.parsed);
      } else if ('rejection' in reply) {
        job.reject(new DeploymentRejectedError(reply.rejection.message, reply.rejection.resourceName, reply.rejection.elementId));
      } else {
        job.reject(new Error(`the deployment parser failed: ${reply.failure}`));
      }
    });
  }

  private finish(job: Job, settle: () => void): void {
    clearTimeout(job.timer);
    job.timer = undefined;
    this.current = undefined;
    settle();
    this.startNext();
  }

  private replaceThread(): void {
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
  }
}

interface Job {
  id: number;
  resources: readonly DeploymentResource[];
  timeoutMs: number;
  resolve: (parsed: ParsedResource[]) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout | undefined;
}

export const deploymentParser = new DeploymentParser();

// helpers

/** A bound on the parser thread's heap: a hostile model fails the deployment, not the process. */
const PARSER_HEAP_MB = 512;

/**
 * The worker file sits beside this one with the same extension. Run from TypeScript sources (tsx, vitest), a
 * worker thread does not inherit the loader that reads them, so it registers tsx's (its ESM API, found through
 * tsx's own package manifest) before importing the worker file.
 */
function startWorker(): Worker {
  const extension = extname(fileURLToPath(import.meta.url));
  const file = new URL(`./deployment-parser-worker${extension}`, import.meta.url);
  const options = { execArgv: [], resourceLimits: { maxOldGenerationSizeMb: PARSER_HEAP_MB } };
  if (extension !== '.ts') return new Worker(file, options);
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve('tsx/package.json');
  const manifest = require('tsx/package.json') as { exports: Record<string, { import?: { default?: string } } | string> };
  const api = manifest.exports['./esm/api'];
  const apiPath = typeof api === 'object' ? api.import?.default : undefined;
  if (!apiPath) throw new Error("tsx's package manifest names no ESM API (tsx/esm/api); the deployment parser cannot start from TypeScript sources");
  const apiUrl = new URL(apiPath, pathToFileURL(manifestPath)).href;
  const bootstrap = `import(${JSON.stringify(apiUrl)}).then(({ register }) => { register(); return import(${JSON.stringify(file.href)}); })`;
  return new Worker(bootstrap, { ...options, eval: true });
}
