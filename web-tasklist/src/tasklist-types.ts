/**
 * Shapes of the task list server's own routes, shared by the browser code and the server (which checks its
 * zod schemas against them).
 */
import type { LimitRule } from '../../web-shared/src/dates/case-due.js';
import type { VariableLabels } from '../../web-shared/src/format/variable-labels.js';

export interface CatalogProcess {
  processId: string;
  flowchart: number;
  titleZh: string;
  /** null where the national list has no item (e.g. 生育保险待遇备案). */
  nationalItem: { name: string; code: string } | null;
  timeLimitZh: string;
  /** How its statutory limit runs: in days from acceptance, on the day of acceptance (即时办结), or not at all (未规定). */
  limitRule: LimitRule;
  userTasks: { elementId: string; nameZh: string; candidateGroups: string[] }[];
}

export interface TasklistCatalog {
  processes: CatalogProcess[];
  /** Group id → Chinese name (the office's posts). */
  groups: Record<string, string>;
  /** Chinese labels of case variables (案件数据). */
  variableLabels: VariableLabels;
  /**
   * How long a session lives at most (the server's SESSION_MAX_HOURS): a form's draft older than that is from a
   * session long ended (form-drafts.ts). Absent where the server does not know it (`npm run web` before a cluster).
   */
  sessionMaxHours?: number;
}

export type { DueInfo, WorkingDays } from '../../web-shared/src/dates/due-info.js';

export type TaskListId = 'mine' | 'claimable' | 'all';
export type DueFilter = 'overdue' | 'dueSoon' | 'normal' | 'noLimit';
export type TaskSort = 'dueDate' | 'creationDate' | '-creationDate';

/** What a saved view selects: the list, filters and sort of the task list page. */
export interface ViewQuery {
  list: TaskListId;
  processId?: string;
  dueState?: DueFilter;
  search?: string;
  sort?: TaskSort;
}

export interface ViewInput {
  name: string;
  sharedWithGroup: string | null;
  query: ViewQuery;
}

export interface SavedView extends ViewInput {
  id: number;
  owner: string;
  createdAt: string;
  updatedAt: string;
}
