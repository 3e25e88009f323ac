/** The message over the task pane (tasklist-app.tsx): a confirmation, or an error with its technical detail if any. */
import type { Failure } from '../../web-shared/src/api/failure.js';

export interface PageMessage extends Failure {
  kind: 'ok' | 'error';
  /**
   * A note of the task open (`userTaskKey`) that stays while the clerk is on it, not for the few seconds of the
   * others, and goes as she leaves it: a 办结's 结果未知 and what the page found out after (task-detail.tsx).
   * `dismissable`: with a 知道了 button — once the note says what happened; not while it still asks her to wait.
   * Without `userTaskKey`, a note of no task: it stays wherever she goes until 知道了 or the next message (a 提交受理
   * answered after she left its page).
   */
  held?: { userTaskKey?: string; dismissable: boolean };
}

/** The `held` of a note of the task `userTaskKey`, closable or not. */
export function heldNote(userTaskKey: string, dismissable: boolean): NonNullable<PageMessage['held']> {
  return { userTaskKey, dismissable };
}
