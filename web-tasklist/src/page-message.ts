/** The message over the task pane (tasklist-app.tsx): a confirmation, or an error with its technical detail if any. */
import type { Failure } from '../../web-shared/src/api/failure.js';

export interface PageMessage extends Failure {
  kind: 'ok' | 'error';
}
