/**
 * The workers' Redis state (notice counters and claims, remembered notices; workers/runtime/redis-worker-state.ts)
 * in and out of a backup, through the Redis protocol (no copy of a running server's dump.rdb):
 * - export: SCAN lists the keys under the workers' prefix, then one MULTI … EXEC takes DUMP and PEXPIRETIME of
 *   every listed key, so counters and the claims made from them come from one moment (a transaction runs alone
 *   on the server). A key created after the SCAN is not in the backup: it belongs to work after the backup.
 *   One JSON line per key: `{ key, expiresAt, dump }` (`expiresAt` epoch ms or null, `dump` base64).
 * - import: RESTORE … ABSTTL of every line into a Redis that holds no key under the prefix (it refuses otherwise,
 *   as the file restore refuses an existing state); keys whose time ran out meanwhile are left out.
 * DUMP's format belongs to the Redis version: restore into the same or a newer Redis (5.0 or later, for ABSTTL).
 */
import { createReadStream, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Redis } from 'ioredis';

export interface RedisStateCopy {
  keys: number;
  prefix: string;
}

interface DumpedKey {
  key: string;
  expiresAt: number | null;
  dump: string;
}

/** `keep`: which keys go into the backup (all by default). */
export async function exportRedisState(url: string, prefix: string, file: string, keep: (key: string) => boolean = () => true): Promise<RedisStateCopy> {
  const redis = await connect(url);
  try {
    const keys = (await keysUnder(redis, prefix)).filter(keep);
    const transaction = redis.multi();
    for (const key of keys) transaction.dumpBuffer(key).pttl(key);
    const replies = (await transaction.exec()) ?? [];
    const takenAt = Date.now();
    const lines: string[] = [];
    keys.forEach((key, index) => {
      const [dumpError, dump] = replies[2 * index] ?? [];
      const [, ttl] = replies[2 * index + 1] ?? [];
      if (dumpError) throw dumpError;
      if (dump === null) return; // expired between the SCAN and the transaction
      const line: DumpedKey = { key, expiresAt: typeof ttl === 'number' && ttl >= 0 ? takenAt + ttl : null, dump: (dump as Buffer).toString('base64') };
      lines.push(JSON.stringify(line));
    });
    writeFileSync(file, lines.length > 0 ? `${lines.join('\n')}\n` : '');
    return { keys: lines.length, prefix };
  } finally {
    redis.disconnect();
  }
}

export async function importRedisState(url: string, prefix: string, file: string): Promise<number> {
  const redis = await connect(url);
  try {
    if ((await keysUnder(redis, prefix, 1)).length > 0) throw new Error(`Redis at ${redactedUrl(url)} already holds worker state under ${prefix}: clear it first`);
    let restored = 0;
    const now = Date.now();
    const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
    let batch = redis.pipeline();
    for await (const text of lines) {
      if (!text.trim()) continue;
      const line = JSON.parse(text) as DumpedKey;
      if (!line.key.startsWith(prefix)) throw new Error(`${file} holds the key ${line.key}, outside ${prefix}`);
      if (line.expiresAt !== null && line.expiresAt <= now) continue;
      const dump = Buffer.from(line.dump, 'base64');
      if (line.expiresAt === null) batch.restore(line.key, 0, dump);
      else batch.restore(line.key, line.expiresAt, dump, 'ABSTTL');
      restored++;
      if (restored % 1000 === 0) batch = await flush(batch, redis);
    }
    await flush(batch, redis);
    return restored;
  } finally {
    redis.disconnect();
  }
}

// helpers

async function connect(url: string): Promise<Redis> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false });
  await redis.connect();
  return redis;
}

async function keysUnder(redis: Redis, prefix: string, enough = Infinity): Promise<string[]> {
  const keys = new Set<string>();
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', `${globEscaped(prefix)}*`, 'COUNT', 1000);
    for (const key of found) keys.add(key);
    cursor = next;
  } while (cursor !== '0' && keys.size < enough);
  return [...keys];
}

async function flush(batch: ReturnType<Redis['pipeline']>, redis: Redis): Promise<ReturnType<Redis['pipeline']>> {
  for (const [error] of (await batch.exec()) ?? []) if (error) throw error;
  return redis.pipeline();
}

function globEscaped(text: string): string {
  return text.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}

/** The URL without its password, for messages. */
function redactedUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
