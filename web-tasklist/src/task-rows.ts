/**
 * The rows of the task list: each task with its case's applicant and masked ID number (the cases' variables, one
 * search for the page), whether the case was accepted, and the remaining working days of its due date (the
 * working-day calendar) — or, a task without one of a 即时办结 process (the catalogue's `limitRule`), of its case's
 * acceptance day (its deadline, web-shared/src/dates/case-due.ts: counted as the case header counts it, in a second
 * request only where such rows have one). The first screen takes the variables search sent ahead (first-screen-requests.ts).
 */
import type { CurrentUser, SearchResult, UserTask, Variable } from '../../web-shared/src/api/camunda-types.js';
import type { V2Client } from '../../web-shared/src/api/v2-client.js';
import { serverNow } from '../../web-shared/src/api/server-clock.js';
import type { LimitRule } from '../../web-shared/src/dates/case-due.js';
import { formatDate } from '../../web-shared/src/format/dates.js';
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
  /** The count of the acceptance day (an office date), for a task of a 即时办结 process without a due date: its deadline. */
  acceptedDue?: DueInfo;
  /** Refused at intake (its 不予受理告知书 issued): never to be accepted, so no limit will start either. */
  refused: boolean;
  /** Refused by the system at once (FC17's `refusedBySystem`): a 即时办结 case then has no day either. */
  refusedBySystem: boolean;
}

/** How a process's limit runs (the catalogue's `limitRule`; undefined for a process not in it). */
export type LimitRuleOf = (processId: string) => LimitRule | undefined;

export async function taskRows(
  client: V2Client,
  api: TasklistApi,
  user: CurrentUser,
  tasks: UserTask[],
  limitRuleOf: LimitRuleOf,
  polling: boolean,
  signal?: AbortSignal,
): Promise<TaskRow[]> {
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
  const rows = tasks.map((task) => {
    const values = byCase.get(task.processInstanceKey) ?? {};
    const applicant = [values.personName, values.unitName].find((value): value is string => typeof value === 'string' && value.length > 0);
    const idNumber = typeof values.idNumber === 'string' && values.idNumber ? maskIdNumber(values.idNumber) : undefined;
    const acceptedAt = typeof values.acceptedAt === 'string' && values.acceptedAt.length > 0 ? values.acceptedAt : undefined;
    const refused = refusalAtIntake(values) !== undefined;
    return { task, applicant, idNumber, due: task.dueDate ? working?.results[task.dueDate] : undefined, acceptedAt, refused, refusedBySystem: values.refusedBySystem === true };
  });
  // a 即时办结 case's acceptance day, counted where its task has no due date (known only once the variables are
  // read); no other row's badge reads it (case-due.ts), so no other row's day is asked for on every refresh
  const acceptedDay = (row: (typeof rows)[number]) => (row.task.dueDate || limitRuleOf(row.task.processDefinitionId) !== 'sameDay' ? '' : formatDate(row.acceptedAt));
  const acceptedDays = [...new Set(rows.map(acceptedDay).filter((day) => day !== ''))];
  const accepted = acceptedDays.length ? await api.workingDays(new Date(serverNow()).toISOString(), acceptedDays, signal).catch(() => undefined) : undefined;
  return rows.map((row): TaskRow => {
    const day = acceptedDay(row);
    return day ? { ...row, acceptedDue: accepted?.results[day] } : row;
  });
}
