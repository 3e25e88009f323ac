/**
 * Builds the Chinese labels of case variables (see web-shared/src/format/variable-labels.ts) from the forms in
 * forms/ (every field with a `key` and a `label`; `fcNN-…` forms belong to the process of flowchart NN) and
 * config/variable-labels.json (variables no form field names, and the words of codes the workers set). Read once
 * when an app's server starts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import type { VariableLabels } from '../src/format/variable-labels.js';
import type { OfficeCatalog } from './office-catalog.js';

const ROOT = new URL('../../', import.meta.url);

const fieldSchema = z.looseObject({
  key: z.string().optional(),
  label: z.string().optional(),
  // a date field's label is its dateLabel (timeLabel for a time alone)
  dateLabel: z.string().optional(),
  timeLabel: z.string().optional(),
  values: z.array(z.looseObject({ label: z.string(), value: z.unknown() })).optional(),
  get components() {
    return z.array(fieldSchema).optional();
  },
});
type Field = z.infer<typeof fieldSchema>;

const dataFileSchema = z.looseObject({ labels: z.record(z.string(), z.string()), options: z.record(z.string(), z.record(z.string(), z.string())).default({}) });

/** Hints for the person filling the form, not part of what the field is (`（如有误请更正）`, `（YYYY-MM）`). */
const FILLING_HINT = /（(?:如有误请更正|系统生成|[A-Z]{2,}[-A-Z]*|[^（）]*必填[^（）]*|[^（）]*一次性告知[^（）]*)）$/;

export function loadVariableLabels(catalog: Pick<OfficeCatalog, 'processes'>, folder = new URL('forms/', ROOT)): VariableLabels {
  // FC11's forms serve two processes (转入, 转出)
  const processesOfFlowchart = new Map<number, string[]>();
  for (const process of catalog.processes) processesOfFlowchart.set(process.flowchart, [...(processesOfFlowchart.get(process.flowchart) ?? []), process.processId]);
  const perProcess = new Map<string, Map<string, string[]>>();
  const everywhere = new Map<string, string[]>();
  const options: Record<string, Record<string, string>> = {};
  for (const file of readdirSync(folder).filter((name) => name.endsWith('.form')).sort()) {
    const form = fieldSchema.parse(JSON.parse(readFileSync(new URL(file, folder), 'utf8')));
    const flowchart = /^fc(\d+)-/.exec(file)?.[1];
    const processIds = flowchart === undefined ? [] : (processesOfFlowchart.get(Number(flowchart)) ?? []);
    for (const field of fieldsOf(form)) {
      const text = (field.label ?? field.dateLabel ?? field.timeLabel)?.trim();
      if (!field.key || !text) continue;
      const label = text.replace(FILLING_HINT, '');
      add(everywhere, field.key, label);
      for (const processId of processIds) add(perProcess.get(processId) ?? perProcess.set(processId, new Map()).get(processId)!, field.key, label);
      for (const option of field.values ?? []) {
        if (typeof option.value === 'string' && option.value !== option.label) (options[field.key] ??= {})[option.value] ??= option.label;
      }
    }
  }
  const data = dataFileSchema.parse(JSON.parse(readFileSync(new URL('config/variable-labels.json', ROOT), 'utf8')));
  const common = { ...chosen(everywhere), ...data.labels };
  // a process keeps only the labels its forms word differently from the common ones (the catalogue stays small)
  const own = (labels: Map<string, string[]>) => Object.fromEntries(Object.entries(chosen(labels)).filter(([key, label]) => common[key] !== label));
  for (const [name, values] of Object.entries(data.options)) options[name] = { ...values, ...options[name] };
  return { byProcess: Object.fromEntries([...perProcess].map(([processId, labels]) => [processId, own(labels)])), common, options };
}

// helpers

function* fieldsOf(container: Field): Generator<Field> {
  for (const field of container.components ?? []) {
    yield field;
    yield* fieldsOf(field);
  }
}

function add(labels: Map<string, string[]>, key: string, label: string): void {
  labels.set(key, [...(labels.get(key) ?? []), label]);
}

/** The label most forms give a name (the shortest of equally common ones: the plainest wording). */
function chosen(labels: Map<string, string[]>): Record<string, string> {
  return Object.fromEntries(
    [...labels].map(([key, found]) => {
      const counts = new Map<string, number>();
      for (const label of found) counts.set(label, (counts.get(label) ?? 0) + 1);
      const [best] = [...counts].sort(([a, countA], [b, countB]) => countB - countA || a.length - b.length || a.localeCompare(b));
      return [key, best![0]];
    }),
  );
}
