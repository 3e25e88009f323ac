/**
 * Reads and checks deployments on a worker thread, so that a large model (10,000 elements take seconds to parse,
 * transform and check) never stops the engine's one thread: other requests are answered meanwhile, and the
 * deployment command that writes the result runs on the engine's thread as any other command.
 *
 * One thread per process (a piscina pool of one), shared by the engines in it (the office's and the Play
 * sandbox's), started on the first deployment; idle, it never keeps the process alive. It reads one deployment
 * at a time; a deployment that takes longer than its time limit, or exhausts the thread's memory, is refused with
 * a 400 problem, and piscina replaces the thread.
 */
import { createRequire } from 'node:module';
import { extname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import { reviveFeel } from '../feel/feel-expression.js';
import { DeploymentRejectedError } from '../errors.js';
import type { DeploymentResource, ParsedResource } from './deployment-resources.js';

export const DEFAULT_DEPLOYMENT_PARSE_TIMEOUT_MS = 30_000;

/** What the engine's thread sends: the resources' bytes are copied, never shared. */
export interface ParserRequest {
  resources: { name: string; content: Uint8Array }[];
}

export type ParserReply =
  | { parsed: ParsedResource[] }
  | { rejection: { message: string; resourceName: string | undefined; elementId: string | undefined } }
  | { failure: string };

class DeploymentParser {
  private pool: Piscina | undefined;

  /** The resources read and checked, or DeploymentRejectedError (400) naming the resource and element. */
  async parse(resources: readonly DeploymentResource[], timeoutMs: number): Promise<ParsedResource[]> {
    const pool = (this.pool ??= startPool());
    // the time limit is the deployment's own: a thread still starting (or restarting) answers this first
    await pool.run(null, { name: 'ready' });
    const request: ParserRequest = { resources: resources.map((r) => ({ name: r.name, content: new Uint8Array(r.content) })) };
    let reply: ParserReply;
    try {
      reply = (await pool.run(request, { signal: AbortSignal.timeout(timeoutMs) })) as ParserReply;
    } catch (error) {
      throw refusal(error as Error & { code?: string }, timeoutMs);
    }
    if ('parsed' in reply) {
      reviveFeel(reply.parsed);
      return reply.parsed;
    }
    if ('rejection' in reply) throw new DeploymentRejectedError(reply.rejection.message, reply.rejection.resourceName, reply.rejection.elementId);
    throw new Error(`the deployment parser failed: ${reply.failure}`);
  }
}

export const deploymentParser = new DeploymentParser();

// helpers

/** A bound on the parser thread's heap: a hostile model fails the deployment, not the process. */
const PARSER_HEAP_MB = 512;

/**
 * The worker file sits beside this one with the same extension. Run from TypeScript sources (tsx, vitest), the
 * thread gets tsx's loader; the engine's own command-line flags (a profiler, a heap size) are not passed on.
 */
function startPool(): Piscina {
  const extension = extname(fileURLToPath(import.meta.url));
  const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return new Piscina({
    filename: new URL(`./deployment-parser-worker${extension}`, import.meta.url).href,
    minThreads: 1,
    maxThreads: 1,
    resourceLimits: { maxOldGenerationSizeMb: PARSER_HEAP_MB },
    execArgv: extension === '.ts' ? ['--import', tsxLoader] : [],
  });
}

/** Why a deployment the thread did not answer was refused: its time limit, its memory, or the thread itself. */
function refusal(error: Error & { code?: string }, timeoutMs: number): Error {
  if (error.name === 'AbortError') {
    return new DeploymentRejectedError(
      `reading and checking the resources took longer than ${timeoutMs / 1000} s and was stopped; split the deployment or simplify the model`,
    );
  }
  if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return new DeploymentRejectedError('reading and checking the resources needed more memory than a deployment may use; split the deployment or simplify the model');
  }
  return new Error(`the deployment parser failed: ${error.message}`);
}
