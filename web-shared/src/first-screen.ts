/**
 * The first screen a page's HTML may bring (the server puts it in for a signed-in user, see
 * web-shared/server/first-screen-page.ts): the session check's answer and the app's own data, in a
 * `<script type="application/json">` (data, never run). Read once; each part is taken by the code that would
 * otherwise ask for it.
 */
import type { CurrentUser } from './api/camunda-types.js';

export const FIRST_SCREEN_ID = 'first-screen';

export interface InlinedFirstScreen {
  /** What `GET /v2/authentication/me` answered: the user, the session's CSRF token, the engine's time (ISO). */
  session: { user: CurrentUser; csrfToken?: string; now: string };
  /** The app's data (its hook's own shape). */
  app?: unknown;
}

let read = false;
let inlined: InlinedFirstScreen | undefined;

export function inlinedFirstScreen(): InlinedFirstScreen | undefined {
  if (read) return inlined;
  read = true;
  const text = document.getElementById(FIRST_SCREEN_ID)?.textContent;
  try {
    inlined = text ? (JSON.parse(text) as InlinedFirstScreen) : undefined;
  } catch {
    // a damaged block: the page asks as it does without one
    inlined = undefined;
  }
  return inlined;
}
