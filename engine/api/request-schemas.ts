/** Zod building blocks shared by the routers: keys, tenants, variables documents, search bodies. */
import { z } from 'zod';
import { InvalidArgumentError } from '../errors.js';

/** Keys are decimal strings on the wire (Camunda 8.8); numbers are accepted for older clients. */
export const keySchema = z
  .union([z.string().regex(/^-?[0-9]{1,25}$/, 'must be a decimal key'), z.number().int()])
  .transform((value) => Number(value));

/** Path keys are checked by hand: this runs on every job completion, where building a schema would cost. */
export function parseKeyParam(value: string | undefined, name: string): number {
  if (value === undefined || !/^[0-9]{1,25}$/.test(value)) {
    throw new InvalidArgumentError(`${name} must be a decimal key, got '${value ?? ''}'`);
  }
  return Number(value);
}

export const DEFAULT_TENANT = '<default>';
export const tenantIdSchema = z
  .string()
  .regex(/^(<default>|[A-Za-z0-9_@.+-]+)$/, 'must be <default> or letters, digits and _@.+-')
  .optional()
  .transform((value) => value ?? DEFAULT_TENANT);

export const variablesSchema = z
  .record(z.string(), z.unknown())
  .nullish()
  .transform((value) => value ?? {});

/** Enum values are matched case-insensitively, as Camunda does. */
export function caseInsensitiveEnum<const T extends readonly [string, ...string[]]>(values: T) {
  return z
    .string()
    .transform((v) => v.toUpperCase())
    .pipe(z.enum(values));
}

export const searchRequestSchema = z
  .object({
    filter: z.record(z.string(), z.unknown()).nullish(),
    sort: z.array(z.object({ field: z.string(), order: z.string().optional() })).nullish(),
    page: z
      .object({
        from: z.number().int().min(0).optional(),
        limit: z.number().int().min(0).max(10000).optional(),
        after: z.string().optional(),
        before: z.string().optional(),
      })
      .nullish(),
  })
  .nullish()
  .transform((body) => ({
    filter: body?.filter ?? undefined,
    sort: body?.sort ?? undefined,
    page: body?.page ?? undefined,
  }));

/**
 * The query of Camunda 8.8's variable searches: `truncateValues` (default true) cuts long values in the answer;
 * a boolean as Spring reads one (true/false, on/off, yes/no, 1/0, in any case), anything else is a 400.
 */
export const variableSearchQuerySchema = z
  .object({
    truncateValues: z
      .string()
      .transform((value) => value.toLowerCase())
      .pipe(z.enum(['true', 'false', 'on', 'off', 'yes', 'no', '1', '0']))
      .optional(),
  })
  .transform(({ truncateValues }) => ({ truncateValues: truncateValues === undefined || ['true', 'on', 'yes', '1'].includes(truncateValues) }));
