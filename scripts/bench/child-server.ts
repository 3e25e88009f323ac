/**
 * Starts a benchmark server (the engine or the stand-in) in a child process, the way `npm start` runs code:
 * `node --import tsx <file>`. Waits for the JSON line with its URL. Optionally with `--cpu-prof`, more node
 * flags (`--expose-gc`) and an IPC channel for asking the child about itself (its memory after a GC).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

export interface ChildServer {
  url: string;
  pid: number;
  /** performance.now() of the spawn and of the ready line, for start-up times. */
  spawnedAt: number;
  readyAt: number;
  /** The rest of the ready line (what the child reports about itself). */
  ready: Record<string, unknown>;
  /** SIGTERM, then SIGKILL after 10 s; resolves when the child exited. */
  stop(): Promise<void>;
  /** Sends `signal` and resolves when the child exited. */
  kill(signal: NodeJS.Signals): Promise<void>;
  /** Sends a message over the IPC channel (option `ipc`) and resolves with the child's first answer. */
  ask<T>(message: unknown): Promise<T>;
}

export interface ChildServerOptions {
  cpuProfileDir?: string;
  env?: Record<string, string>;
  readyTimeoutMs?: number;
  /** More node flags, e.g. `--expose-gc`. */
  nodeArgs?: string[];
  /** Open an IPC channel (for `ask`). */
  ipc?: boolean;
}

export async function startChildServer(file: string, options: ChildServerOptions = {}): Promise<ChildServer> {
  const args = ['--import', 'tsx', ...(options.nodeArgs ?? [])];
  if (options.cpuProfileDir) args.push('--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`);
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [...args, file], {
    stdio: options.ipc ? ['pipe', 'pipe', 'inherit', 'ipc'] : ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, ...options.env },
  });
  const exited = once(child, 'exit');
  const ready = await readReadyLine(child, file, options.readyTimeoutMs ?? 60_000);
  const readyAt = performance.now();
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  return {
    url: ready.url,
    pid: child.pid!,
    spawnedAt,
    readyAt,
    ready,
    async stop() {
      if (gone()) return;
      const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(kill);
    },
    async kill(signal) {
      if (gone()) return;
      child.kill(signal);
      await exited;
    },
    async ask<T>(message: unknown): Promise<T> {
      if (!child.send) throw new Error(`${file} was started without an IPC channel`);
      const answer = once(child, 'message');
      child.send(message as object);
      const [reply] = await answer;
      return reply as T;
    },
  };
}

// helpers

async function readReadyLine(child: ChildProcess, file: string, timeoutMs: number): Promise<{ url: string } & Record<string, unknown>> {
  const lines = createInterface({ input: child.stdout! });
  const timeout = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  try {
    const first = await Promise.race([
      once(lines, 'line').then(([line]) => line as string),
      once(child, 'exit').then(([code]) => {
        throw new Error(`${file} exited (code ${String(code)}) before it was ready`);
      }),
    ]);
    // keep draining the child's stdout so it never blocks on a full pipe
    lines.on('line', (line) => console.log(`[${file}] ${line}`));
    return JSON.parse(first) as { url: string };
  } finally {
    clearTimeout(timeout);
  }
}
