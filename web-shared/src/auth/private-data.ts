/**
 * What the web apps keep of the signed-in user in the tab's session storage that is hers alone — the task list's
 * drafts of unsubmitted forms (ID numbers, bank accounts) and its stored view with her search text — under one key
 * prefix, so the SessionProvider of every app (任务列表, 监控, 建模: one origin, one storage per tab) removes them at
 * a logout and whenever someone else signs in on the tab, whichever app she was in.
 * Session storage is per tab: every tab removes its own (a logout in another tab reaches it by the session's
 * BroadcastChannel, a colleague's sign-in by the /me check when the tab is shown again).
 * The address's fragment is hers too: the monitor's 案件查询 keeps the applicant and the value searched for there
 * (`#applicant=…&value=…`, never sent to a server), so it goes with the rest — on the page's current history entry
 * (the entries before it stay in the browser's history: no page can change them).
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
    const owner = sessionStorage.getItem(OWNER_KEY);
    // (no owner yet — a new tab, or everything went at a logout —: the address is the one she opened, maybe a link
    // to a 案件查询 of hers; only someone else's goes)
    if (owner === null) removeKeys((key) => key.startsWith(PRIVATE_PREFIX));
    else if (owner !== username) clearPrivateData();
    sessionStorage.setItem(OWNER_KEY, username);
  } catch {
    // no storage: nothing kept
  }
}

/** At a logout (hers, in any app or tab) or a user switch: nothing private stays in the tab. */
export function clearPrivateData(): void {
  removeKeys((key) => key.startsWith(PRIVATE_PREFIX));
  clearAddressFragment();
}

/**
 * The keys of before the private-data prefix — the task list's stored view with its search text (`tasklist.query`)
 * and its drafts with ID numbers (`tasklist.draft:…`) —, left in a tab opened before the upgrade: personal data with
 * no owner to keep it for, which no sign-in would remove. Every app's SessionProvider removes them as the app starts
 * in the tab, whoever signs in: a tab may open only the monitor or the modeler after the upgrade (one origin, one
 * storage per tab).
 */
export function removeUnprefixedLeftovers(): void {
  // (the record of an unsettled 提交受理 matches neither rule today: its exclusion changes nothing now and only guards
  // it against a broader rule later — every `tasklist.` key, say —, which would take a reference a logout must keep)
  removeKeys((key) => !key.startsWith(UNSETTLED_START_PREFIX) && (key === 'tasklist.query' || key.startsWith('tasklist.draft:')));
}

/**
 * Outside the private data on purpose, and no leftover either (matched by no rule of {@link removeUnprefixedLeftovers},
 * which also excludes it explicitly against a broader rule later):
 * the task list's record of a 新办件's 提交受理 whose outcome is not settled yet (web-tasklist unsettled-starts.ts) —
 * the 提交识别码, the process id, when it was sent and whose it is, nothing of the form — outlives a logout, which
 * removes the draft it was sent from, so that her next 新办件 of that process checks it before anything starts the
 * same application again.
 */
export const UNSETTLED_START_PREFIX = 'tasklist.unsettled-start:';

// helpers

function removeKeys(matches: (key: string) => boolean): void {
  try {
    const keys = Array.from({ length: sessionStorage.length }, (_, index) => sessionStorage.key(index)).filter((key): key is string => key !== null && matches(key));
    for (const key of keys) sessionStorage.removeItem(key);
  } catch {
    // no storage: nothing kept
  }
}

/** The page's address without its fragment, in place (its history state — a draft's page id — stays). */
function clearAddressFragment(): void {
  if (typeof window === 'undefined' || !window.location.hash) return;
  window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
}
