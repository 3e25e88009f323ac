/**
 * Builds the Chinese labels of case variables (see web-shared/src/format/variable-labels.ts) from the forms in
 * forms/ (every field with a `key` and a `label`, a read-only copy only where nothing records the name; `fcNN-…` forms belong to the process of
 * flowchart NN) and config/variable-labels.json (variables no form field names, and the words of codes the workers
 * set), the variables the job workers write and the fields inside their objects by workers/catalog-labels.json. The apps' servers ask
 * {@link liveVariableLabels} per request: the data file is re-read when it changed, so an operator's correction shows
 * without a restart, and a broken edit never takes the labels (or the server) down. The amounts in yuan are the names
 * the forms (a field's label or its group's) and workers/catalog-labels.json label `（元）`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { z } from 'zod';
import { loadCatalogLabels, type CatalogLabels } from '../../workers/runtime/catalog-labels.js';
import type { VariableLabels } from '../src/format/variable-labels.js';
import type { OfficeCatalog } from './office-catalog.js';

const ROOT = new URL('../../', import.meta.url);

const fieldSchema = z.looseObject({
  key: z.string().optional(),
  label: z.string().optional(),
  // only `true` shows the field read-only; a FEEL string or a slip in one form must not take every label down
  disabled: z.unknown().optional(),
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

/** How a label marks an amount in yuan: `（元）`, `（元，本金＋利息…）`. */
const YUAN = /（元[）,，]/;

/**
 * Hints for the person filling the form, not part of what the field is (`（如有误请更正）`, `（YYYY-MM）`, and
 * `（只读）`: a variable only ever shown disabled is still the variable, not its read-only copy).
 */
const FILLING_HINT = /（(?:如有误请更正|系统生成|只读|[A-Z]{2,}[-A-Z]*|[^（）]*必填[^（）]*|[^（）]*一次性告知[^（）]*)）$/;

type DataFile = z.infer<typeof dataFileSchema>;

const DATA_FILE = new URL('config/variable-labels.json', ROOT);
/** Issues of the data file worded in Chinese for the operator's log (zod's zh-CN locale; none quotes a value). */
const ISSUES_ZH = z.locales.zhCN().localeError;

export function loadVariableLabels(catalog: Pick<OfficeCatalog, 'processes'>, folder = new URL('forms/', ROOT), dataFile = DATA_FILE): VariableLabels {
  return buildLabels(catalog, folder, readDataFile(dataFile));
}

export interface LiveLabelsOptions {
  folder?: URL;
  dataFile?: URL;
  /** How often at most the data file's modification time is looked at (default 3 s). */
  checkEveryMs?: number;
  now?: () => number;
  log?: (line: string) => void;
}

/**
 * The labels as of the data file's last good version: its modification time is looked at no more than every
 * `checkEveryMs`, and when it changed the labels are built again. A version that is no JSON or fails the schema
 * (or a file gone missing) leaves the last good labels in force and is said once in the log; at start, such a
 * file leaves the forms' labels alone in force.
 */
export function liveVariableLabels(catalog: Pick<OfficeCatalog, 'processes'>, options: LiveLabelsOptions = {}): () => VariableLabels {
  const folder = options.folder ?? new URL('forms/', ROOT);
  const dataFile = options.dataFile ?? DATA_FILE;
  const checkEveryMs = options.checkEveryMs ?? 3_000;
  const now = options.now ?? Date.now;
  const log = options.log ?? ((line) => console.error(line));
  const name = dataFile.pathname.split('/').slice(-2).join('/');
  let seen: number | undefined;
  let checkedAt = now();
  // what stays in force when a version cannot be used: at start the forms' labels alone, later the last good ones
  let labelsKept = '只用表单中的字段名称';

  const modified = (): number | undefined => {
    try {
      return statSync(dataFile).mtimeMs;
    } catch {
      return undefined;
    }
  };
  const reload = (fallback: () => VariableLabels): VariableLabels => {
    seen = modified();
    try {
      return buildLabels(catalog, folder, readDataFile(dataFile));
    } catch (error) {
      log(`[web] ${name} 无法使用，${labelsKept}：${reason(error)}`);
      return fallback();
    }
  };
  let labels = reload(() => buildLabels(catalog, folder, { labels: {}, options: {} }));
  labelsKept = '继续使用上次有效的数据项名称';

  return () => {
    const at = now();
    if (at - checkedAt < checkEveryMs) return labels;
    checkedAt = at;
    if (modified() === seen) return labels;
    const previous = labels;
    labels = reload(() => previous);
    return labels;
  };
}

function buildLabels(catalog: Pick<OfficeCatalog, 'processes'>, folder: URL, data: DataFile): VariableLabels {
  // FC11's forms serve two processes (转入, 转出)
  const processesOfFlowchart = new Map<number, string[]>();
  for (const process of catalog.processes) processesOfFlowchart.set(process.flowchart, [...(processesOfFlowchart.get(process.flowchart) ?? []), process.processId]);
  const perProcess = new Map<string, Map<string, Found[]>>();
  const everywhere = new Map<string, Found[]>();
  const options: Record<string, Record<string, string>> = {};
  const processOptions = new Map<string, Record<string, Record<string, string>>>();
  const workers = loadCatalogLabels();
  const money = new Set(amountsOf(workers));
  for (const file of readdirSync(folder).filter((name) => name.endsWith('.form')).sort()) {
    const form = fieldSchema.parse(JSON.parse(readFileSync(new URL(file, folder), 'utf8')));
    const flowchart = /^fc(\d+)-/.exec(file)?.[1];
    const processIds = flowchart === undefined ? [] : (processesOfFlowchart.get(Number(flowchart)) ?? []);
    for (const { field, inYuan } of fieldsOf(form, false)) {
      const text = (field.label ?? field.dateLabel ?? field.timeLabel)?.trim();
      if (field.key && (inYuan || YUAN.test(text ?? ''))) money.add(field.key);
      if (!field.key || !text) continue;
      const found = { label: text.replace(FILLING_HINT, ''), shown: field.disabled === true };
      add(everywhere, field.key, found);
      for (const processId of processIds) add(perProcess.get(processId) ?? perProcess.set(processId, new Map()).get(processId)!, field.key, found);
      for (const option of field.values ?? []) {
        if (typeof option.value !== 'string' || option.value === option.label) continue;
        (options[field.key] ??= {})[option.value] ??= option.label;
        for (const processId of processIds) {
          const own = processOptions.get(processId) ?? processOptions.set(processId, {}).get(processId)!;
          (own[field.key] ??= {})[option.value] ??= option.label;
        }
      }
    }
  }
  // what the job workers set (a generated document, a certificate number) no form names: their own catalogue's labels,
  // below the forms' and the data file's
  const common = { ...workers.variables, ...chosen(everywhere), ...data.labels };
  // a process keeps only the labels its forms word differently from the common ones (the catalogue stays small)
  const own = (labels: Map<string, Found[]>) => Object.fromEntries(Object.entries(chosen(labels)).filter(([key, label]) => common[key] !== label));
  for (const [name, values] of Object.entries(data.options)) options[name] = { ...values, ...options[name] };
  // likewise a process keeps only the options its forms word otherwise than the common ones
  const optionsByProcess: Record<string, Record<string, Record<string, string>>> = {};
  for (const [processId, byName] of processOptions) {
    for (const [name, values] of Object.entries(byName)) {
      const differing = Object.entries(values).filter(([code, label]) => options[name]?.[code] !== label);
      if (differing.length > 0) ((optionsByProcess[processId] ??= {})[name] = Object.fromEntries(differing));
    }
  }
  return {
    byProcess: Object.fromEntries([...perProcess].map(([processId, labels]) => [processId, own(labels)])),
    common,
    options,
    optionsByProcess,
    money: [...money].sort(),
    fields: workers.fields,
  };
}

// helpers

function readDataFile(file: URL): DataFile {
  return dataFileSchema.parse(JSON.parse(readFileSync(file, 'utf8')), { error: ISSUES_ZH });
}

/** Why a data file cannot be used, in one line (the schema's issues by path; never the file's values). */
function reason(error: unknown): string {
  if (error instanceof z.ZodError) return `内容不符合要求——${error.issues.map((issue) => `${issue.path.join('.') || '（根）'}：${issue.message}`).join('；')}`;
  if (error instanceof SyntaxError) return `不是有效的 JSON（${error.message}）`;
  return (error as Error).message;
}

/** The fields of a form, each with whether a group around it is labelled in yuan (录入审核结果（元）). */
function* fieldsOf(container: Field, inYuan: boolean): Generator<{ field: Field; inYuan: boolean }> {
  for (const field of container.components ?? []) {
    yield { field, inYuan };
    yield* fieldsOf(field, inYuan || YUAN.test(field.label ?? ''));
  }
}

/** The variables and fields the workers read or write as amounts (accountRefundAmount, an expense item's amount). */
function amountsOf({ variables, fields }: CatalogLabels): string[] {
  return [...Object.entries(variables), ...Object.entries(fields)]
    .filter(([, label]) => YUAN.test(label))
    .map(([name]) => name);
}

/**
 * A field's label, and whether the field is disabled: a disabled field shows what another step recorded, for
 * comparison (「窗口登记的已提交材料（只读）」), so it names the variable only where no field that records it does.
 */
interface Found {
  label: string;
  shown: boolean;
}

function add(labels: Map<string, Found[]>, key: string, found: Found): void {
  labels.set(key, [...(labels.get(key) ?? []), found]);
}

/** The label most forms that record a name give it (the shortest of equally common ones: the plainest wording). */
function chosen(labels: Map<string, Found[]>): Record<string, string> {
  return Object.fromEntries(
    [...labels].map(([key, found]) => {
      const recorded = found.filter((f) => !f.shown);
      const counts = new Map<string, number>();
      for (const { label } of recorded.length > 0 ? recorded : found) counts.set(label, (counts.get(label) ?? 0) + 1);
      const [best] = [...counts].sort(([a, countA], [b, countB]) => countB - countA || a.length - b.length || a.localeCompare(b));
      return [key, best![0]];
    }),
  );
}
