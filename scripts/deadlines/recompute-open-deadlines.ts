/**
 * Recomputes the deadlines of open cases that rest on a provisional holiday schedule, once the office has entered
 * the year's notice (config/holiday-schedules/<year>.json). Only the Camunda 8.8 REST API is used, through
 * @camunda8/sdk, so the same run works against the embedded engine and a real cluster:
 *
 * 1. find the process-scope variables `deadlineProvisional = true` of active instances (variables search);
 * 2. recompute each case from its `deadlineBasis` with the current schedule (workers/lib/statutory-deadline.ts);
 *    a case still provisional (its year is still missing) is left alone;
 * 3. record the change in the case's `deadlineChanges` list (who, when, why, old and new dates) and in the log;
 * 4. when the dates moved, correlate `deadline-recomputed` (correlation key `deadlineCorrelationKey`) with the new
 *    variables: the models' interrupting message boundary on the deadline task re-enters the task, so its due date
 *    and its reminder / escalation timers (`timeDate = reminderDate / dueDate`) are armed again from the new
 *    values, and the task goes back to the clerk it was assigned to. A case waiting elsewhere (no subscription:
 *    404) only gets the new variables, which its next deadline task reads. When only the mark changes, the
 *    variables are updated in place and nothing is interrupted.
 *
 * A re-entered task is a new user task: a clerk who has its form open must open it again. Run after hours.
 */
import type { Camunda8 } from '@camunda8/sdk';
import { z } from 'zod';
import type { CalendarConfig } from '../../workers/lib/calendar-config.js';
import { computeStatutoryDeadline, deadlineBasisSchema } from '../../workers/lib/statutory-deadline.js';

type RestClient = ReturnType<Camunda8['getCamundaRestClient']>;

export const DEADLINE_RECOMPUTED_MESSAGE = 'deadline-recomputed';

export interface DeadlineDates {
  readonly deadlineDate: string;
  readonly dueDate: string;
  readonly reminderDate: string;
  readonly provisional: boolean;
}

/** One entry of a case's `deadlineChanges`. */
export interface DeadlineChange {
  readonly changedAt: string;
  readonly changedBy: string;
  readonly reason: string;
  readonly previous: DeadlineDates;
  readonly next: DeadlineDates;
  /** Whether the deadline task was re-entered so that its timers follow the new dates. */
  readonly timersRearmed: boolean;
}

export interface RecomputeOptions {
  /** Who runs the recomputation (name or user id), recorded in each change. */
  readonly changedBy: string;
  readonly calendar: Required<Pick<CalendarConfig, 'schedule'>> & CalendarConfig;
  /** Report what would change without writing anything. */
  readonly dryRun?: boolean;
  readonly now?: () => Date;
  /** One JSON-able record per case; never personal data (keys, dates, process id only). */
  readonly log?: (record: Record<string, unknown>) => void;
  /** How long to wait for a re-entered task before giving up re-assigning it (ms, default 10 000). */
  readonly taskWaitMs?: number;
}

export interface RecomputeResult {
  readonly processInstanceKey: string;
  readonly processDefinitionId: string;
  readonly outcome: 'changed' | 'confirmed' | 'stillProvisional' | 'failed';
  readonly change?: DeadlineChange;
  readonly error?: string;
}

export async function recomputeOpenDeadlines(client: RestClient, options: RecomputeOptions): Promise<RecomputeResult[]> {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? (() => undefined);
  const results: RecomputeResult[] = [];
  for (const instance of await provisionalInstances(client)) {
    let result: RecomputeResult;
    try {
      result = await recomputeOne(client, instance, options, now);
    } catch (error) {
      result = { ...instance, outcome: 'failed', error: (error as Error).message };
    }
    results.push(result);
    log({
      event: 'deadline recomputation',
      processInstanceKey: result.processInstanceKey,
      processDefinitionId: result.processDefinitionId,
      outcome: result.outcome,
      dryRun: options.dryRun ?? false,
      ...(result.change
        ? { changedBy: result.change.changedBy, previous: result.change.previous, next: result.change.next, timersRearmed: result.change.timersRearmed }
        : {}),
      ...(result.error ? { error: result.error } : {}),
    });
  }
  return results;
}

// helpers

interface OpenInstance {
  readonly processInstanceKey: string;
  readonly processDefinitionId: string;
}

const caseVariablesSchema = z.object({
  deadlineBasis: deadlineBasisSchema,
  deadlineDate: z.string(),
  dueDate: z.string(),
  reminderDate: z.string(),
  deadlineCorrelationKey: z.string().optional(),
  deadlineChanges: z.array(z.unknown()).optional(),
});

async function provisionalInstances(client: RestClient): Promise<OpenInstance[]> {
  const keys = new Set<string>();
  for (let from = 0; ; from += PAGE) {
    const { items } = await client.searchVariables({ filter: { name: 'deadlineProvisional', value: 'true' }, page: { from, limit: PAGE } } as never);
    for (const item of items as { processInstanceKey: string; scopeKey: string }[]) {
      if (String(item.scopeKey) === String(item.processInstanceKey)) keys.add(String(item.processInstanceKey));
    }
    if (items.length < PAGE) break;
  }
  const open: OpenInstance[] = [];
  for (const processInstanceKey of keys) {
    const { items } = await client.searchProcessInstances({ filter: { processInstanceKey, state: 'ACTIVE' } } as never);
    const instance = items[0] as { processDefinitionId?: string } | undefined;
    if (instance) open.push({ processInstanceKey, processDefinitionId: String(instance.processDefinitionId ?? '') });
  }
  return open;
}

async function recomputeOne(client: RestClient, instance: OpenInstance, options: RecomputeOptions, now: () => Date): Promise<RecomputeResult> {
  const current = caseVariablesSchema.parse(await processVariables(client, instance.processInstanceKey, Object.keys(caseVariablesSchema.shape)));
  const deadline = computeStatutoryDeadline(current.deadlineBasis, options.calendar);
  if (deadline.provisionalYears.length > 0) return { ...instance, outcome: 'stillProvisional' };

  const previous: DeadlineDates = { deadlineDate: current.deadlineDate, dueDate: current.dueDate, reminderDate: current.reminderDate, provisional: true };
  const next: DeadlineDates = { deadlineDate: deadline.deadlineDate, dueDate: deadline.dueDate, reminderDate: deadline.reminderDate, provisional: false };
  const moved = previous.dueDate !== next.dueDate || previous.reminderDate !== next.reminderDate;
  const years = [...new Set([current.deadlineBasis.startDate, deadline.deadlineDate].map((d) => d.slice(0, 4)))].join('、');
  const reason = `${years}年节假日安排已录入（${options.calendar.schedule.year(Number(deadline.deadlineDate.slice(0, 4))).source}），办理时限按正式安排重新计算`;
  const change = (timersRearmed: boolean): DeadlineChange => ({ changedAt: now().toISOString(), changedBy: options.changedBy, reason, previous, next, timersRearmed });
  if (options.dryRun) return { ...instance, outcome: moved ? 'changed' : 'confirmed', change: change(moved) };

  const variables = (timersRearmed: boolean) => ({
    deadlineDate: next.deadlineDate,
    dueDate: next.dueDate,
    reminderDate: next.reminderDate,
    deadlineProvisional: false,
    deadlineChanges: [...(current.deadlineChanges ?? []), change(timersRearmed)],
  });
  if (!moved || !current.deadlineCorrelationKey) {
    await setProcessVariables(client, instance.processInstanceKey, variables(false));
    return { ...instance, outcome: moved ? 'changed' : 'confirmed', change: change(false) };
  }

  const assignees = await assignedTasks(client, instance.processInstanceKey);
  const rearmed = await correlateRecomputed(client, current.deadlineCorrelationKey, variables(true));
  if (!rearmed) {
    // not at a deadline task (or a model version without the message boundary): the next task reads the values
    await setProcessVariables(client, instance.processInstanceKey, variables(false));
    return { ...instance, outcome: 'changed', change: change(false) };
  }
  await reassign(client, instance.processInstanceKey, assignees, options.taskWaitMs ?? 10_000);
  return { ...instance, outcome: 'changed', change: change(true) };
}

const PAGE = 100;

async function processVariables(client: RestClient, processInstanceKey: string, names: string[]): Promise<Record<string, unknown>> {
  const values: Record<string, unknown> = {};
  for (const name of names) {
    const { items } = await client.searchVariables({ filter: { processInstanceKey, scopeKey: processInstanceKey, name } } as never);
    const item = items[0] as { variableKey: string; value: string; isTruncated?: boolean } | undefined;
    if (!item) continue;
    // search results cut values longer than 8191 characters (a long deadlineChanges list): read those whole (the
    // SDK's getVariable answers the value parsed)
    values[name] = item.isTruncated
      ? ((await client.getVariable({ variableKey: String(item.variableKey) } as never)) as { value: unknown }).value
      : JSON.parse(String(item.value));
  }
  return values;
}

async function setProcessVariables(client: RestClient, processInstanceKey: string, variables: Record<string, unknown>): Promise<void> {
  await client.updateElementInstanceVariables({ elementInstanceKey: processInstanceKey, variables } as never);
}

/** True when a deadline task took the message; false when nothing waits for it (404). */
async function correlateRecomputed(client: RestClient, correlationKey: string, variables: Record<string, unknown>): Promise<boolean> {
  try {
    await client.correlateMessage({ name: DEADLINE_RECOMPUTED_MESSAGE, correlationKey, variables } as never);
    return true;
  } catch (error) {
    if (statusOf(error) === 404) return false;
    throw error;
  }
}

interface AssignedTask {
  readonly userTaskKey: string;
  readonly assignee: string;
}

async function assignedTasks(client: RestClient, processInstanceKey: string): Promise<Map<string, AssignedTask>> {
  const { items } = await client.searchUserTasks({ filter: { processInstanceKey, state: 'CREATED' } } as never);
  const byElement = new Map<string, AssignedTask>();
  for (const task of items as { elementId: string; userTaskKey: string; assignee?: string }[]) {
    if (task.assignee) byElement.set(task.elementId, { userTaskKey: String(task.userTaskKey), assignee: task.assignee });
  }
  return byElement;
}

/** The re-entered task is a new user task (another key): give it back to whoever had the old one. */
async function reassign(client: RestClient, processInstanceKey: string, assigned: Map<string, AssignedTask>, waitMs: number): Promise<void> {
  const giveUpAt = Date.now() + waitMs;
  for (const [elementId, previous] of assigned) {
    while (Date.now() <= giveUpAt) {
      const { items } = await client.searchUserTasks({ filter: { processInstanceKey, elementId, state: 'CREATED' } } as never);
      const task = (items as { userTaskKey: string; assignee?: string }[]).find((t) => String(t.userTaskKey) !== previous.userTaskKey);
      if (task) {
        if (!task.assignee) await client.assignUserTask({ userTaskKey: task.userTaskKey, assignee: previous.assignee, allowOverride: false } as never);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

function statusOf(error: unknown): number | undefined {
  return (error as { response?: { statusCode?: number } } | undefined)?.response?.statusCode;
}
