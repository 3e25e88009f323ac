/**
 * Settings of the web modeler, declared once. The project folder holds `bpmn/` and `forms/` (the files edited)
 * and `workers/catalog.json`, `config/roles.json` (what the lint checks names against); by default this
 * repository, so saves become commits of it.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const REPOSITORY = fileURLToPath(new URL('../../', import.meta.url));

const schema = z.object({
  /** The folder the modeler edits (a git work tree: saves are commits; any other folder: a history file). */
  MODELER_PROJECT_DIR: z.string().min(1).default(REPOSITORY),
});

export interface ModelerConfig {
  projectDir: string;
}

export function readModelerConfig(env: NodeJS.ProcessEnv = process.env): ModelerConfig {
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new Error(`invalid modeler configuration: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return { projectDir: resolve(result.data.MODELER_PROJECT_DIR) };
}
