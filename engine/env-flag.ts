/**
 * An on/off setting from an environment variable, spelt as Spring reads a boolean (true/false, on/off, yes/no, 1/0,
 * in any case; unset or empty is the default) — as the /v2 API reads `truncateValues` (api/request-schemas.ts) — so
 * that the engine's switches and the tests' take the same words: `CAMUNDA_88_STRICT_FILTERS=1` and
 * `TEST_STRICT_FILTERS=true` both mean on. Anything else is an error, not off: a typo does not quietly switch off.
 */
import { z } from 'zod';

const ON = ['true', 'on', 'yes', '1'];
const OFF = ['false', 'off', 'no', '0'];

/** The schema of one flag (engine/config.ts). */
export function envFlag(fallback: boolean) {
  return z
    .string()
    .optional()
    .transform((value) => value?.trim().toLowerCase() ?? '')
    .pipe(z.enum(['', ...ON, ...OFF] as [string, ...string[]], { message: `expected one of ${[...ON, ...OFF].join(', ')}` }))
    .transform((value) => (value === '' ? fallback : ON.includes(value)));
}

/** One flag read from the environment outside the engine's configuration (the test fixture); throws naming it. */
export function readEnvFlag(name: string, fallback = false, env: NodeJS.ProcessEnv = process.env): boolean {
  const result = envFlag(fallback).safeParse(env[name]);
  if (!result.success) throw new Error(`${name}=${String(env[name])}: ${result.error.issues[0]!.message}`);
  return result.data;
}
