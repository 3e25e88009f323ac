/**
 * 新办件's 提交受理 whose outcome is not settled yet: sent (the answer not in), or answered with none (结果未知) and
 * not yet checked by its 提交识别码 (submission-reference.ts). The draft it was sent from is private data and goes at
 * a logout (or when a colleague signs in on the tab); this record stays — only the reference, the process, when it
 * was sent and whose it is, no name, ID number or other value of the form —, so that when she signs in again her
 * 新办件 of that process checks the reference first and tells her whether the case started: a logout while a check
 * failed or ran must not let the same application start twice.
 * Kept in the tab's session storage, as the drafts are (a duplicated tab has it too, another tab never sees it),
 * under a key of its own outside the private-data prefix (web-shared private-data.ts, whose leftover rule does not match it).
 * Bound to the user: a colleague signing in on the tab is neither shown nor blocked by it; it waits for its owner.
 * A record lives {@link UNSETTLED_START_MAX_AGE_MS} at most (a tab restored days later): older ones are removed, of
 * every user, whenever the records are read or written.
 */
import { UNSETTLED_START_PREFIX } from '../../web-shared/src/auth/private-data.js';

/** How long a record of an unsettled 提交受理 is kept: a week, the longest an office is closed but for holidays. */
export const UNSETTLED_START_MAX_AGE_MS = 7 * 24 * 3_600_000;

export interface UnsettledStart {
  username: string;
  processId: string;
  reference: string;
  /** When the 提交受理 was sent (ms). */
  sentAt: number;
}

/**
 * The 提交受理 requests of this tab still under way, by reference, each settling to the key of the case it started
 * (undefined: refused or no answer). Kept at module level, not in the page: a logout unmounts the form, not the
 * request, and the check after her next login must wait for that answer — searching meanwhile finds nothing and
 * would let her start the same application again before the first request starts its case.
 */
const pending = new Map<string, Promise<string | undefined>>();

/** The 提交受理 carrying `reference` has gone: {@link pendingStart} gives its outcome until it settles. */
export function trackPendingStart(reference: string, request: Promise<{ processInstanceKey: string }>): void {
  const settled = request.then(
    (created) => created.processInstanceKey,
    () => undefined,
  );
  pending.set(reference, settled);
  void settled.then(() => {
    if (pending.get(reference) === settled) pending.delete(reference);
  });
}

/** The outcome of the 提交受理 carrying `reference` if it is still under way in this tab (see {@link pending}). */
export function pendingStart(reference: string): Promise<string | undefined> | undefined {
  return pending.get(reference);
}

/** Records `reference` as sent by `username` for a case of `processId`, before the request goes. */
export function keepUnsettledStart(username: string, processId: string, reference: string, now = Date.now()): void {
  removeExpired(now);
  const record: UnsettledStart = { username, processId, reference, sentAt: now };
  try {
    sessionStorage.setItem(keyOf(username, processId, reference), JSON.stringify(record));
  } catch {
    // no storage: the page's own check still guards while it is open
  }
}

/** The outcome of the 提交受理 that carried `reference` is known (started, refused, or checked absent): its record goes. */
export function dropUnsettledStart(username: string, processId: string, reference: string): void {
  try {
    sessionStorage.removeItem(keyOf(username, processId, reference));
  } catch {
    // no storage: nothing kept
  }
}

/** The unsettled starts of `username` for `processId`, oldest first (expired ones of anyone removed first). */
export function unsettledStarts(username: string, processId: string, now = Date.now()): UnsettledStart[] {
  removeExpired(now);
  const prefix = `${UNSETTLED_START_PREFIX}${encodeURIComponent(username)}:${encodeURIComponent(processId)}:`;
  return records()
    .filter(({ key, record }) => key.startsWith(prefix) && record?.username === username && record.processId === processId)
    .map(({ record }) => record!)
    .sort((a, b) => a.sentAt - b.sentAt);
}

// helpers

function keyOf(username: string, processId: string, reference: string): string {
  return `${UNSETTLED_START_PREFIX}${encodeURIComponent(username)}:${encodeURIComponent(processId)}:${encodeURIComponent(reference)}`;
}

/** Every record in the tab, by key; undefined: damaged. */
function records(): { key: string; record: UnsettledStart | undefined }[] {
  try {
    const keys = Array.from({ length: sessionStorage.length }, (_, index) => sessionStorage.key(index)).filter((key): key is string => key?.startsWith(UNSETTLED_START_PREFIX) ?? false);
    return keys.map((key) => ({ key, record: parse(sessionStorage.getItem(key)) }));
  } catch {
    return [];
  }
}

function parse(text: string | null): UnsettledStart | undefined {
  try {
    const value = JSON.parse(text ?? 'null') as Partial<UnsettledStart> | null;
    if (!value || typeof value.username !== 'string' || typeof value.processId !== 'string' || typeof value.reference !== 'string' || typeof value.sentAt !== 'number') return undefined;
    return value as UnsettledStart;
  } catch {
    return undefined;
  }
}

/** Records older than {@link UNSETTLED_START_MAX_AGE_MS} (or damaged) go, whoever's they are. */
function removeExpired(now: number): void {
  for (const { key, record } of records()) {
    if (record && now - record.sentAt <= UNSETTLED_START_MAX_AGE_MS) continue;
    try {
      sessionStorage.removeItem(key);
    } catch {
      // no storage: nothing kept
    }
  }
}
