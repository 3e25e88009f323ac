/**
 * The first screen's requests, started before the rest of the bundle is evaluated (main.tsx imports this module
 * first; evaluating the whole bundle takes a while on a busy PC): the session check, the catalogue that
 * tasklist-api.ts asks for as it is evaluated, and, once the session check answers, the task list's own first
 * requests (first-screen-requests.ts).
 */
import { checkSessionEarly } from '../../web-shared/src/auth/session-check.js';
import { sendFirstScreenRequests } from './first-screen-requests.js';
import './tasklist-api.js';

const session = checkSessionEarly();
sendFirstScreenRequests(session.client, session.user);

/** Settles once the session check has answered (or failed), after the first screen's requests went out on its answer. */
export const sessionChecked: Promise<unknown> = session.user.catch(() => undefined);
