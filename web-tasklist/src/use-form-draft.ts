/**
 * The draft of one form (form-drafts.ts) in a page: restored as the form opens, saved as the clerk types (at most
 * once a {@link SAVE_EVERY_MS}, and at once when the page goes — a reload, or the login page replacing the app when
 * the session ended), given up with 放弃草稿, removed once the form is submitted.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useSession, type UserCheck } from '../../web-shared/src/auth/session.js';
import { anyTyped, discardDraft, markUncertain, readDraft, saveDraft, type Draft, type DraftOf } from './form-drafts.js';

const SAVE_EVERY_MS = 1_000;

export interface FormDraft {
  /** The draft the form opened with (its note shows); undefined: none, given up, or not confirmed hers. */
  restored: Draft | undefined;
  /**
   * A draft typed on another visit of the form (`page` given: a 新办件 opened again, maybe for the next applicant):
   * not restored, offered with 恢复 (restore) / 放弃 (discard); gone once she types into the form (hers replaces it).
   */
  offered: Draft | undefined;
  /**
   * A draft found, but /me gave no answer (the network, a 5xx, no answer in time): the form opens without it, and
   * nothing is saved or removed of this form until {@link retry} confirms her (the draft stays in the tab).
   */
  unconfirmed: boolean;
  /** 重试: asks /me again about the draft found. */
  retry(): void;
  /** 恢复: the form opens again with the offered draft. */
  restore(): void;
  /**
   * The data the form opens with: the draft over `base` (the same object from render to render: a new one rebuilds
   * the form); undefined while the server is asked who is signed in.
   */
  data: Record<string, unknown> | undefined;
  /** The form's data after the clerk changed it (FormView onChange). */
  onChange(data: Record<string, unknown>): void;
  /** Saves a change still waiting now (before a submit that may end on the login page). */
  flush(): void;
  /** 放弃草稿: removes the draft; the form opens again with `base`. */
  discard(): void;
  /** Submitted with no answer (a timeout): the draft stays, marked 结果未知. */
  uncertain(): void;
  /** Submitted: removes the draft, and nothing more is saved of this form. */
  done(): void;
}

/**
 * `of`, `base`: undefined while the form is not there yet. `restore`: whether a draft of the form is taken as it
 * opens (a task's only while the clerk holds it: its form is read-only else) — read when `base` comes, not after.
 * `page`: the page's history entry (historyEntryId): a draft of another entry is offered, not restored.
 */
export function useFormDraft(username: string, of: DraftOf | undefined, base: Record<string, unknown> | undefined, restore: boolean, page?: string): FormDraft {
  const id = of && JSON.stringify(of);
  const [discards, setDiscards] = useState(0);
  const restoreNow = useRef(restore);
  restoreNow.current = restore;
  // (discards: after 放弃草稿 the storage has none, and the form opens again with base)
  const found = useMemo(() => (of && base && restoreNow.current ? readDraft(username, of) : undefined), [username, id, base, discards]);
  // (a draft found: /me answers first — someone else signed in: the login page comes instead; no answer: the form
  // opens without it, with 重试, and the draft is neither saved over nor removed)
  const { confirmUser } = useSession();
  const [checked, setChecked] = useState<{ draft: Draft; answer: UserCheck } | undefined>(undefined);
  const [retries, setRetries] = useState(0);
  useEffect(() => {
    if (!found) return;
    let live = true;
    void confirmUser().then((answer) => live && setChecked({ draft: found, answer }));
    return () => {
      live = false;
    };
  }, [found, confirmUser, retries]);
  const waiting = found !== undefined && checked?.draft !== found;
  const hers = found && !waiting && checked?.answer === 'hers' ? found : undefined;
  const unconfirmed = found !== undefined && !waiting && checked?.answer === 'unknown';
  const retry = useCallback(() => {
    setChecked(undefined);
    setRetries((count) => count + 1);
  }, []);
  // (a draft of another visit: offered until she restores it, gives it up, or types over it)
  const [accepted, setAccepted] = useState<Draft | undefined>(undefined);
  const [typedOver, setTypedOver] = useState<Draft | undefined>(undefined);
  const samePage = hers !== undefined && (page === undefined || hers.page === page || accepted === hers);
  const restored = samePage ? hers : undefined;
  const offered = hers && !samePage && typedOver !== hers ? hers : undefined;
  const data = useMemo(() => (base && !waiting ? (restored ? { ...base, ...restored.data } : base) : undefined), [base, restored, waiting]);

  const latest = useRef({ username, of, base, page, offered, unsure: unconfirmed || waiting });
  latest.current = { username, of, base, page, offered, unsure: unconfirmed || waiting };
  const pending = useRef<Record<string, unknown> | undefined>(undefined);
  const timer = useRef<number | undefined>(undefined);
  const closed = useRef(false);

  const flush = useCallback(() => {
    window.clearTimeout(timer.current);
    timer.current = undefined;
    const { username: user, of: form, base: opened, page: entry, unsure } = latest.current;
    // (a draft not confirmed hers: the form's changes would save over it — or remove it, a click being a change)
    if (pending.current && form && opened && !closed.current && !unsure) saveDraft(user, form, pending.current, opened, Date.now(), entry);
    pending.current = undefined;
  }, []);

  const onChange = useCallback(
    (changed: Record<string, unknown>) => {
      if (closed.current) return;
      // (typing into the empty form while a draft is offered replaces it; form-js's changes that are none do not)
      const { offered: over, base: opened } = latest.current;
      if (over) {
        if (!opened || !anyTyped(changed, opened)) return;
        setTypedOver(over);
      }
      pending.current = changed;
      timer.current ??= window.setTimeout(flush, SAVE_EVERY_MS);
    },
    [flush],
  );

  const forget = useCallback(() => {
    window.clearTimeout(timer.current);
    timer.current = undefined;
    pending.current = undefined;
    const { username: user, of: form, unsure } = latest.current;
    if (form && !unsure) discardDraft(user, form);
  }, []);

  const discard = useCallback(() => {
    forget();
    setDiscards((count) => count + 1);
  }, [forget]);

  // (restored, the draft is this page's: a reload of it restores it by itself)
  const restoreOffered = useCallback(() => {
    const { username: user, of: form, base: opened, page: entry, offered: draft } = latest.current;
    if (!draft || !form || !opened) return;
    saveDraft(user, form, { ...opened, ...draft.data }, opened, draft.savedAt, entry);
    setAccepted(draft);
  }, []);

  const uncertain = useCallback(() => {
    flush();
    // (a draft not confirmed hers was not what she sent: it is not marked)
    const { username: user, of: form, unsure } = latest.current;
    if (form && !unsure) markUncertain(user, form);
  }, [flush]);

  // (submitted: the notes go, the form stays as it was sent)
  const [finished, setFinished] = useState(false);
  const done = useCallback(() => {
    closed.current = true;
    forget();
    setFinished(true);
  }, [forget]);

  // a reload (pagehide) or the page gone — another form, the login page after the session ended — saves at once
  useEffect(() => {
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [flush]);

  return {
    restored: finished ? undefined : restored,
    offered: finished ? undefined : offered,
    unconfirmed: !finished && unconfirmed,
    retry,
    restore: restoreOffered,
    data,
    onChange,
    flush,
    discard,
    uncertain,
    done,
  };
}
