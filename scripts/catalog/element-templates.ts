/**
 * The modeler's element templates (Camunda 8 element templates, the format Camunda's Desktop and Web Modeler
 * read), generated from data so nobody types a job type, a variable or a group by hand:
 *
 * - one service-task template per job type of workers/catalog.json: the job type, every input variable as an
 *   input mapping (FEEL, defaulting to the variable of the same name; optional ones left out until filled; a
 *   per-task constant as a dropdown of the values the worker accepts, with no default, so the analyst picks the
 *   one the task states — workers/runtime/task-constant.ts),
 *   every output variable as an output mapping, Chinese names and labels, the BPMN errors it may throw in the
 *   description;
 * - one user-task template per review level (REVIEW_LEVELS), with the candidate group of config/roles.json, the
 *   form to fill in, the case's due date, and on the second review the four-eyes property.
 *
 * A template keeps its version while its content stays the same and gets the next one when it changes
 * (`withVersions`). Only the newest version is kept and served (web-modeler/server/modeler-router.ts), so a diagram
 * linked to an older one shows it as not found (unlink or remove), not as an upgrade.
 */
export const TEMPLATE_SCHEMA = 'https://unpkg.com/@camunda/zeebe-element-templates-json-schema/resources/schema.json';
export const TEMPLATES_DIR = 'bpmn/element-templates';

export interface CatalogJobType {
  type: string;
  nameZh: string;
  descriptionZh: string;
  inputVariables: JsonSchema;
  outputVariables: JsonSchema;
  errors: Record<string, string>;
}

interface JsonSchema {
  properties?: Record<string, VariableSchema>;
  required?: string[];
}

interface VariableSchema {
  title?: string;
  type?: string | string[];
  description?: string;
  enum?: unknown[];
  /** A per-task constant (workers/runtime/task-constant.ts; the names are the JSON keywords of the catalogue). */
  'x-taskConstant'?: boolean;
  /** The Chinese label of each value of a per-task constant. */
  'x-choiceTitles'?: Record<string, string>;
}

export interface Role {
  id: string;
  nameZh: string;
  external?: boolean;
}

export interface ElementTemplate {
  $schema: string;
  name: string;
  id: string;
  description: string;
  version: number;
  category: { id: string; name: string };
  keywords?: string[];
  appliesTo: string[];
  elementType: { value: string };
  engines: { camunda: string };
  groups: { id: string; label: string }[];
  properties: Record<string, unknown>[];
}

/** The review levels that get a user-task template, by candidate group (each must be a role of config/roles.json). */
export const REVIEW_LEVELS: readonly { role: string; name: string; taskName: string; description: string; fourEyesOf?: string }[] = [
  { role: 'window-clerk', name: '窗口受理（即办）', taskName: '窗口受理', description: '窗口受理岗办理的一步（即办事项，或代申请人记录补正材料）。' },
  { role: 'window-first-review', name: '业务初审', taskName: '业务初审', description: '两级审核的第一级：窗口初审岗核对材料，决定通过、退回补正（一次性告知）或不予受理。' },
  {
    role: 'window-second-review',
    name: '业务复审（四眼原则）',
    taskName: '业务复审',
    description: '两级审核的第二级：窗口复审岗复核，不得由办理初审的人员办理（四眼原则，fourEyes.differsFrom 填初审任务的编号）。',
    fourEyesOf: 'firstReview',
  },
  { role: 'finance', name: '财务审核、支付', taskName: '财务审核', description: '财务科（基金科）办理的支付或结算步骤。' },
  { role: 'supervisor', name: '超期督办、审批', taskName: '超期督办', description: '稽核/科长：办理时限届满后的督办，或延长时限的审批。' },
];

const JOB_CATEGORY = { id: 'xining-job-workers', name: '作业执行器（自动办理）' };
const USER_TASK_CATEGORY = { id: 'xining-review-levels', name: '人工办理（按岗位）' };
const ENGINES = { camunda: '^8.8' };

export function elementTemplates(jobTypes: readonly CatalogJobType[], roles: readonly Role[]): Omit<ElementTemplate, 'version'>[] {
  return [...jobTypes.map(jobTemplate), ...REVIEW_LEVELS.map((level) => userTaskTemplate(level, roles))];
}

/** The templates with versions: unchanged content keeps the committed version, changed content gets the next. */
export function withVersions(templates: readonly Omit<ElementTemplate, 'version'>[], committed: ReadonlyMap<string, ElementTemplate>): ElementTemplate[] {
  return templates.map((template) => {
    const previous = committed.get(template.id);
    const version = !previous ? 1 : contentOf(previous) === contentOf(template) ? previous.version : previous.version + 1;
    return ordered({ ...template, version });
  });
}

export function templateFileName(template: { id: string }): string {
  return `${template.id.replace(/^xining\./, '')}.json`;
}

// helpers

function jobTemplate(job: CatalogJobType): Omit<ElementTemplate, 'version'> {
  const inputs = Object.entries(job.inputVariables.properties ?? {});
  const outputs = Object.entries(job.outputVariables.properties ?? {});
  const required = new Set(job.inputVariables.required ?? []);
  const errors = Object.entries(job.errors);
  const description = [job.descriptionZh, errors.length > 0 ? `可能抛出的 BPMN 错误：${errors.map(([code, meaning]) => `${code}（${meaning}）`).join('；')}` : ''].filter(Boolean).join('。');
  return {
    $schema: TEMPLATE_SCHEMA,
    name: job.nameZh,
    id: `xining.job.${job.type}`,
    description,
    category: JOB_CATEGORY,
    keywords: [job.type],
    appliesTo: ['bpmn:Task', 'bpmn:ServiceTask'],
    elementType: { value: 'bpmn:ServiceTask' },
    engines: ENGINES,
    groups: [
      { id: 'inputs', label: '输入变量（传给作业执行器）' },
      { id: 'outputs', label: '输出变量（写回流程）' },
    ],
    properties: [
      { type: 'Hidden', value: job.type, binding: { type: 'zeebe:taskDefinition', property: 'type' } },
      { label: '名称', type: 'String', value: job.nameZh, binding: { type: 'property', name: 'name' } },
      ...inputs.map(([name, schema]) => (schema['x-taskConstant'] ? taskConstantProperty(name, schema) : {
        id: `input-${name}`,
        label: schema.title ?? name,
        description: `变量 ${name}${typeName(schema.type)}${required.has(name) ? '，必填' : '，可不填（不填则不传）'}`,
        group: 'inputs',
        type: 'String',
        feel: 'required',
        binding: { type: 'zeebe:input', name },
        ...(required.has(name) ? { value: `=${name}`, constraints: { notEmpty: true } } : { optional: true }),
      })),
      ...outputs.map(([name, schema]) => ({
        id: `output-${name}`,
        label: schema.title ?? name,
        description: `作业执行器写回的 ${name}${typeName(schema.type)}，写入这里填写的流程变量`,
        group: 'outputs',
        type: 'String',
        value: name,
        binding: { type: 'zeebe:output', source: `=${name}` },
      })),
    ],
  };
}

/**
 * A per-task constant as a dropdown: the labels of workers/catalog-labels.json, each value as the FEEL string the
 * models map (`="不予办理"`), so applying the template to a task that states one keeps it (Camunda keeps a dropdown's
 * value only when it is one of the choices). No default: a new task states nothing until the analyst picks.
 */
function taskConstantProperty(name: string, schema: VariableSchema): Record<string, unknown> {
  const titles = schema['x-choiceTitles'] ?? {};
  return {
    id: `input-${name}`,
    label: schema.title ?? name,
    description: `变量 ${name}${typeName(schema.type)}，必填：每个任务选定一项（不取流程变量）`,
    group: 'inputs',
    type: 'Dropdown',
    choices: (schema.enum ?? []).map((value) => ({ name: titles[String(value)] ?? String(value), value: feelString(String(value)) })),
    binding: { type: 'zeebe:input', name },
    constraints: { notEmpty: true },
  };
}

/** A FEEL string literal: `="不予办理"` (FEEL escapes quotes and backslashes as JSON does). */
function feelString(value: string): string {
  return `=${JSON.stringify(value)}`;
}

function userTaskTemplate(level: (typeof REVIEW_LEVELS)[number], roles: readonly Role[]): Omit<ElementTemplate, 'version'> {
  const role = roles.find((candidate) => candidate.id === level.role && !candidate.external);
  if (!role) throw new Error(`review level ${level.name}: candidate group "${level.role}" is not an office role of config/roles.json`);
  return {
    $schema: TEMPLATE_SCHEMA,
    name: `${role.nameZh}：${level.name}`,
    id: `xining.user-task.${level.role}`,
    description: `${level.description}候选组：${role.nameZh}（${role.id}）。`,
    category: USER_TASK_CATEGORY,
    keywords: [role.id, role.nameZh],
    appliesTo: ['bpmn:Task', 'bpmn:UserTask'],
    elementType: { value: 'bpmn:UserTask' },
    engines: ENGINES,
    groups: [
      { id: 'form', label: '表单' },
      { id: 'assignment', label: '办理岗位与时限' },
    ],
    properties: [
      { type: 'Hidden', value: '', binding: { type: 'zeebe:userTask' } },
      { label: '名称', type: 'String', value: level.taskName, binding: { type: 'property', name: 'name' } },
      {
        id: 'formId',
        label: '表单编号（forms/ 中的 id，如 fc23-first-review）',
        group: 'form',
        type: 'String',
        binding: { type: 'zeebe:formDefinition', property: 'formId' },
        constraints: { notEmpty: true },
      },
      { type: 'Hidden', value: role.id, binding: { type: 'zeebe:assignmentDefinition', property: 'candidateGroups' } },
      {
        id: 'dueDate',
        label: '到期日（案件的办理时限）',
        group: 'assignment',
        type: 'String',
        feel: 'required',
        value: '=dueDate',
        binding: { type: 'zeebe:taskSchedule', property: 'dueDate' },
      },
      ...(level.fourEyesOf
        ? [
            {
              id: 'fourEyes',
              label: '四眼原则：不得由办理这些任务的人办理（任务编号，逗号分隔）',
              group: 'assignment',
              type: 'String',
              value: level.fourEyesOf,
              binding: { type: 'zeebe:property', name: 'fourEyes.differsFrom' },
              constraints: { notEmpty: true },
            },
          ]
        : []),
    ],
  };
}

function typeName(type: string | string[] | undefined): string {
  const names: Record<string, string> = { string: '文本', integer: '整数', number: '数字', boolean: '是/否', object: '对象', array: '列表' };
  const first = Array.isArray(type) ? type[0] : type;
  return first && names[first] ? `（${names[first]}）` : '';
}

/** Keys in a fixed order, so files diff cleanly. */
function ordered(template: ElementTemplate): ElementTemplate {
  const { $schema, name, id, description, version, category, keywords, appliesTo, elementType, engines, groups, properties } = template;
  return { $schema, name, id, description, version, category, keywords, appliesTo, elementType, engines, groups, properties };
}

/** What a template says, without its version. */
function contentOf(template: Omit<ElementTemplate, 'version'>): string {
  const { version: _version, ...rest } = ordered({ ...template, version: 0 });
  return JSON.stringify(rest);
}
