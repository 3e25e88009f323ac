/**
 * Building blocks for versioned, provenance-labelled parameter files (`config/top-up-parameters.json`,
 * `config/maternity-parameters.json`). Regional figures change by decree on a given date and many of ours are still
 * guesses (docs/domain/amounts.md), so every figure carries `verified` and `source`, and a calculation picks the version in
 * force on its reference date and reports which figures it used unverified.
 */
import { z } from 'zod';
import { NoEffectiveParametersError } from './errors.js';
import { isIsoDate, type IsoDate } from './iso-date.js';

/** A figure together with where it comes from and whether the office has confirmed it. */
export function verifiedValue<T extends z.ZodType>(value: T) {
  return z.strictObject({
    value,
    verified: z.boolean(),
    source: z.string().min(1, '须注明数据来源（source）'),
  });
}

export const isoDateSchema = z.string().refine(isIsoDate, '须为有效日期，格式 YYYY-MM-DD');

/** Positive decimal written as a string so that no figure passes through a binary float. */
export const decimalStringSchema = z.string().regex(/^\d+(\.\d+)?$/, '须为小数字符串，如 "0.08"');

export const ROUNDING_MODES = ['ROUND_HALF_UP', 'ROUND_HALF_EVEN', 'ROUND_DOWN', 'ROUND_UP'] as const;

export interface ParameterVersion {
  readonly id: string;
  readonly effectiveFrom: IsoDate;
  /** Last day in force (inclusive); absent while the version is current. */
  readonly effectiveTo?: IsoDate | undefined;
}

export const parameterVersionFields = {
  id: z.string().min(1),
  effectiveFrom: isoDateSchema,
  effectiveTo: isoDateSchema.optional(),
};

/** Versions must have distinct ids and start dates, else the version in force on a date would be ambiguous. */
export function versionListSchema<T extends z.ZodType<ParameterVersion>>(version: T) {
  return z
    .array(version)
    .min(1)
    .superRefine((versions, ctx) => {
      const seenIds = new Set<string>();
      const seenStarts = new Set<string>();
      for (const [index, v] of versions.entries()) {
        if (seenIds.has(v.id)) ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `版本编号重复：${v.id}` });
        if (seenStarts.has(v.effectiveFrom)) {
          ctx.addIssue({ code: 'custom', path: [index, 'effectiveFrom'], message: '另一版本也从这一天起生效' });
        }
        if (v.effectiveTo !== undefined && v.effectiveTo < v.effectiveFrom) {
          ctx.addIssue({ code: 'custom', path: [index, 'effectiveTo'], message: '失效日期早于生效日期' });
        }
        seenIds.add(v.id);
        seenStarts.add(v.effectiveFrom);
      }
    });
}

/** The version in force on `date`: the latest start on or before it that has not ended. */
export function selectEffectiveVersion<V extends ParameterVersion>(
  parameterSet: string,
  versions: readonly V[],
  date: IsoDate,
): V {
  let best: V | undefined;
  for (const v of versions) {
    const inForce = v.effectiveFrom <= date && (v.effectiveTo === undefined || date <= v.effectiveTo);
    if (inForce && (best === undefined || v.effectiveFrom > best.effectiveFrom)) best = v;
  }
  if (best === undefined) throw new NoEffectiveParametersError(parameterSet, date);
  return best;
}

/** Dotted paths of every `{ verified: false }` figure below `node`, to print "测算（参数未核实）" and to audit. */
export function unverifiedParameterPaths(node: unknown, path = ''): string[] {
  if (node === null || typeof node !== 'object') return [];
  const record = node as Record<string, unknown>;
  if (typeof record['verified'] === 'boolean' && 'value' in record) return record['verified'] ? [] : [path];
  return Object.entries(record).flatMap(([key, child]) =>
    unverifiedParameterPaths(child, path ? `${path}.${key}` : key),
  );
}
