/**
 * The rows of the task list: each task with its case's applicant and masked ID number (the cases' variables, one
 * search for the page), whether the case was accepted, and the remaining working days of its due date (the
 * working-day calendar). The first screen takes the variables search sent ahead (first-screen-requests.ts).
 */
import type { CurrentUser, SearchResult, UserTask, Variable } from '../../web-shared/src/api/camunda-types.js';
import type { V2Client } from '../../web-shared/src/api/v2-client.js';
import { serverNow } from '../../web-shared/src/api/server-clock.js';
import { refusalAtIntake } from '../../web-shared/src/format/refused-at-intake.js';
import { maskIdNumber } from '../../web-shared/src/masking/personal-data.js';
import { parseJson } from './case-data.js';
import { firstScreen } from './first-screen-requests.js';
import { rowVariablesSearch } from './task-queries.js';
import type { TasklistApi } from './tasklist-api.js';
import type { DueInfo } from './tasklist-types.js';

export interface TaskRow {
  task: UserTask;
  applicant?: string;
  /** Masked: lists never show a full ID number. */
  idNumber?: string;
  due?: DueInfo;
  /** When the case was accepted; absent before (the badge says when the limit starts, not that there is none). */
  acceptedAt?: string;
  /** Refused at intake (its 不予受理告知书 issued): never to be accepted, so no limit will start either. */
  refused: boolean;
}

export async function taskRows(client: V2Client, api: TasklistApi, user: CurrentUser, tasks: UserTask[], polling: boolean, signal?: AbortSignal): Promise<TaskRow[]> {
  if (tasks.length === 0) return [];
  const dueDates = [...new Set(tasks.map((task) => task.dueDate).filter((date): date is string => Boolean(date)))];
  const search = rowVariablesSearch(tasks);
  const [variables, working] = await Promise.all([
    firstScreen.take<SearchResult<Variable>>(user.username, 'variables', search) ?? client.searchVariables(search, { polling, signal }),
    dueDates.length ? api.workingDays(new Date(serverNow()).toISOString(), dueDates, signal) : undefined,
  ]);
  const byCase = new Map<string, Record<string, unknown>>();
  for (const variable of variables.items) {
    const values = byCase.get(variable.processInstanceKey) ?? {};
    values[variable.name] = parseJson(variable.value);
    byCase.set(variable.processInstanceKey, values);
  }
  return tasks.map((task) => {
    const values = byCase.get(task.processInstanceKey) ?? {};
    const applicant = [values.personName, values.unitName].find((value): value is string => typeof value === 'string' && value.length > 0);
    const idNumber = typeof values.idNumber === 'string' && values.idNumber ? maskIdNumber(values.idNumber) : undefined;
    const acceptedAt = typeof values.acceptedAt === 'string' && values.acceptedAt.length > 0 ? values.acceptedAt : undefined;
    const refused = refusalAtIntake(values) !== undefined;
    return { task, applicant, idNumber, due: task.dueDate ? working?.results[task.dueDate] : undefined, acceptedAt, refused };
  });
}
