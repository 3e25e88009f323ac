/**
 * workers/catalog-labels.json: the Chinese name of each job type and the Chinese label of each process variable
 * the workers read or write. The catalogue carries them (`nameZh`, the variables' JSON Schema `title`), where
 * the modeler's element templates read them. `fields` labels the fields inside object variables, for the incident
 * messages that name a wrong field (job-failure-messages.ts). `choices` labels, per variable, each value of a
 * per-task constant (task-constant.ts) for the element template's dropdown.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const label = z.string().trim().min(1);
const fileSchema = z.object({
  description: z.string().optional(),
  jobTypes: z.record(z.string(), label),
  variables: z.record(z.string(), label),
  fields: z.record(z.string(), label).default({}),
  choices: z.record(z.string(), z.record(z.string(), label)).default({}),
});

export type CatalogLabels = z.infer<typeof fileSchema>;

export function loadCatalogLabels(): CatalogLabels {
  return fileSchema.parse(JSON.parse(readFileSync(new URL('../catalog-labels.json', import.meta.url), 'utf8')));
}
