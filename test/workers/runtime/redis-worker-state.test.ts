/**
 * The Redis backend of the worker state against a real redis-server that is killed and started again: an outage
 * is one warning line (however many reconnections ioredis tries) and its end one more, with the socket's error
 * code and never the URL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedisProcess, type RedisProcess } from '../../../scripts/reliability/redis-process.js';
import { RedisWorkerState } from '../../../workers/runtime/redis-worker-state.js';
import { jsonLinesLogger } from '../../../workers/runtime/worker-logger.js';

let dir: string;
let redis: RedisProcess;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'redis-outage-'));
  redis = await startRedisProcess(join(dir, 'redis'), join(dir, 'redis.log'));
});

afterAll(async () => {
  await redis?.kill();
  rmSync(dir, { recursive: true, force: true });
});

describe('RedisWorkerState', () => {
  it('should log one warning per outage and one line when Redis is back, without the URL', async () => {
    // given
    const lines: { level: string; message: string; reason?: string }[] = [];
    const state = await RedisWorkerState.connect(redis.url, { keyPrefix: 'outage-test:', retentionMs: 60_000, logger: jsonLinesLogger((line) => lines.push(JSON.parse(line))) });
    try {
      expect(await state.nextNoticeNumber('city', 'top-up', 2026, 'claim-1')).toEqual({ year: 2026, number: 1 });

      // when: Redis goes away long enough for a command to use up its reconnections, then comes back
      await redis.kill();
      await expect(state.nextNoticeNumber('city', 'top-up', 2026, 'claim-2')).rejects.toThrow();
      await redis.restart();
      await expect.poll(() => lines.map((line) => line.message), { timeout: 30_000 }).toContain('Redis reachable again');

      // then
      expect(lines.map((line) => [line.level, line.message])).toEqual([
        ['warn', 'Redis unreachable: jobs that need the shared worker state fail and are retried'],
        ['info', 'Redis reachable again'],
      ]);
      expect(lines[0]!.reason).toBe('ECONNREFUSED');
      expect(JSON.stringify(lines)).not.toContain(redis.url);
      expect(await state.nextNoticeNumber('city', 'top-up', 2026, 'claim-3')).toEqual({ year: 2026, number: 2 });
    } finally {
      await state.close();
    }
  }, 60_000);
});
