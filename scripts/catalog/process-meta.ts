/**
 * `bpmn/meta/<processId>.json`: the catalogue data written by hand (docs/modeling-conventions.md), validated with
 * zod. A bad file fails with its path and the field: `bpmn/meta/x.json: timeLimit.workingDays: …`.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const positiveInt = z.number().int().positive();
const source = z.string().trim().min(1, '请写明时限的依据（docs/domain/sources.md 中的来源或法规条款）');

/**
 * Only 即办 services give their time limit here; a limit in days is a row of the decision table
 * bpmn/statutory-time-limit.dmn that the model looks up (scripts/catalog/process-catalog.ts). The catalogue's
 * time limit has the same shape either way.
 */
const timeLimit = z
  .strictObject({
    workingDays: positiveInt.optional(),
    calendarDays: positiveInt.optional(),
    months: positiveInt.optional(),
    immediate: z.literal(true).optional(),
    /**
     * A limit the rules split between steps (FC11 转入: 5 + 10 + 5 working days): each phase is computed by its
     * own compute-deadline; the phases add up to `workingDays`.
     */
    phases: z.array(z.strictObject({ step: z.string().trim().min(1), workingDays: positiveInt })).min(2).optional(),
    source,
  })
  .refine((t) => [t.workingDays, t.calendarDays, t.months, t.immediate].filter((v) => v !== undefined).length === 1, {
    message: '工作日（workingDays）、自然日（calendarDays）、月（months）、即办（immediate: true）只能填一项',
  })
  .refine((t) => !t.phases || t.phases.reduce((sum, phase) => sum + phase.workingDays, 0) === t.workingDays, {
    message: '各阶段（phases）的工作日之和须等于 workingDays',
    path: ['phases'],
  });

/**
 * A national item's name as clerks (task header) and managers (monitor, monthly report) read it: the name only,
 * no code (that is `code`), no field name or remark (that is `note`). Digits and Latin letters belong to many names
 * (「2型糖尿病…」, 「2024年度…」, 「CT检查…」, 「（含App办理）」), so the rule looks for what does not: a run of six
 * or more digits of either width (an item code), a remark after ；;，, and a field name (camelCase or snake_case).
 * Returns what it found, for the message; undefined when the name is clean.
 */
export function nationalItemNameProblem(name: string): string | undefined {
  const code = /[0-9０-９]{6,}/.exec(name);
  if (code) return `含编码「${code[0]}」`;
  const remark = /[；;，,].*$/.exec(name);
  if (remark) return `含说明「${remark[0]}」`;
  const field = /\b[a-z]+(?:[A-Z][a-z0-9]*)+\b|\b[A-Za-z]+_[A-Za-z0-9_]+\b/.exec(name);
  if (field) return `含字段名「${field[0]}」`;
  return undefined;
}

/** A zod refinement of the name by nationalItemNameProblem; `message` says where the code and remarks go instead. */
export function refineNationalItemName(message: string) {
  return (name: string, context: z.RefinementCtx) => {
    const problem = nationalItemNameProblem(name);
    if (problem) context.addIssue({ code: 'custom', message: `${message}（${problem}）` });
  };
}

export const processMetaSchema = z.strictObject({
  processId: z.string().regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, '流程编号须由小写字母、数字和连字符组成（kebab-case，见 docs/domain/glossary.md）'),
  flowchart: z.number().int().min(1).max(22),
  /** The sub-flow's name when a flowchart is split into several models (转入 / 转出); null otherwise. */
  subflow: z.string().trim().min(1).nullable(),
  /** Why the flowchart's sub-flows are one model with branches or several models (shown in docs/processes.md). */
  splitNote: z.string().trim().min(1).optional(),
  titleZh: z.string().trim().min(1),
  nationalItem: z
    .strictObject({
      name: z.string().trim().min(1).superRefine(refineNationalItemName('只写国家事项名称：编码写在 code，说明写在 note')),
      code: z.string().regex(/^\d+$/, '只能是数字'),
      /** Why this item, when the choice is not obvious (a sub-flow that takes part in another item). */
      note: z.string().trim().min(1).optional(),
    })
    .nullable(),
  timeLimit: timeLimit.optional(),
  startVariables: z.looseObject({ type: z.literal('object') }),
});

export type ProcessMeta = z.infer<typeof processMetaSchema>;
export type TimeLimit = z.infer<typeof timeLimit>;

export class ProcessMetaError extends Error {
  readonly code = 'PROCESS_META_INVALID';
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(problems.map((problem) => `${file}：${problem}`).join('\n'));
  }
}

/** Parses a meta file's text; `file` is the path shown in errors. */
export function parseProcessMeta(file: string, text: string): ProcessMeta {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ProcessMetaError(file, [`不是有效的 JSON：${(error as Error).message}`]);
  }
  const result = processMetaSchema.safeParse(json);
  if (!result.success) {
    throw new ProcessMetaError(
      file,
      result.error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '（整个文件）'}：${issue.message}`),
    );
  }
  return result.data;
}

export function readProcessMeta(path: string, shownAs = path): ProcessMeta {
  return parseProcessMeta(shownAs, readFileSync(path, 'utf8'));
}
