/**
 * The machine-readable job-type catalogue (workers/catalog.json): per job type its input and output variables
 * as JSON Schema (each top-level variable titled with its Chinese label, workers/catalog-labels.json), the BPMN
 * errors it may throw and a one-line description. Models, the lint's cross-file check and the modeler's element
 * templates read it.
 */
import { z } from 'zod';
import type { AnyJobWorker } from './job-worker-definition.js';
import { loadCatalogLabels, type CatalogLabels } from './catalog-labels.js';

export interface JobTypeCatalogEntry {
  type: string;
  /** A short Chinese name (the element template's name). */
  nameZh: string;
  descriptionZh: string;
  descriptionEn: string;
  inputVariables: unknown;
  outputVariables: unknown;
  errors: Record<string, string>;
}

export function jobTypeCatalog(workers: readonly AnyJobWorker[], names: Pick<CatalogLabels, 'jobTypes' | 'variables'> = loadCatalogLabels()): { jobTypes: JobTypeCatalogEntry[] } {
  const labels = names.variables;
  const unlabelled = new Set<string>();
  const titled = (schema: Record<string, unknown>) => {
    const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
    for (const [name, property] of Object.entries(properties)) {
      if (labels[name]) properties[name] = { title: labels[name], ...property };
      else unlabelled.add(name);
    }
    return schema;
  };
  const jobTypes = workers.map((w) => ({
    type: w.type,
    nameZh: names.jobTypes[w.type] ?? '',
    descriptionZh: w.descriptionZh,
    descriptionEn: w.descriptionEn,
    inputVariables: titled(z.toJSONSchema(w.input, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>),
    outputVariables: titled(z.toJSONSchema(w.output, { io: 'output', unrepresentable: 'any' }) as Record<string, unknown>),
    errors: { ...w.errors },
  }));
  const unnamed = workers.filter((w) => !names.jobTypes[w.type]).map((w) => w.type);
  if (unnamed.length > 0) throw new Error(`workers/catalog-labels.json has no Chinese name for the job types: ${unnamed.join(', ')}`);
  if (unlabelled.size > 0) {
    throw new Error(`workers/catalog-labels.json has no Chinese label for the variables: ${[...unlabelled].sort().join(', ')}`);
  }
  return { jobTypes };
}
