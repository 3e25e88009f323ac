/**
 * The engine's environment variables, declared once with their types and defaults. Parsed at start-up; a bad
 * value stops the start with a message naming the variable.
 */
import { z } from 'zod';
import { envFlag } from './env-flag.js';

const fields = z.object({
  /** TCP port of the HTTP server (/v2 and the web apps). */
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  /** Interface to bind; loopback unless an operator opens it on purpose. */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Where the SQLite file and documents live. */
  DATA_DIR: z.string().min(1).default('.data'),
  /** FULL: every commit is on disk before the reply; NORMAL: survives a process crash, not a power cut. */
  ENGINE_SYNC: z.enum(['FULL', 'NORMAL']).default('FULL'),
  /** A browser session ends after this many minutes without a request. */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  /** … and this many hours after the login at the latest. */
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(24 * 7).default(12),
  /**
   * The proxies in front of the engine whose X-Forwarded-For / -Proto headers are believed (Express's `trust proxy`:
   * `loopback`, addresses or CIDRs separated by commas, or a hop count); empty: none, the TCP peer is the client.
   */
  TRUST_PROXY: z
    .string()
    .trim()
    .default('')
    .transform((value) => (value === '' ? undefined : /^\d+$/.test(value) ? Number(value) : value)),
  /**
   * Pause before the projector writes a batch's held rows (ms; unset: the engine's 100 ms). A test setting: the crash
   * tests hold the rows back so that a SIGKILL finds acknowledged changes only in the event log.
   */
  ENGINE_PROJECTION_DELAY_MS: z.coerce.number().int().min(0).max(24 * 3_600_000).optional(),
  /**
   * The search lag (ms; 0, the default, is off): the /v2 searches and reads by key see only what the projector has
   * written, at most about this long after the command, as on a Camunda cluster; the projector waits this long after a
   * batch. A test setting for the SDK conformance suites (docs/camunda8-cluster.md); off, searches are read-your-writes,
   * which the web apps rely on (docs/reliability.md).
   */
  ENGINE_SEARCH_LAG_MS: z.coerce.number().int().min(0).max(60_000).default(0),
  /**
   * `true`: the /v2 searches refuse (400), as Camunda 8.8 does, an advanced filter (`$in`, `$like` …) on a field it
   * takes as a plain value only (api/plain-filter-fields.ts). Off by default: this engine takes them everywhere.
   * Spelt as every on/off setting (env-flag.ts): true/false, on/off, yes/no, 1/0.
   */
  CAMUNDA_88_STRICT_FILTERS: envFlag(false),
  /** A deployment whose resources take longer than this to read and check is refused (400). */
  DEPLOYMENT_PARSE_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(30),
});

const schema = fields.refine((config) => config.ENGINE_SEARCH_LAG_MS === 0 || config.ENGINE_PROJECTION_DELAY_MS === undefined, {
  message: 'ENGINE_SEARCH_LAG_MS sets the projector\'s delay itself: leave ENGINE_PROJECTION_DELAY_MS unset with it',
  path: ['ENGINE_SEARCH_LAG_MS'],
});

export type EngineConfig = z.infer<typeof schema>;

/** The identity part of the server options. */
export function sessionOptions(config: EngineConfig) {
  return { sessionIdleMs: config.SESSION_IDLE_MINUTES * 60_000, sessionMaxMs: config.SESSION_MAX_HOURS * 3_600_000 };
}

export function readEngineConfig(env: NodeJS.ProcessEnv = process.env): EngineConfig {
  const result = schema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid engine configuration: ${problems}`);
  }
  return result.data;
}
