/**
 * The task list's view of the process catalogue (bpmn/catalog.json, generated from the models) and of the
 * groups (config/roles.json): process titles, national service items, statutory time limits in words, user
 * tasks with their candidate groups, and the groups' Chinese names. Served once per page load.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { TasklistCatalog } from '../src/tasklist-types.js';

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


export function loadTasklistCatalog(): TasklistCatalog {
  const catalog = catalogSchema.parse(JSON.parse(readFileSync(new URL('bpmn/catalog.json', ROOT), 'utf8')));
  const roles = rolesSchema.parse(JSON.parse(readFileSync(new URL('config/roles.json', ROOT), 'utf8')));
  return {
    processes: catalog.processes.map((process) => ({
      processId: process.processId,
      flowchart: process.flowchart,
      titleZh: process.titleZh,
      nationalItem: process.nationalItem && { name: process.nationalItem.name, code: process.nationalItem.code },
      timeLimitZh: timeLimitInWords(process.timeLimit),
      userTasks: process.userTasks.map(({ elementId, nameZh, candidateGroups }) => ({ elementId, nameZh, candidateGroups })),
    })),
    groups: Object.fromEntries(roles.roles.filter((role) => !role.external).map((role) => [role.id, role.nameZh])),
  };
}

/** 15个工作日 / 即时办结 / 30日 / 3个月, with phases after it (5 + 10 + 5 个工作日). */
export function timeLimitInWords(limit: z.infer<typeof timeLimitSchema>): string {
  if (limit.immediate) return '即时办结';
  const phases = limit.phases?.length ? `（${limit.phases.map((phase) => `${phase.step} ${phase.workingDays}`).join(' + ')} 个工作日）` : '';
  if (limit.workingDays !== undefined) return `${limit.workingDays}个工作日${phases}`;
  if (limit.calendarDays !== undefined) return `${limit.calendarDays}日`;
  if (limit.months !== undefined) return `${limit.months}个月`;
  return '未规定';
}
