/**
 * The workers' shared state, one suite for both backends: the SQLite file (no REDIS_URL) and Redis against a
 * real redis-server the test starts itself. Each case opens fresh connections to the same store, as separate
 * worker processes would.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openWorkerState, type WorkerState, type WorkerStateOptions } from '../../../workers/runtime/worker-state.js';
import { startRedisServer, type RedisServerFixture } from '../../support/redis-server.js';

interface Backend {
  name: string;
  setUp(): Promise<void>;
  tearDown(): Promise<void>;
  /** Options of a new connection to this test's store. */
  options(): WorkerStateOptions;
}

let dataDir = '';
let redis: RedisServerFixture | undefined;
let prefix = `test-${randomUUID()}:`;

const BACKENDS: Backend[] = [
  {
    name: 'SQLite (WORKER_DATA_DIR)',
    async setUp() {
      dataDir = mkdtempSync(join(tmpdir(), 'worker-state-'));
    },
    async tearDown() {
      rmSync(dataDir, { recursive: true, force: true });
    },
    options: () => ({ dataDir }),
  },
  {
    name: 'Redis (REDIS_URL)',
    async setUp() {
      redis = await startRedisServer();
    },
    async tearDown() {
      await redis?.stop();
    },
    options: () => ({ dataDir: '/nonexistent', redisUrl: redis!.url, keyPrefix: prefix }),
  },
];

describe.each(BACKENDS)('worker state on $name', (backend) => {
  const opened: WorkerState[] = [];

  /** A new connection (a worker process of its own) to the store of the current test. */
  async function connect(extra: Partial<WorkerStateOptions> = {}): Promise<WorkerState> {
    const state = await openWorkerState({ ...backend.options(), pollMs: 10, ...extra });
    opened.push(state);
    return state;
  }

  beforeAll(() => backend.setUp());
  afterAll(() => backend.tearDown());
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((state) => state.close()));
    prefix = `test-${randomUUID()}:`;
  });

  describe('nextNoticeNumber', () => {
    it('should number 1, 2, 3 per office, notice type and year, each counter on its own', async () => {
      // given
      const state = await connect();
      const office = `office-${randomUUID()}`;

      // when
      const numbers = [
        await state.nextNoticeNumber(office, 'topUpNotice', 2026, 'job-1'),
        await state.nextNoticeNumber(office, 'topUpNotice', 2026, 'job-2'),
        await state.nextNoticeNumber(office, 'accountRefundNotice', 2026, 'job-3'),
        await state.nextNoticeNumber(office, 'topUpNotice', 2027, 'job-4'),
        await state.nextNoticeNumber(`${office}-other`, 'topUpNotice', 2026, 'job-5'),
        await state.nextNoticeNumber(office, 'topUpNotice', 2026, 'job-6'),
      ];

      // then
      expect(numbers).toEqual([
        { year: 2026, number: 1 },
        { year: 2026, number: 2 },
        { year: 2026, number: 1 },
        { year: 2027, number: 1 },
        { year: 2026, number: 1 },
        { year: 2026, number: 3 },
      ]);
    });

    it('should hand out gap-free, unique numbers to concurrent claims from two worker processes', async () => {
      // given
      const [first, second] = [await connect(), await connect()];
      const office = `office-${randomUUID()}`;
      const claims = Array.from({ length: 60 }, (_, i) => ({ state: i % 2 === 0 ? first! : second!, claimKey: `job-${i}` }));

      // when
      const numbers = await Promise.all(claims.map(({ state, claimKey }) => state.nextNoticeNumber(office, 'topUpNotice', 2026, claimKey)));

      // then
      expect(numbers.map((n) => n.number).sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    });

    it('should answer a claim key that holds a number with that number, even concurrently and in a later year', async () => {
      // given
      const [first, second] = [await connect(), await connect()];
      const office = `office-${randomUUID()}`;
      await first!.nextNoticeNumber(office, 'topUpNotice', 2026, 'job-0');

      // when
      const retries = await Promise.all([
        first!.nextNoticeNumber(office, 'topUpNotice', 2026, 'job-1'),
        second!.nextNoticeNumber(office, 'topUpNotice', 2026, 'job-1'),
        second!.nextNoticeNumber(office, 'topUpNotice', 2026, 'job-1'),
      ]);
      const nextYear = await first!.nextNoticeNumber(office, 'topUpNotice', 2027, 'job-1');
      const next = await second!.nextNoticeNumber(office, 'topUpNotice', 2026, 'job-2');

      // then
      expect(retries).toEqual([{ year: 2026, number: 2 }, { year: 2026, number: 2 }, { year: 2026, number: 2 }]);
      expect(nextYear).toEqual({ year: 2026, number: 2 });
      expect(next).toEqual({ year: 2026, number: 3 });
    });

    it('should go on counting after the store was closed and opened again', async () => {
      // given
      const office = `office-${randomUUID()}`;
      const before = await connect();
      await before.nextNoticeNumber(office, 'topUpNotice', 2026, 'job-1');
      await before.close();

      // when
      const after = await connect();
      const number = await after.nextNoticeNumber(office, 'topUpNotice', 2026, 'job-2');

      // then
      expect(number).toEqual({ year: 2026, number: 2 });
    });
  });

  describe('remember', () => {
    it('should compute once and answer later calls with the stored result', async () => {
      // given
      const [first, second] = [await connect(), await connect()];
      let computed = 0;
      const compute = async () => ({ run: ++computed, document: { documentId: 'd-1' } });

      // when
      const results = [await first!.remember('job-1', compute), await second!.remember('job-1', compute), await first!.remember('job-1', compute)];

      // then
      expect(computed).toBe(1);
      expect(results).toEqual(Array(3).fill({ run: 1, document: { documentId: 'd-1' } }));
    });

    it('should let concurrent callers of one key wait for the one computing, across processes', async () => {
      // given
      const [first, second] = [await connect(), await connect()];
      let computed = 0;
      const slowCompute = async () => {
        computed += 1;
        await new Promise((resolve) => setTimeout(resolve, 150));
        return computed;
      };

      // when
      const results = await Promise.all([first!.remember('job-2', slowCompute), second!.remember('job-2', slowCompute), first!.remember('job-2', slowCompute)]);

      // then
      expect(computed).toBe(1);
      expect(results).toEqual([1, 1, 1]);
    });

    it('should store nothing when compute fails, so the next call computes again', async () => {
      // given
      const state = await connect();
      let attempts = 0;
      const flaky = async () => {
        attempts += 1;
        if (attempts === 1) throw new Error('document store unavailable');
        return `ok after ${attempts}`;
      };

      // when
      const failure = state.remember('job-3', flaky);
      await expect(failure).rejects.toThrow('document store unavailable');
      const result = await state.remember('job-3', flaky);

      // then
      expect(result).toBe('ok after 2');
    });

    it('should take over once the lease of a caller that died has expired', async () => {
      // given a caller that took the lease and never finishes (its process died)
      const dead = await connect({ leaseMs: 200 });
      // remember computes only once it holds the lease, so the start of the computation is the moment it was taken
      const leaseTaken = new Promise<void>((taken) => {
        void dead.remember('job-4', () => {
          taken();
          return new Promise<string>(() => undefined);
        });
      });
      await leaseTaken;
      const started = Date.now();

      // when
      const survivor = await connect({ leaseMs: 200 });
      const result = await survivor.remember('job-4', async () => 'computed by the survivor');

      // then
      expect(result).toBe('computed by the survivor');
      expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    });
  });
});
