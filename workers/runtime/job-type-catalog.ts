/**
 * The machine-readable job-type catalogue (workers/catalog.json): per job type its input and output variables
 * as JSON Schema, the BPMN errors it may throw and a one-line description. Models, the lint's cross-file
 * check and the modeler's element templates read it.
 */
import { z } from 'zod';
import type { AnyJobWorker } from './job-worker-definition.js';

export interface JobTypeCatalogEntry {
  type: string;
  descriptionZh: string;
  descriptionEn: string;
  inputVariables: unknown;
  outputVariables: unknown;
  errors: Record<string, string>;
}

export function jobTypeCatalog(workers: readonly AnyJobWorker[]): { jobTypes: JobTypeCatalogEntry[] } {
  return {
    jobTypes: workers.map((w) => ({
      type: w.type,
      descriptionZh: w.descriptionZh,
      descriptionEn: w.descriptionEn,
      inputVariables: z.toJSONSchema(w.input, { io: 'input', unrepresentable: 'any' }),
      outputVariables: z.toJSONSchema(w.output, { io: 'output', unrepresentable: 'any' }),
      errors: { ...w.errors },
    })),
  };
}
