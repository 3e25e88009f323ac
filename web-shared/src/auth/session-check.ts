/**
 * The session check a page starts before its app renders (each app's early-requests.ts): `GET
 * /v2/authentication/me` through the /v2 client the app then uses (it keeps the CSRF token of the answer). Every
 * request of a first screen waits for the user (her groups, the token), so it goes out first. The first
 * SessionProvider (session.tsx) takes it over; one whose answer has come renders the signed-in app at once. Where
 * the server put the answer into the page (first-screen.ts), that is the answer.
 */
import type { CurrentUser } from '../api/camunda-types.js';
import { observeServerDate } from '../api/server-clock.js';
import { V2Client } from '../api/v2-client.js';
import { inlinedFirstScreen } from '../first-screen.js';

export interface SessionCheck {
  client: V2Client;
  user: Promise<CurrentUser | undefined>;
  /** The answer once it has come (`user` undefined: nobody is signed in); undefined while waiting or after a failure. */
  answered(): { user: CurrentUser | undefined } | undefined;
}

let early: SessionCheck | undefined;

export function checkSessionEarly(): SessionCheck {
  const client = new V2Client();
  // the server put the answer into the page (first-screen.ts): no round trip
  const inlined = inlinedFirstScreen()?.session;
  if (inlined) {
    client.adoptCsrfToken(inlined.csrfToken);
    observeServerDate(inlined.now);
    early = { client, user: Promise.resolve(inlined.user), answered: () => ({ user: inlined.user }) };
    return early;
  }
  const user = client.currentUser();
  let answer: { user: CurrentUser | undefined } | undefined;
  // (a failure is handled where the provider awaits it)
  user.then((signedIn) => (answer = { user: signedIn }), () => undefined);
  early = { client, user, answered: () => answer };
  return early;
}

/** The early session check, for the first SessionProvider only (a later one, after a logout, asks again). */
export function takeSessionCheck(): SessionCheck | undefined {
  const taken = early;
  early = undefined;
  return taken;
}
