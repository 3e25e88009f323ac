/**
 * The office's process catalogue as the web apps' servers read it: bpmn/catalog.json (generated from the models)
 * and the groups of config/roles.json — process titles, national service items, statutory time limits (in
 * figures and in words), user tasks with their candidate groups, and the groups' Chinese names. Read once when
 * an app's server starts; each app hands the browser what it needs of it.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { LimitRule } from '../src/dates/case-due.js';

const ROOT = new URL('../../', import.meta.url);

const timeLimitSchema = z.looseObject({
  workingDays: z.number().optional(),
  calendarDays: z.number().optional(),
  months: z.number().optional(),
  immediate: z.boolean().optional(),
  phases: z.array(z.looseObject({ step: z.string(), workingDays: z.number() })).optional(),
});

const catalogSchema = z.looseObject({
  processes: z.array(
    z.looseObject({
      processId: z.string(),
      flowchart: z.number(),
      titleZh: z.string(),
      nationalItem: z.looseObject({ name: z.string(), code: z.string() }).nullable(),
      timeLimit: timeLimitSchema,
      userTasks: z.array(z.looseObject({ elementId: z.string(), nameZh: z.string(), candidateGroups: z.array(z.string()) })),
    }),
  ),
});

const rolesSchema = z.looseObject({ roles: z.array(z.looseObject({ id: z.string(), nameZh: z.string(), external: z.boolean() })) });

export interface StatutoryTimeLimit {
  workingDays?: number;
  calendarDays?: number;
  months?: number;
  /** 即时办结: handled the same day. */
  immediate?: boolean;
  phases?: { step: string; workingDays: number }[];
}

export interface OfficeProcess {
  processId: string;
  flowchart: number;
  titleZh: string;
  /** null where the national list has no item (e.g. 生育保险待遇备案). */
  nationalItem: { name: string; code: string } | null;
  timeLimit: StatutoryTimeLimit;
  timeLimitZh: string;
  userTasks: { elementId: string; nameZh: string; candidateGroups: string[] }[];
}

export interface OfficeCatalog {
  processes: OfficeProcess[];
  /** Group id → Chinese name (the office's posts). */
  groups: Record<string, string>;
}

export function loadOfficeCatalog(): OfficeCatalog {
  const catalog = catalogSchema.parse(JSON.parse(readFileSync(new URL('bpmn/catalog.json', ROOT), 'utf8')));
  const roles = rolesSchema.parse(JSON.parse(readFileSync(new URL('config/roles.json', ROOT), 'utf8')));
  return {
    processes: catalog.processes.map((process) => ({
      processId: process.processId,
      flowchart: process.flowchart,
      titleZh: process.titleZh,
      nationalItem: process.nationalItem && { name: process.nationalItem.name, code: process.nationalItem.code },
      timeLimit: {
        ...(process.timeLimit.workingDays !== undefined ? { workingDays: process.timeLimit.workingDays } : {}),
        ...(process.timeLimit.calendarDays !== undefined ? { calendarDays: process.timeLimit.calendarDays } : {}),
        ...(process.timeLimit.months !== undefined ? { months: process.timeLimit.months } : {}),
        ...(process.timeLimit.immediate ? { immediate: true } : {}),
        ...(process.timeLimit.phases?.length ? { phases: process.timeLimit.phases.map(({ step, workingDays }) => ({ step, workingDays })) } : {}),
      },
      timeLimitZh: timeLimitInWords(process.timeLimit),
      userTasks: process.userTasks.map(({ elementId, nameZh, candidateGroups }) => ({ elementId, nameZh, candidateGroups })),
    })),
    groups: Object.fromEntries(roles.roles.filter((role) => !role.external).map((role) => [role.id, role.nameZh])),
  };
}

/**
 * 15 个工作日 / 即时办结 / 30 日 / 3 个月, with phases after it (5 + 10 + 5 个工作日): a space each side of a figure, as
 * every app writes 剩 15 个工作日 and 逾期 3 个工作日.
 */
export function timeLimitInWords(limit: StatutoryTimeLimit): string {
  if (limit.immediate) return '即时办结';
  const phases = limit.phases?.length ? `（${limit.phases.map((phase) => `${phase.step} ${phase.workingDays}`).join(' + ')} 个工作日）` : '';
  if (limit.workingDays !== undefined) return `${limit.workingDays} 个工作日${phases}`;
  if (limit.calendarDays !== undefined) return `${limit.calendarDays} 日`;
  if (limit.months !== undefined) return `${limit.months} 个月`;
  return '未规定';
}

/**
 * How the limit runs, as both apps' deadline badges read it (web-shared/src/dates/case-due.ts): in days from
 * acceptance, on the day of acceptance (即时办结), or not at all (未规定).
 */
export function limitRule(limit: StatutoryTimeLimit): LimitRule {
  if (limit.immediate) return 'sameDay';
  return [limit.workingDays, limit.calendarDays, limit.months].some((figure) => figure !== undefined) ? 'days' : 'none';
}
