/**
 * The workers' Redis for the reliability runs: a real `redis-server` (the Debian package bootstrap.sh installs)
 * on a fixed free loopback port with its append-only file in the run's directory, fsynced on every write
 * (`appendfsync always`, what docs/camunda8-cluster.md asks of a deployment's Redis so that a crash cannot hand
 * out a notice number twice). It can be SIGKILLed and started again on the same file and port; `checkAof` runs
 * `redis-check-aof` on what is left.
 */
import { execFile, spawn } from 'node:child_process';
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { freePort } from './child-process.js';

const REDIS_SERVER = '/usr/bin/redis-server';
const REDIS_CHECK_AOF = '/usr/bin/redis-check-aof';

export interface RedisProcess {
  readonly url: string;
  /** SIGKILL, then wait until the process is gone. */
  kill(): Promise<void>;
  /** Starts it again on the same port and file (after `kill`). */
  restart(): Promise<void>;
  /** `ok` when redis-check-aof finds the append-only file valid, else its last line. */
  checkAof(): Promise<string>;
  /** How many keys start with `prefix` (the server must be running). */
  countKeys(prefix: string): Promise<number>;
}

export async function startRedisProcess(dir: string, logFile: string): Promise<RedisProcess> {
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'yes', '--appendfsync', 'always'];
  const start = async () => {
    const child = spawn(REDIS_SERVER, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    await new Promise<void>((resolve, reject) => {
      let buffered = '';
      const timer = setTimeout(() => reject(new Error(`redis-server was not ready within 30 s: ${buffered.slice(-500)}`)), 30_000);
      const onData = (chunk: Buffer) => {
        const text = chunk.toString('utf8');
        appendFileSync(logFile, text);
        buffered += text;
        if (buffered.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('error', reject);
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited before it was ready: ${buffered.slice(-1000)}`));
      });
    });
    return {
      kill: async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        await exited;
      },
    };
  };
  let running = await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    kill: () => running.kill(),
    async restart() {
      running = await start();
    },
    async countKeys(prefix) {
      const redis = new Redis(`redis://127.0.0.1:${port}`, { lazyConnect: true, maxRetriesPerRequest: 1 });
      try {
        await redis.connect();
        let count = 0;
        let cursor = '0';
        do {
          const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
          count += keys.length;
          cursor = next;
        } while (cursor !== '0');
        return count;
      } finally {
        redis.disconnect();
      }
    },
    async checkAof() {
      const manifest = join(dir, 'appendonlydir', 'appendonly.aof.manifest');
      const { stdout } = await promisify(execFile)(REDIS_CHECK_AOF, [manifest]).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? String(error) }));
      return /is valid/.test(stdout) ? 'ok' : stdout.trim().split('\n').at(-1) ?? 'no output';
    },
  };
}
