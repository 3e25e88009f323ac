/**
 * Reads one JSON file from `config/` and validates it with a zod schema. Parameters are loaded once at worker
 * start-up, so a typo in a rate or a date must stop the worker there, naming the file and the field, rather than
 * surface as a wrong amount on a printed notice.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ConfigFileError } from './errors.js';

const ZOD_ZH_CN = z.locales.zhCN().localeError;

/** The repository's `config/` directory (this file lives in `workers/lib/`). */
export const CONFIG_DIR = new URL('../../config/', import.meta.url);

export function loadJsonConfig<S extends z.ZodType>(file: string | URL, schema: S): z.output<S> {
  const path = typeof file === 'string' ? file : fileURLToPath(file);
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigFileError(path, `无法读取（${(error as NodeJS.ErrnoException).code ?? String(error)}）`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new ConfigFileError(path, `不是有效的 JSON（${(error as Error).message}）`);
  }
  // the operator who starts the office's workers reads this: zod's own Chinese, per parse (nothing process-wide)
  const result = schema.safeParse(json, { error: ZOD_ZH_CN });
  if (!result.success) throw new ConfigFileError(path, `内容不符合要求：\n${z.prettifyError(result.error)}`);
  return result.data;
}
