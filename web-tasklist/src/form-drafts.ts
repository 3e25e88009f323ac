/**
 * Drafts of the forms a clerk is filling in (a 新办件's start form, a task's form), so a reload or the end of her
 * session (30 minutes idle: the login page replaces the app, and the form with it) does not lose what she typed.
 * Kept in the tab's session storage, not the local one: the data holds personal data (ID numbers, bank accounts), and
 * the draft dies with the tab; keyed by the user, so only she sees it again (a colleague signing in on the same tab
 * never does: her drafts are removed then), and removed when she logs out (a shared office PC), submits, or gives
 * it up (放弃草稿). A draft holds only what differs from the data the form opened with: what she typed.
 * Under the private-data prefix (web-shared private-data.ts): the SessionProvider of any app removes them at a logout
 * or when someone else signs in on the tab.
 */
import { digitsAsText } from '../../web-shared/src/api/exact-json.js';
import { DATE_TEXTS_KEY } from '../../web-shared/src/form-js/date-texts-kept.js';
import { privateKey } from '../../web-shared/src/auth/private-data.js';

const PREFIX = privateKey('tasklist.draft:');
/** What a 新办件 page kept beside another visit's unconfirmed draft ({@link saveTypedAside}): not a draft of its own. */
const ASIDE_PREFIX = privateKey('tasklist.typed-aside:');
/**
 * A draft older than a session may live is from a session that ended long ago (a tab restored the next day): it goes
 * unread. The server's SESSION_MAX_HOURS (docs/identity.md) comes with the task list's catalogue
 * (`sessionMaxHours`, {@link draftMaxAgeMs}); this is its default, for a server that does not say (a cluster).
 */
export const DRAFT_MAX_AGE_MS = 12 * 3_600_000;

/** How old a draft may be: a session's longest life as the server says (its catalogue), else the default. */
export function draftMaxAgeMs(sessionMaxHours: number | undefined): number {
  return sessionMaxHours !== undefined && Number.isFinite(sessionMaxHours) && sessionMaxHours > 0 ? sessionMaxHours * 3_600_000 : DRAFT_MAX_AGE_MS;
}

/** Which form: a process's start form (by process id: the catalogue opens its latest version) or a task's. */
export type DraftOf = { kind: 'start'; processId: string } | { kind: 'task'; userTaskKey: string };

export interface Draft {
  /** The fields the clerk changed, by form-js data key. */
  data: Record<string, unknown>;
  /** When it was saved (ms). */
  savedAt: number;
  /**
   * The page (history entry: historyEntryId) it was typed in: a 新办件's draft is restored by itself only there — a
   * reload or a re-login of that page —, on another visit of the form (the next applicant) it is only offered.
   */
  page?: string;
  /** Submitted, but the answer never came (a timeout): the case may have started — the page checks first. */
  uncertain?: true;
  /**
   * The 提交识别码 its 提交受理 carried (submission-reference.ts): what the check after 结果未知 looks for, and what a
   * retry of it carries again. Kept after the check found no case (the mark goes), for the retry.
   */
  reference?: string;
}

interface Stored extends Draft {
  username: string;
}

/** The clerk's draft of a form; one older than `maxAgeMs` ({@link draftMaxAgeMs}) is removed instead. */
export function readDraft(username: string, of: DraftOf, now = Date.now(), maxAgeMs = DRAFT_MAX_AGE_MS): Draft | undefined {
  const stored = readStored(username, of);
  if (!stored) return undefined;
  if (!(now - stored.savedAt <= maxAgeMs)) {
    discardDraft(username, of);
    return undefined;
  }
  return { data: stored.data, savedAt: stored.savedAt, page: stored.page, uncertain: stored.uncertain, reference: stored.reference };
}

/**
 * Saves what differs from `base` (the data the form opened with); nothing left: the draft goes. The 结果未知 mark and
 * the 提交识别码 of the draft it replaces are kept only if that draft is the same page's (a submit whose answer never
 * came stays marked while she edits on): another visit's draft — typed over, another applicant maybe — lends them
 * nothing, or the new applicant's draft would be checked by the old one's reference, found started, and dropped.
 * `carried`: the mark and reference to keep instead (恢复 of another visit's draft takes that draft's own).
 */
export function saveDraft(
  username: string,
  of: DraftOf,
  data: Record<string, unknown>,
  base: Record<string, unknown>,
  now = Date.now(),
  page?: string,
  carried?: Pick<Draft, 'uncertain' | 'reference'>,
): void {
  const typed = typedData(data, asImported(base));
  if (Object.keys(typed).length === 0) return discardDraft(username, of);
  // (the draft as stored, whatever its age: the form restored it with the age the server allows)
  const before = readStored(username, of);
  const kept = carried ?? (before && before.page === page ? before : undefined);
  const stored: Stored = { username, data: typed, savedAt: now, page, uncertain: kept?.uncertain ? true : undefined, reference: kept?.reference };
  try {
    sessionStorage.setItem(keyOf(username, of), JSON.stringify(stored));
  } catch {
    // storage full or switched off: the form works on without a draft
  }
}

/** Marks the draft as submitted with no answer (its outcome unknown), with the reference it was sent with. */
export function markUncertain(username: string, of: DraftOf, reference?: string): void {
  const stored = readStored(username, of);
  if (!stored) return;
  try {
    sessionStorage.setItem(keyOf(username, of), JSON.stringify({ ...stored, uncertain: true, reference: reference ?? stored.reference } satisfies Stored));
  } catch {
    // no storage: nothing kept
  }
}

/**
 * Takes the 结果未知 mark off the draft (and off what the page `page` kept aside) that carries `reference`: the check
 * found no case with it. The reference stays, for the retry. A draft marked with another reference (another page's
 * submit, unchecked) keeps its mark.
 */
export function markSettled(username: string, of: DraftOf, reference: string, page?: string): void {
  for (const key of [keyOf(username, of), ...(page === undefined ? [] : [asideKeyOf(username, of, page)])]) {
    const stored = readStoredAt(key, username);
    if (!stored?.uncertain || stored.reference !== reference) continue;
    const { uncertain: _settled, ...rest } = stored;
    try {
      sessionStorage.setItem(key, JSON.stringify(rest satisfies Stored));
    } catch {
      // no storage: nothing kept
    }
  }
}

/** Whether the clerk typed anything into a form opened with `base` (form-js tells of changes that are none: a first blur). */
export function anyTyped(data: Record<string, unknown>, base: Record<string, unknown>): boolean {
  return Object.keys(typedInto(data, base)).length > 0;
}

/** What the clerk typed into a form opened with `base`: the fields of its data that differ (see {@link typedData}). */
export function typedInto(data: Record<string, unknown>, base: Record<string, unknown>): Record<string, unknown> {
  return typedData(data, asImported(base));
}

/**
 * Her draft with what she typed into the form while it was not confirmed hers (/me unanswered) over it: both are
 * hers, and a field she typed both times holds the later entry — nothing she typed is lost either way. The texts
 * kept in date fields (`$dateTextsKept`, by path) are merged path by path: one key for all, the later set replaced
 * the draft's whole; a draft's text goes where she typed that field meanwhile (her entry is the later).
 */
export function underTyping(draft: Record<string, unknown>, typedMeanwhile: Record<string, unknown>): Record<string, unknown> {
  const merged = { ...draft, ...typedMeanwhile };
  const earlier = textsOf(draft);
  if (!earlier) return merged;
  const texts: Record<string, unknown> = {};
  for (const [path, text] of Object.entries(earlier)) if (!(path.split('.')[0]! in typedMeanwhile)) texts[path] = text;
  Object.assign(texts, textsOf(typedMeanwhile));
  const { [DATE_TEXTS_KEY]: _replaced, ...rest } = merged;
  return Object.keys(texts).length === 0 ? rest : { ...rest, [DATE_TEXTS_KEY]: texts };
}

function textsOf(data: Record<string, unknown>): Record<string, unknown> | undefined {
  const texts = data[DATE_TEXTS_KEY];
  return typeof texts === 'object' && texts !== null && !Array.isArray(texts) ? (texts as Record<string, unknown>) : undefined;
}

export function discardDraft(username: string, of: DraftOf): void {
  remove(keyOf(username, of));
}

/**
 * What the clerk typed into a 新办件 page (`page`: its historyEntryId) while a draft of another visit of the form
 * was not confirmed hers (/me unanswered): kept beside that draft, never over it (it may be another applicant's,
 * unseen), so that a reload of the page before /me answers keeps her typing too (use-form-draft.ts). `typed`: the
 * fields that differ from the data the form opened with; none: the entry goes. `uncertain`: she submitted it and the
 * answer never came (as a draft's mark, kept on later saves: brought back unmarked, it could be submitted twice).
 */
export function saveTypedAside(
  username: string,
  of: DraftOf,
  page: string,
  typed: Record<string, unknown>,
  { now = Date.now(), uncertain = false, reference, maxAgeMs = DRAFT_MAX_AGE_MS }: { now?: number; uncertain?: boolean; reference?: string; maxAgeMs?: number } = {},
): void {
  removeOldAsides(username, now, maxAgeMs);
  if (Object.keys(typed).length === 0) return discardTypedAside(username, of, page);
  const key = asideKeyOf(username, of, page);
  const before = readStoredAt(key, username);
  const marked = uncertain || before?.uncertain ? true : undefined;
  const stored: Stored = { username, data: typed, savedAt: now, page, uncertain: marked, reference: reference ?? before?.reference };
  try {
    sessionStorage.setItem(key, JSON.stringify(stored));
  } catch {
    // storage full or switched off: her typing stays on the page only
  }
}

/** Marks what this page kept ({@link saveTypedAside}) as submitted with no answer (its outcome unknown). */
export function markTypedAsideUncertain(username: string, of: DraftOf, page: string, reference?: string): void {
  const key = asideKeyOf(username, of, page);
  const stored = readStoredAt(key, username);
  if (!stored) return;
  try {
    sessionStorage.setItem(key, JSON.stringify({ ...stored, uncertain: true, reference: reference ?? stored.reference } satisfies Stored));
  } catch {
    // no storage: nothing kept
  }
}

/**
 * What {@link saveTypedAside} kept for this page (its typing, and whether it was sent unanswered). Every entry of the
 * user's older than `maxAgeMs` is removed first — this page's, and those of pages never opened again, which nothing
 * else would read (a logout removes them all with the private data).
 */
export function readTypedAside(
  username: string,
  of: DraftOf,
  page: string,
  now = Date.now(),
  maxAgeMs = DRAFT_MAX_AGE_MS,
): { data: Record<string, unknown>; savedAt: number; uncertain?: true; reference?: string } | undefined {
  removeOldAsides(username, now, maxAgeMs);
  const stored = readStoredAt(asideKeyOf(username, of, page), username);
  if (!stored) return undefined;
  return {
    data: stored.data,
    savedAt: stored.savedAt,
    ...(stored.uncertain ? { uncertain: true as const } : {}),
    ...(stored.reference === undefined ? {} : { reference: stored.reference }),
  };
}

/**
 * The 提交识别码 the tab's drafts of a form still carry (the draft, and what pages kept beside it; marked or not, of
 * any age): a 提交受理 recorded unsettled (unsettled-starts.ts) whose reference none of them carries lost its draft —
 * a logout, a colleague's sign-in —, and the page checks it by itself.
 */
export function referencesHeld(username: string, of: DraftOf): Set<string> {
  const held = new Set<string>();
  const asides = `${ASIDE_PREFIX}${formKey(username, of)}:page:`;
  try {
    const keys = Array.from({ length: sessionStorage.length }, (_, index) => sessionStorage.key(index));
    for (const key of keys) {
      if (key !== keyOf(username, of) && !key?.startsWith(asides)) continue;
      const reference = readStoredAt(key, username)?.reference;
      if (reference !== undefined) held.add(reference);
    }
  } catch {
    // no storage: no drafts
  }
  return held;
}

export function discardTypedAside(username: string, of: DraftOf, page: string): void {
  remove(asideKeyOf(username, of, page));
}

/**
 * The fields of `data` that differ from `base`; a field the form added empty (form-js fills in '', null, [], false,
 * and a repeating list's first row with its fields empty: FC03's 缴费年限 `[{ from: '', to: '' }]`) is not typed.
 */
export function typedData(data: Record<string, unknown>, base: Record<string, unknown>): Record<string, unknown> {
  const typed: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(data)) {
    if (!(name in base) && isEmpty(value)) continue;
    if (JSON.stringify(value) !== JSON.stringify(base[name])) typed[name] = value;
  }
  return typed;
}

/**
 * An id of the page's history entry, kept in `history.state` (a reload and the login page after the session ended
 * keep it; a new visit of the form — 新办件 again — is a new entry, without one).
 */
export function historyEntryId(): string {
  const state = (window.history.state ?? {}) as { draftPage?: string };
  if (state.draftPage) return state.draftPage;
  const id = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  window.history.replaceState({ ...state, draftPage: id }, '');
  return id;
}

/** The applicant a draft names (参保人姓名, or 单位名称 for a unit), to tell the clerk whose it is. */
export function applicantOf(draft: Draft): string | undefined {
  const name = draft.data.personName ?? draft.data.unitName;
  return typeof name === 'string' && name.trim() ? name.trim() : undefined;
}

// helpers

/** The stored draft of `username`, whatever its age; undefined: none, another's, or damaged. */
function readStored(username: string, of: DraftOf): Stored | undefined {
  return readStoredAt(keyOf(username, of), username);
}

function readStoredAt(key: string, username: string): Stored | undefined {
  try {
    const stored = JSON.parse(sessionStorage.getItem(key) ?? 'null') as Stored | null;
    if (!stored || stored.username !== username || typeof stored.data !== 'object' || !stored.data) return undefined;
    return stored;
  } catch {
    // a damaged entry (or no storage): no draft
    return undefined;
  }
}

/**
 * `base` as the form was given it (FormView: a long integer as its digits): an 18-digit ID number stored as a number
 * comes back from the form as text, and is not taken for typed (a draft holding it would undo a repair of the case).
 */
function asImported(base: Record<string, unknown>): Record<string, unknown> {
  return digitsAsText(base) as Record<string, unknown>;
}

function keyOf(username: string, of: DraftOf): string {
  return `${PREFIX}${formKey(username, of)}`;
}

function asideKeyOf(username: string, of: DraftOf, page: string): string {
  return `${ASIDE_PREFIX}${formKey(username, of)}:page:${encodeURIComponent(page)}`;
}

function formKey(username: string, of: DraftOf): string {
  return `${encodeURIComponent(username)}:${of.kind === 'start' ? `start:${of.processId}` : `task:${of.userTaskKey}`}`;
}

/**
 * Removes what pages kept of `username` beside other visits' drafts once older than a draft may be: a page closed
 * or left for another never reads its entry again, and it would stay in the tab until the logout.
 */
function removeOldAsides(username: string, now: number, maxAgeMs: number): void {
  const prefix = `${ASIDE_PREFIX}${encodeURIComponent(username)}:`;
  try {
    const keys: string[] = [];
    for (let index = 0; index < sessionStorage.length; index += 1) {
      const key = sessionStorage.key(index);
      if (key?.startsWith(prefix)) keys.push(key);
    }
    for (const key of keys) {
      const stored = readStoredAt(key, username);
      if (!stored || !(now - stored.savedAt <= maxAgeMs)) remove(key);
    }
  } catch {
    // no storage: nothing kept
  }
}

function remove(key: string): void {
  try {
    sessionStorage.removeItem(key);
  } catch {
    // no storage: nothing kept
  }
}

/**
 * Whether a value is one form-js fills in by itself: '', null, false, an empty list, and a list of rows with nothing
 * in them (a dynamiclist's defaultRepetitions) — taken for typed, it would replace a draft's rows under her typing.
 */
function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === '' || value === false) return true;
  if (Array.isArray(value)) return value.every((row) => isEmpty(row) || isEmptyRow(row));
  return false;
}

/** A repeating list's row whose fields are all empty (as the form adds it). */
function isEmptyRow(row: unknown): boolean {
  return typeof row === 'object' && row !== null && !Array.isArray(row) && Object.values(row).every(isEmpty);
}
