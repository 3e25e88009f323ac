/**
 * The machine-readable job-type catalogue (workers/catalog.json): per job type its input and output variables
 * as JSON Schema (each top-level variable titled with its Chinese label, workers/catalog-labels.json; a per-task
 * constant with the label of each of its values, task-constant.ts), the BPMN errors it may throw and a one-line
 * description. Models, the lint's cross-file check and the modeler's element
 * templates read it.
 */
import { z } from 'zod';
import type { AnyJobWorker } from './job-worker-definition.js';
import { loadCatalogLabels, type CatalogLabels } from './catalog-labels.js';
import { CHOICE_TITLES_KEYWORD, TASK_CONSTANT_KEYWORD } from './task-constant.js';

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

export function jobTypeCatalog(
  workers: readonly AnyJobWorker[],
  names: Pick<CatalogLabels, 'jobTypes' | 'variables'> & Partial<Pick<CatalogLabels, 'choices'>> = loadCatalogLabels(),
): { jobTypes: JobTypeCatalogEntry[] } {
  const labels = names.variables;
  const unlabelled = new Set<string>();
  const wrongChoices: string[] = [];
  // a per-task constant: its values are the worker's enum (the one list), each with its label for the dropdown
  const withChoices = (type: string, schema: Record<string, unknown>) => {
    const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
    const required = new Set((schema.required ?? []) as string[]);
    for (const [name, property] of Object.entries(properties)) {
      if (property[TASK_CONSTANT_KEYWORD] !== true) continue;
      const values = property.enum as unknown[] | undefined;
      if (!values?.every((value): value is string => typeof value === 'string') || !required.has(name)) {
        // a dropdown offers texts and cannot be left out (Camunda's element templates)
        wrongChoices.push(`${type}.${name} is a per-task constant but not a required z.enum of texts (workers/${type}.ts)`);
        continue;
      }
      const titles = names.choices?.[name] ?? {};
      const unlabelledValues = values.filter((value) => !titles[value]);
      const unknownValues = Object.keys(titles).filter((value) => !values.includes(value));
      if (unlabelledValues.length > 0) wrongChoices.push(`${type}.${name} has no label for: ${unlabelledValues.join(', ')}`);
      if (unknownValues.length > 0) wrongChoices.push(`${type}.${name} labels values the worker does not accept: ${unknownValues.join(', ')}`);
      properties[name] = { ...property, [CHOICE_TITLES_KEYWORD]: Object.fromEntries(values.map((value) => [value, titles[value]])) };
    }
    return schema;
  };
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
    inputVariables: withChoices(w.type, titled(z.toJSONSchema(w.input, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>)),
    outputVariables: titled(z.toJSONSchema(w.output, { io: 'output', unrepresentable: 'any' }) as Record<string, unknown>),
    errors: { ...w.errors },
  }));
  const unnamed = workers.filter((w) => !names.jobTypes[w.type]).map((w) => w.type);
  if (unnamed.length > 0) throw new Error(`workers/catalog-labels.json has no Chinese name for the job types: ${unnamed.join(', ')}`);
  if (unlabelled.size > 0) {
    throw new Error(`workers/catalog-labels.json has no Chinese label for the variables: ${[...unlabelled].sort().join(', ')}`);
  }
  if (wrongChoices.length > 0) throw new Error(`workers/catalog-labels.json choices: ${wrongChoices.join('; ')}`);
  return { jobTypes };
}
