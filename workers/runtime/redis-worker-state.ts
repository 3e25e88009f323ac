/**
 * The shared worker-state backend: Redis through ioredis, for worker processes on several machines. Every
 * operation is one Lua script, so it is atomic on the server whatever the number of clients. Keys of one
 * operation share a hash tag (`{…}`), so the scripts also run on Redis Cluster.
 *
 * Keys (after the configured prefix):
 * - `notice:{office|type}:counter:<year>`: last number handed out (never expires);
 * - `notice:{office|type}:claim:<claimKey>`: `<year>:<number>` claimed by a job (kept for the retention time);
 * - `remember:{<key>}:value` / `remember:{<key>}:lease`: stored result / current holder (PX = lease).
 * Durability is Redis's: run it with AOF (`appendonly yes`) so a restart cannot hand out a number twice.
 */
import { Redis } from 'ioredis';
import { jsonLinesLogger, type WorkerLogger } from './worker-logger.js';
import { jobKeyOfRecord, type LeaseClaim, type NoticeNumber, type WorkerStateBackend } from './worker-state.js';

const NEXT_NOTICE_NUMBER = `
local claimed = redis.call('GET', KEYS[1])
if claimed then return claimed end
local number = redis.call('INCR', KEYS[2])
local value = ARGV[1] .. ':' .. number
redis.call('SET', KEYS[1], value, 'PX', ARGV[2])
return value`;

const CLAIM = `
local value = redis.call('GET', KEYS[1])
if value then return {'done', value} end
local holder = redis.call('GET', KEYS[2])
if holder and holder ~= ARGV[1] then return {'busy'} end
redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2])
return {'claimed'}`;

const FINISH = `
redis.call('SET', KEYS[1], ARGV[2], 'NX', 'PX', ARGV[3])
if redis.call('GET', KEYS[2]) == ARGV[1] then redis.call('DEL', KEYS[2]) end
return redis.call('GET', KEYS[1])`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1`;

/**
 * The job key a key of this layout belongs to (a claim's `claimKey`, a record's key: worker-state.ts), or none
 * (counters, keys of other layouts). For backups that leave out jobs their engine snapshot does not know.
 */
export function jobKeyOfRedisKey(redisKey: string): number | undefined {
  const claim = /:claim:(.*)$/.exec(redisKey);
  if (claim) return jobKeyOfRecord(claim[1]!);
  const record = /remember:\{(.*)\}:(?:value|lease)$/.exec(redisKey);
  return record ? jobKeyOfRecord(record[1]!) : undefined;
}

export class RedisWorkerState implements WorkerStateBackend {
  private constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly retentionMs: number,
  ) {}

  static async connect(url: string, options: { keyPrefix: string; retentionMs: number; logger?: WorkerLogger }): Promise<RedisWorkerState> {
    const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3, enableOfflineQueue: true });
    reportOutages(redis, options.logger ?? jsonLinesLogger());
    await redis.connect();
    return new RedisWorkerState(redis, options.keyPrefix, options.retentionMs);
  }

  async nextNoticeNumber(office: string, noticeType: string, year: number, claimKey: string): Promise<NoticeNumber> {
    const tag = `${this.prefix}notice:{${office}|${noticeType}}`;
    const value = (await this.redis.eval(NEXT_NOTICE_NUMBER, 2, `${tag}:claim:${claimKey}`, `${tag}:counter:${year}`, String(year), String(this.retentionMs))) as string;
    const [claimedYear, number] = value.split(':').map(Number);
    return { year: claimedYear!, number: number! };
  }

  async claim(key: string, owner: string, leaseMs: number): Promise<LeaseClaim> {
    const [valueKey, leaseKey] = this.keys(key);
    const [kind, value] = (await this.redis.eval(CLAIM, 2, valueKey, leaseKey, owner, String(leaseMs))) as [string, string?];
    if (kind === 'done') return { kind, value: value! };
    return { kind: kind === 'claimed' ? 'claimed' : 'busy' };
  }

  async finish(key: string, owner: string, value: string): Promise<string> {
    const [valueKey, leaseKey] = this.keys(key);
    return (await this.redis.eval(FINISH, 2, valueKey, leaseKey, owner, value, String(this.retentionMs))) as string;
  }

  async release(key: string, owner: string): Promise<void> {
    const [, leaseKey] = this.keys(key);
    await this.redis.eval(RELEASE, 1, leaseKey, owner);
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  // helpers

  private keys(key: string): [string, string] {
    const tag = `${this.prefix}remember:{${key}}`;
    return [`${tag}:value`, `${tag}:lease`];
  }
}

/**
 * ioredis emits an error for every failed reconnection, and prints "Unhandled error event" for each when nobody
 * listens: one warning per outage (with the socket's error code, never the URL, which may hold a password) and one
 * line when Redis is back say the same.
 */
function reportOutages(redis: Redis, logger: WorkerLogger): void {
  let down = false;
  redis.on('error', (error: Error & { code?: string }) => {
    if (down) return;
    down = true;
    logger.log('warn', 'Redis unreachable: jobs that need the shared worker state fail and are retried', { reason: error.code ?? error.message });
  });
  redis.on('ready', () => {
    if (!down) return;
    down = false;
    logger.log('info', 'Redis reachable again');
  });
}
