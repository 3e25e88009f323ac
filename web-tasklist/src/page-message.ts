/** The message over the task pane (tasklist-app.tsx): a confirmation, or an error with its technical detail if any. */
import type { Failure } from '../../web-shared/src/api/failure.js';

export interface PageMessage extends Failure {
  kind: 'ok' | 'error';
  /**
   * A note of the task open (`userTaskKey`) that stays while the clerk is on it, not for the few seconds of the
   * others, and goes as she leaves it: a 办结's 结果未知 and what the page found out after (task-detail.tsx).
   * `dismissable`: with a 知道了 button — once the note says what happened; not while it still asks her to wait.
   */
  held?: { userTaskKey: string; dismissable: boolean };
}

/** The `held` of a note of the task `userTaskKey`, closable or not. */
export function heldNote(userTaskKey: string, dismissable: boolean): NonNullable<PageMessage['held']> {
  return { userTaskKey, dismissable };
}
