/**
 * Starts a benchmark server (the engine or the stand-in) in a child process, the way `npm start` runs code:
 * `node --import tsx <file>`. Waits for the JSON line with its URL. Optionally with `--cpu-prof`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

export interface ChildServer {
  url: string;
  pid: number;
  /** SIGTERM, then SIGKILL after 10 s; resolves when the child exited. */
  stop(): Promise<void>;
}

export async function startChildServer(
  file: string,
  options: { cpuProfileDir?: string; env?: Record<string, string>; readyTimeoutMs?: number } = {},
): Promise<ChildServer> {
  const args = ['--import', 'tsx'];
  if (options.cpuProfileDir) args.push('--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`);
  const child = spawn(process.execPath, [...args, file], { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, ...options.env } });
  const exited = once(child, 'exit');
  const ready = await readReadyLine(child, file, options.readyTimeoutMs ?? 60_000);
  return {
    url: ready.url,
    pid: child.pid!,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(kill);
    },
  };
}

// helpers

async function readReadyLine(child: ChildProcess, file: string, timeoutMs: number): Promise<{ url: string }> {
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
