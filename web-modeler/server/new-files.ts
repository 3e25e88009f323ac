/**
 * New models and forms from the templates of `templates/`:
 *
 * - a model: pool and lanes of the office's actors, the application (start form), identity check, 受理 with the
 *   办理时限 looked up in the decision table statutory-time-limit by the national item code (the table is the one
 *   place for the figure: a code without a row is reported by the catalogue, in Chinese) and computed, 业务初审 with the 一次性告知 path and 不予受理, 业务复审 under four-eyes, reminder, 超期督办
 *   and recomputation on both reviews (as docs/modeling-conventions.md asks), its five forms and its catalogue
 *   data (bpmn/meta/); every step is marked as an addition until the analyst cites the chart's lines;
 * - a form: an empty Camunda 8.8 form with its title.
 *
 * Nothing existing is overwritten: a name already taken is a 409.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { HistoryAuthor } from './file-history.js';
import { ModelerRequestError } from './modeler-problems.js';
import type { ProjectStore, SaveResult } from './project-store.js';
import { refineNationalItemName } from '../../scripts/catalog/process-meta.js';

const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
/** Names go into XML attributes and FEEL string literals of the template (an empty one is min(1)'s to refuse). */
const PLAIN_TEXT = /^[^"'<>&\\]*$/;
const TEMPLATES = new URL('./templates/', import.meta.url);
const MODEL_FORMS = ['application', 'first-review', 'second-review', 'correction', 'overdue-escalation'] as const;

export const newModelSchema = z.object({
  processId: z.string().regex(KEBAB, '流程编号只能用小写字母、数字和连字符，如 xining-fc23-xxx'),
  titleZh: z.string().trim().min(1).max(60).regex(PLAIN_TEXT, '事项名称中不能有引号、尖括号、& 或 \\'),
  /** The forms' id prefix (`fc23` → `fc23-first-review`). */
  formPrefix: z.string().regex(KEBAB, '表单编号前缀只能用小写字母、数字和连字符，如 fc23'),
  flowchart: z.number().int().min(1).max(22),
  /** The time limit is the row of statutory-time-limit for this code, so the code is required. */
  nationalItem: z.object({
    name: z
      .string()
      .trim()
      .min(1)
      .max(60)
      .regex(PLAIN_TEXT, '国家经办事项名称中不能有引号、尖括号、& 或 \\')
      .superRefine(refineNationalItemName('国家经办事项名称只写名称，不带编码或说明，编码填在右边')),
    code: z.string().regex(/^\d{6,20}$/, '国家经办事项编码为 6–20 位数字，如 132036001001'),
  }),
});

/**
 * The fields as the 新建流程 dialog names them (texts.ts), for a refused body (parse-body.ts): each issue reads as
 * the name and zod's Chinese wording (「事项名称不能为空」), a message of the schema naming its field as it is.
 */
export const NEW_MODEL_FIELDS: Readonly<Record<string, string>> = {
  processId: '流程编号',
  titleZh: '事项名称',
  formPrefix: '表单编号前缀',
  flowchart: '流程图编号',
  nationalItem: '国家经办事项',
  'nationalItem.name': '国家经办事项名称',
  'nationalItem.code': '国家经办事项编码',
};

export const newFormSchema = z.object({
  formId: z.string().regex(KEBAB, '表单编号只能用小写字母、数字和连字符，如 fc23-review'),
  titleZh: z.string().trim().min(1).max(60).regex(PLAIN_TEXT, '表单标题中不能有引号、尖括号、& 或 \\'),
});

/** The fields as the 新建表单 dialog names them. */
export const NEW_FORM_FIELDS: Readonly<Record<string, string>> = { formId: '表单编号', titleZh: '表单标题' };

export async function createModel(store: ProjectStore, input: z.infer<typeof newModelSchema>, author: HistoryAuthor): Promise<SaveResult> {
  const replace = (text: string, escape: (value: string) => string) =>
    text
      .replaceAll('__PROCESS_ID__', input.processId)
      .replaceAll('__POOL_NAME__', escape(`${input.titleZh}流程`))
      .replaceAll('__TITLE__', escape(input.titleZh))
      .replaceAll('__FORM_PREFIX__', input.formPrefix)
      .replaceAll('__ITEM_CODE__', input.nationalItem.code);
  const model = `bpmn/${input.processId}.bpmn`;
  const meta = `bpmn/meta/${input.processId}.json`;
  const forms = MODEL_FORMS.map((name) => ({ file: `forms/${input.formPrefix}-${name}.form`, text: replace(template(`${name}.form`), escapeJson) }));
  refuseExisting(store, [model, meta, ...forms.map((form) => form.file)]);
  const metaText = `${JSON.stringify(
    {
      processId: input.processId,
      flowchart: input.flowchart,
      subflow: null,
      titleZh: input.titleZh,
      nationalItem: input.nationalItem,
      startVariables: {
        type: 'object',
        required: ['personName', 'idNumber'],
        properties: { personName: { type: 'string' }, idNumber: { type: 'string' }, channel: { type: 'string', enum: ['window', 'online'] } },
      },
    },
    null,
    2,
  )}\n`;
  return store.save({
    file: model,
    text: replace(template('two-level-review.bpmn'), escapeXml),
    baseRevision: null,
    author,
    message: `新建流程 ${input.titleZh}（${input.processId}，模板：两级审核）`,
    companions: [{ file: meta, text: metaText }, ...forms],
  });
}

export async function createForm(store: ProjectStore, input: z.infer<typeof newFormSchema>, author: HistoryAuthor): Promise<SaveResult> {
  const file = `forms/${input.formId}.form`;
  refuseExisting(store, [file]);
  const text = template('blank.form').replaceAll('__FORM_ID__', input.formId).replaceAll('__TITLE__', escapeJson(input.titleZh));
  return store.save({ file, text, baseRevision: null, author, message: `新建表单 ${input.titleZh}（${input.formId}）` });
}

// helpers

function template(name: string): string {
  return readFileSync(new URL(name, TEMPLATES), 'utf8');
}

function refuseExisting(store: ProjectStore, files: string[]): void {
  const taken = files.filter((file) => store.files.exists(file));
  if (taken.length > 0) throw new ModelerRequestError(409, '名称已被使用', `项目中已有 ${taken.join('、')}，请换一个编号`);
}

function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** Inside a JSON string literal. */
function escapeJson(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}
