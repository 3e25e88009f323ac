/**
 * What the web apps keep of the signed-in user in the tab's session storage that is hers alone — the task list's
 * drafts of unsubmitted forms (ID numbers, bank accounts) and its stored view with her search text — under one key
 * prefix, so the SessionProvider of every app (任务列表, 监控, 建模: one origin, one storage per tab) removes them at
 * a logout and whenever someone else signs in on the tab, whichever app she was in.
 * Session storage is per tab: every tab removes its own (a logout in another tab reaches it by the session's
 * BroadcastChannel, a colleague's sign-in by the /me check when the tab is shown again).
 */

export const PRIVATE_PREFIX = 'private:';
/** Whose the tab's private data is (the user who last signed in on it). */
const OWNER_KEY = `${PRIVATE_PREFIX}owner`;

/** The session storage key of private data `name` (e.g. 'tasklist.query'). */
export function privateKey(name: string): string {
  return PRIVATE_PREFIX + name;
}

/** Whose the tab's private data is; undefined: nobody's (or no storage). */
export function privateDataOwner(): string | undefined {
  try {
    return sessionStorage.getItem(OWNER_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

/** `username` signs in on the tab: the data of anyone else goes (hers stays — a re-login after her session ended). */
export function claimPrivateData(username: string): void {
  try {
    if (sessionStorage.getItem(OWNER_KEY) !== username) clearPrivateData();
    sessionStorage.setItem(OWNER_KEY, username);
  } catch {
    // no storage: nothing kept
  }
}

/** At a logout (hers, in any app or tab) or a user switch: nothing private stays in the tab. */
export function clearPrivateData(): void {
  try {
    const keys = Array.from({ length: sessionStorage.length }, (_, index) => sessionStorage.key(index)).filter((key): key is string => key?.startsWith(PRIVATE_PREFIX) ?? false);
    for (const key of keys) sessionStorage.removeItem(key);
  } catch {
    // no storage: nothing kept
  }
}
