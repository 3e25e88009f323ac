/**
 * The modeler's project view: every model with its catalogue data (bpmn/meta/), every form with the tasks that
 * use it, every decision, and the lint state of each (draft = errors, not deployable).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../../scripts/lint/finding.js';
import { isFeelExpression } from '../../scripts/lint/moddle-element.js';
import { timeLimitInWords } from '../../web-shared/server/office-catalog.js';
import type { ProjectFiles } from './project-files.js';
import { statusOf, type FileLintStatus, type ProjectLint } from './project-index.js';

export interface ModelSummary {
  file: string;
  processId: string | null;
  titleZh: string | null;
  flowchart: number | null;
  subflow: string | null;
  nationalItem: { name: string; code: string } | null;
  /** e.g. 15 个工作日 / 即时办结. */
  timeLimitZh: string | null;
  status: FileLintStatus;
}

export interface FormUse {
  file: string;
  processId: string | null;
  elementId: string;
  nameZh: string | null;
}

export interface FormSummary {
  file: string;
  formId: string | null;
  /** The form's first heading (`## 业务初审`). */
  titleZh: string | null;
  usedBy: FormUse[];
  status: FileLintStatus;
}

export interface ProjectOverview {
  models: ModelSummary[];
  forms: FormSummary[];
  decisions: { file: string; status: FileLintStatus }[];
  /** Findings of files that are not models, forms or decisions (the reference files). */
  otherFindings: Finding[];
}

export function projectOverview(files: ProjectFiles, lint: ProjectLint): ProjectOverview {
  const listed = files.list();
  const statusOfFile = (file: string) => statusOf(lint.findingsByFile.get(file) ?? []);
  const taskNames = catalogTaskNames(files.root);
  const catalogLimits = catalogTimeLimits(files.root);

  const models = listed.bpmn.map((file): ModelSummary => {
    const facts = lint.models.find((model) => model.file === file);
    const processId = facts?.processIds[0]?.value ?? null;
    const meta = processId ? readMeta(files.root, processId) : undefined;
    return {
      file,
      processId,
      titleZh: meta?.titleZh ?? null,
      flowchart: meta?.flowchart ?? null,
      subflow: meta?.subflow ?? null,
      nationalItem: meta?.nationalItem ? { name: meta.nationalItem.name, code: meta.nationalItem.code } : null,
      // a limit in days is a row of the decision table statutory-time-limit, evaluated into bpmn/catalog.json
      timeLimitZh: ((limit) => (limit ? timeLimitZh(limit) : null))(meta?.timeLimit ?? (processId ? catalogLimits.get(processId) : undefined)),
      status: statusOfFile(file),
    };
  });

  const forms = listed.form.map((file): FormSummary => {
    const formId = lint.forms.find((form) => form.file === file)?.formId ?? null;
    const usedBy = formId
      ? lint.models.flatMap((model) =>
          model.formIds
            .filter((ref) => !isFeelExpression(ref.value) && ref.value === formId)
            .map((ref) => {
              const processId = model.processIds[0]?.value ?? null;
              return { file: model.file, processId, elementId: ref.elementId, nameZh: (processId && taskNames.get(`${processId}#${ref.elementId}`)) || null };
            }),
        )
      : [];
    return { file, formId, titleZh: formHeading(files.absolute(file)), usedBy, status: statusOfFile(file) };
  });

  const known = new Set([...listed.bpmn, ...listed.dmn, ...listed.form]);
  return {
    models,
    forms,
    decisions: listed.dmn.map((file) => ({ file, status: statusOfFile(file) })),
    otherFindings: [...lint.findingsByFile.entries()].filter(([file]) => !known.has(file) && !file.startsWith('bpmn/meta/')).flatMap(([, findings]) => findings),
  };
}

// helpers

interface MetaSummary {
  titleZh?: string;
  flowchart?: number;
  subflow?: string | null;
  nationalItem?: { name: string; code: string } | null;
  timeLimit?: { workingDays?: number; calendarDays?: number; months?: number; immediate?: boolean };
}

function readMeta(root: string, processId: string): MetaSummary | undefined {
  const path = join(root, 'bpmn', 'meta', `${processId}.json`);
  if (!/^[a-z0-9-]+$/.test(processId) || !existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as MetaSummary;
  } catch {
    return undefined;
  }
}

// in the words the task list and the monitor use (15 个工作日 / 即时办结), so the three apps name a limit alike; without
// its phases, which would not fit the project view's column
function timeLimitZh({ phases: _phases, ...limit }: NonNullable<MetaSummary['timeLimit']> & { phases?: unknown }): string | null {
  const stated = limit.immediate || [limit.workingDays, limit.calendarDays, limit.months].some((figure) => figure !== undefined);
  return stated ? timeLimitInWords(limit) : null;
}

/** processId → its time limit as bpmn/catalog.json states it (from the meta for 即办, else from the decision table). */
function catalogTimeLimits(root: string): Map<string, NonNullable<MetaSummary['timeLimit']>> {
  try {
    const catalog = JSON.parse(readFileSync(join(root, 'bpmn', 'catalog.json'), 'utf8')) as {
      processes?: { processId?: string; timeLimit?: NonNullable<MetaSummary['timeLimit']> }[];
    };
    return new Map((catalog.processes ?? []).flatMap((p) => (p.processId && p.timeLimit ? [[p.processId, p.timeLimit] as const] : [])));
  } catch {
    return new Map();
  }
}

/** `processId#elementId` → the user task's Chinese name, from bpmn/catalog.json. */
function catalogTaskNames(root: string): Map<string, string> {
  const names = new Map<string, string>();
  try {
    const catalog = JSON.parse(readFileSync(join(root, 'bpmn', 'catalog.json'), 'utf8')) as {
      processes: { processId: string; userTasks: { elementId: string; nameZh: string | null }[] }[];
    };
    for (const process of catalog.processes) {
      for (const task of process.userTasks) if (task.nameZh) names.set(`${process.processId}#${task.elementId}`, task.nameZh);
    }
  } catch {
    // no catalogue yet: names stay empty
  }
  return names;
}

function formHeading(path: string): string | null {
  try {
    const schema = JSON.parse(readFileSync(path, 'utf8')) as { components?: { type?: string; text?: string }[] };
    const text = schema.components?.find((component) => component.type === 'text' && typeof component.text === 'string')?.text;
    const heading = text?.split('\n').find((line) => /^#{1,6}\s/.test(line));
    return heading ? heading.replace(/^#{1,6}\s+/, '').trim() : null;
  } catch {
    return null;
  }
}
