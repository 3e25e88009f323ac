/**
 * The real processes the reliability runs kill: `scripts/engine.ts` (the embedded engine as `npm run engine` runs
 * it) and `scripts/workers.ts` (the job workers as `npm run workers` runs them), started with tsx, their output
 * appended to a log file (the security test reads it), and stopped with SIGKILL — no handler, no flush, no
 * clean close, exactly what a power cut or the OOM killer leaves.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface ChildOptions {
  /** Entry point relative to the repository root, e.g. `scripts/engine.ts`. */
  entry: string;
  env: NodeJS.ProcessEnv;
  /** Every line the child prints is appended here. */
  logFile: string;
  /** The line that says the child is ready. */
  ready: RegExp;
  readyTimeoutMs?: number;
}

export interface RunningChild {
  readonly pid: number;
  /** The match of `ready`. */
  readonly readyMatch: RegExpMatchArray;
  /** SIGKILL, then wait until the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM (clean stop), then wait. */
  stop(): Promise<void>;
  readonly exited: Promise<number | null>;
}

export async function startChild(options: ChildOptions): Promise<RunningChild> {
  const child = spawn(process.execPath, ['--import', 'tsx', options.entry], {
    cwd: ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  const readyMatch = await new Promise<RegExpMatchArray>((resolveReady, reject) => {
    let buffered = '';
    let abandoned = false;
    const timer = setTimeout(() => {
      abandoned = true;
      // a child that never got ready is nobody's to stop: killed here, it cannot outlive the run and write into a
      // log file whose directory the run has removed (an unhandled error that fails the whole vitest run)
      child.kill('SIGKILL');
      reject(new Error(`${options.entry} was not ready within ${options.readyTimeoutMs ?? 60_000} ms: ${buffered.slice(-500)}`));
    }, options.readyTimeoutMs ?? 60_000);
    const onData = (chunk: Buffer) => {
      if (abandoned) return;
      const text = chunk.toString('utf8');
      appendFileSync(options.logFile, text);
      buffered += text;
      const match = buffered.match(options.ready);
      if (match) {
        clearTimeout(timer);
        resolveReady(match);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${options.entry} exited with ${code} before it was ready: ${buffered.slice(-1000)}`));
    });
  });
  return {
    pid: child.pid!,
    readyMatch,
    exited,
    kill: () => signal(child, 'SIGKILL', exited),
    stop: () => signal(child, 'SIGTERM', exited),
  };
}

/** A free TCP port on loopback (the engine keeps it across restarts, so clients need no new address). */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

// helpers

async function signal(child: ChildProcess, name: NodeJS.Signals, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) child.kill(name);
  await exited;
}
