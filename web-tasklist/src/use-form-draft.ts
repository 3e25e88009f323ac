/**
 * The draft of one form (form-drafts.ts) in a page: restored as the form opens, saved as the clerk types (at most
 * once a {@link SAVE_EVERY_MS}, and at once when the page goes — a reload, or the login page replacing the app when
 * the session ended), given up with 放弃草稿, removed once the form is submitted.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useSession, type UserCheck } from '../../web-shared/src/auth/session.js';
import { anyTyped, discardDraft, discardTypedAside, draftMaxAgeMs, markSettled, markTypedAsideUncertain, markUncertain, readDraft, readTypedAside, saveDraft, saveTypedAside, typedInto, underTyping, type Draft, type DraftOf } from './form-drafts.js';
import { useAppData } from './use-app-data.js';

const SAVE_EVERY_MS = 1_000;
const NOTHING: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;

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
   * the draft is neither shown, saved over nor removed until {@link retry} confirms her (it stays in the tab). What
   * she types meanwhile is kept: see {@link useFormDraft}.
   */
  unconfirmed: boolean;
  /** 重试 was pressed and /me not answered yet (正在确认…). */
  confirming: boolean;
  /** A 重试 answered, and still no answer of /me (仍无法确认…). */
  retried: boolean;
  /** 重试: asks /me again about the draft found (the form stays as she has it while it is asked). */
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
  /** Submitted with no answer (a timeout) carrying `reference` (its 提交识别码): the draft stays, marked 结果未知. */
  uncertain(reference: string): void;
  /**
   * About to submit carrying `reference`: the draft (and what the page kept aside) is marked 结果未知 with it in the
   * tab's storage before the request goes — a reload, a closed or duplicated tab while it is under way brings the
   * draft back marked, and the page checks before anything is sent again —; the page's note does not say so (she
   * sees 正在提交). {@link done} removes the draft, {@link unsent} the mark.
   */
  sending(reference: string): void;
  /** The submit carrying `reference` was answered with a refusal (nothing started): the mark {@link sending} set goes. */
  unsent(reference: string): void;
  /**
   * The check after 结果未知 found no case with the draft's reference: the mark goes (the draft's and the page's), the
   * reference stays with the draft, for the retry.
   */
  settled(reference: string): void;
  /**
   * What the form holds was submitted and the answer never came (结果未知), though no draft restored says so: this
   * page's typing kept beside another visit's draft, or made this page's draft after it was sent — or the draft
   * given up with 放弃草稿 after it was sent (the page keeps saying so until she leaves it).
   */
  sentUnknown: boolean;
  /**
   * The 提交识别码 of what the page holds marked 结果未知 from before it opened — a draft restored (by itself, or with
   * 恢复), or its typing kept beside another visit's draft —: the page checks it before anything is sent again.
   */
  markedReference: string | undefined;
  /** Submitted (or the task closed): removes the draft, confirmed hers or not, and nothing more is saved of this form. */
  done(): void;
}

/**
 * What the clerk types while her draft is unconfirmed is hers to keep: she sees a form and fills it in, and expects
 * to find it as she left it whatever the server answers. So the form keeps it through every answer of 重试 — still
 * none: the form stays as she has it; hers: the draft comes back with what she typed meanwhile over it
 * (`underTyping`: a field typed both times holds the later entry) — rather than the draft put back over her typing,
 * or her typing kept and the draft dropped: both are hers. A draft this form would restore by itself (a task's, the
 * same page's) is saved so meanwhile — what 重试 would show —, so a reload before the answer loses nothing either. A
 * draft of another visit of the 新办件 form (another applicant, maybe) is not mixed with this one: confirmed, it is
 * offered as usual beside her typing (恢复 puts it under her typing, 放弃 keeps her typing as this page's draft,
 * typing on replaces it); until then her typing is kept beside that draft, by page (`saveTypedAside`: saving it as
 * the form's draft would replace that one unseen): a reload of the page keeps it, held back — as a draft is — until /me
 * confirms her (then shown beside the offered draft; that draft gone meanwhile, restored as this page's draft).
 * `of`, `base`: undefined while the form is not there yet. `restore`: whether a draft of the form is taken as it
 * opens (a task's only while the clerk holds it: its form is read-only else) — read when `base` comes, not after.
 * `page`: the page's history entry (historyEntryId): a draft of another entry is offered, not restored.
 */
export function useFormDraft(username: string, of: DraftOf | undefined, base: Record<string, unknown> | undefined, restore: boolean, page?: string): FormDraft {
  const id = of && JSON.stringify(of);
  const [discards, setDiscards] = useState(0);
  const restoreNow = useRef(restore);
  restoreNow.current = restore;
  // (a draft lives as long as a session may: the server's SESSION_MAX_HOURS, told with the catalogue)
  const maxAgeMs = draftMaxAgeMs(useAppData().catalog.sessionMaxHours);
  // (discards: after 放弃草稿 the storage has none, and the form opens again with base)
  const stored = useMemo(() => (of && base && restoreNow.current ? readDraft(username, of, Date.now(), maxAgeMs) : undefined), [username, id, base, discards, maxAgeMs]);
  // what this page kept of her typing beside another visit's draft (after a reload: until that one is settled), read
  // whenever the form has no draft of this page — that draft may have gone meanwhile (its age, settled in another page)
  const asideRead = useMemo(
    () => (of && base && page && restoreNow.current && stored?.page !== page ? readTypedAside(username, of, page, Date.now(), maxAgeMs) : undefined),
    [username, id, base, page, stored, discards, maxAgeMs],
  );
  // the draft found: the form's; else what this page kept aside, taken as this page's draft (restored once /me
  // confirms her, as one: nothing private before; the first save makes it one)
  const found = useMemo(
    () => stored ?? (asideRead && { data: asideRead.data, savedAt: asideRead.savedAt, page, uncertain: asideRead.uncertain, reference: asideRead.reference }),
    [stored, asideRead, page],
  );
  // (whether the found draft is one this form restores by itself: a task's, or this page's new case)
  const foundHere = found !== undefined && (page === undefined || found.page === page);
  // (beside another visit's draft: what this page kept, shown only once /me confirms her, as that draft is offered)
  const aside = stored && !foundHere ? asideRead : undefined;
  // what she typed into the form while the found draft was unconfirmed (the form's whole data, as onChange gave it)
  const typedMeanwhile = useRef<{ draft: Draft; data: Record<string, unknown> } | undefined>(undefined);
  // ... and, taken as /me answered, the fields of it the form keeps showing (of this form: `id`)
  const [kept, setKept] = useState<{ id: string; typed: Record<string, unknown> } | undefined>(undefined);
  // submitted with no answer (uncertain), in this page or before its reload (the aside kept marked): whatever of it
  // is saved from now on — beside another visit's draft, or as this page's draft — stays marked 结果未知, or a reload
  // would bring the sent application back unmarked, to be submitted twice
  // (the check after 结果未知 found no case with this reference: what was read marked with it is no longer so — a
  // draft marked with another, restored with 恢复 after that check, still is, and is checked in its turn)
  const [settledNow, setSettledNow] = useState<string | undefined>(undefined);
  const settledHere = (of: { reference?: string } | undefined) => settledNow !== undefined && of?.reference === settledNow;
  const sentUnanswered = useRef(false);
  // (the reference what was sent unanswered carried: marks made later carry it too)
  const sentReference = useRef<string | undefined>(undefined);
  if (asideRead?.uncertain && !settledHere(asideRead)) {
    sentUnanswered.current = true;
    sentReference.current ??= asideRead.reference;
  }
  // (a draft found: /me answers first — someone else signed in: the login page comes instead; no answer: the form
  // opens without it, with 重试, and the draft is neither shown nor saved over nor removed)
  const { confirmUser } = useSession();
  const [checked, setChecked] = useState<{ draft: Draft; answer: UserCheck } | undefined>(undefined);
  const [retries, setRetries] = useState(0);
  const [confirming, setConfirming] = useState(false);
  useEffect(() => {
    if (!found || !id) return;
    let live = true;
    void confirmUser().then((answer) => {
      if (!live) return;
      // a save still waiting (typed within SAVE_EVERY_MS of the answer) is made now, as what she typed while
      // unconfirmed (onto a draft this form restores, its age kept; of another visit's: not saved) — once the
      // answer is rendered, the timer would save it as confirmed typing, without the draft, over it
      if (answer === 'hers' || answer === 'unknown') flush();
      else dropPending();
      setConfirming(false);
      // (only hers: the form then opens with the draft under her typing; still no answer keeps the form as it is —
      // a new `data` would rebuild it under her hands, and move her focus)
      if (answer === 'hers') {
        const meanwhile = typedMeanwhile.current?.draft === found ? typedMeanwhile.current.data : undefined;
        const opened = latest.current.base;
        const typed = meanwhile && opened ? typedInto(meanwhile, opened) : {};
        if (Object.keys(typed).length > 0) setKept({ id, typed });
      }
      setChecked({ draft: found, answer });
    });
    return () => {
      live = false;
    };
  }, [found, confirmUser, retries]);
  const waiting = found !== undefined && checked?.draft !== found;
  const hers = found && !waiting && checked?.answer === 'hers' ? found : undefined;
  const unconfirmed = found !== undefined && !waiting && checked?.answer === 'unknown';
  // (the last answer stays until the next one: the form, and what she types into it, stay while /me is asked)
  const retry = useCallback(() => {
    setConfirming(true);
    setRetries((count) => count + 1);
  }, []);
  // (a draft of another visit: offered until she restores it, gives it up, or types over it)
  const [accepted, setAccepted] = useState<Draft | undefined>(undefined);
  const [typedOver, setTypedOver] = useState<Draft | undefined>(undefined);
  const samePage = hers !== undefined && (page === undefined || hers.page === page || accepted === hers);
  const restored = samePage ? hers : undefined;
  // (her typing the form shows: what she typed meanwhile, over what this page kept aside — that once /me confirms her)
  const keptTyped = useMemo(() => {
    const typed = kept && kept.id === id ? kept.typed : undefined;
    const beside = hers && aside ? aside.data : undefined;
    return typed || beside ? { ...beside, ...typed } : NOTHING;
  }, [kept, id, hers, aside]);
  const offered = hers && !samePage && typedOver !== hers ? hers : undefined;
  const data = useMemo(() => {
    if (!base || waiting) return undefined;
    if (restored) return { ...base, ...underTyping(restored.data, keptTyped) };
    return keptTyped === NOTHING ? base : { ...base, ...keptTyped };
  }, [base, restored, waiting, keptTyped]);

  const latest = useRef({ username, of, base, page, offered, found, foundHere, aside, keptTyped, unsure: unconfirmed || waiting, maxAgeMs });
  latest.current = { username, of, base, page, offered, found, foundHere, aside, keptTyped, unsure: unconfirmed || waiting, maxAgeMs };
  const pending = useRef<Record<string, unknown> | undefined>(undefined);
  const timer = useRef<number | undefined>(undefined);
  const closed = useRef(false);

  const dropPending = useCallback(() => {
    window.clearTimeout(timer.current);
    timer.current = undefined;
    pending.current = undefined;
  }, []);

  const flush = useCallback(() => {
    const { username: user, of: form, base: opened, page: entry, unsure, found: draft, foundHere: here, aside: held, maxAgeMs: ages } = latest.current;
    if (pending.current && form && opened && !closed.current) {
      if (!unsure) {
        saveDraft(user, form, pending.current, opened, Date.now(), entry);
        keepMark(sentUnanswered.current, user, form, sentReference.current);
        // (this page's typing is the form's draft now: nothing kept beside another's)
        dropAside(user, form, entry);
      }
      // (a draft not confirmed hers is never saved over — nor removed, a click being a change —: one this form
      // restores gets her typing on top, as 重试 will show it, with the draft's age — typing unconfirmed does not
      // make it live longer —; one of another visit is left alone, her typing kept beside it, for this page)
      else if (draft && here) {
        saveDraft(user, form, { ...opened, ...underTyping(draft.data, typedInto(pending.current, opened)) }, opened, draft.savedAt, draft.page);
        keepMark(sentUnanswered.current, user, form, sentReference.current);
        // (what this page kept aside, taken as its draft, is one now)
        dropAside(user, form, entry);
      }
      // (what the page kept before its reload is held back meanwhile, not in the form: kept under her new typing)
      else if (draft && entry !== undefined) {
        saveTypedAside(user, form, entry, underTyping(held?.data ?? {}, typedInto(pending.current, opened)), { uncertain: sentUnanswered.current, reference: sentReference.current, maxAgeMs: ages });
      }
    }
    dropPending();
  }, [dropPending]);

  const onChange = useCallback(
    (changed: Record<string, unknown>) => {
      if (closed.current) return;
      // (typing into the form while a draft is offered replaces it; form-js's changes that are none do not, nor
      // what she typed before the offer came — /me unanswered —, which the form shows)
      const { offered: over, base: opened, keptTyped: before, unsure, found: draft } = latest.current;
      if (over) {
        if (!opened || !anyTyped(changed, { ...opened, ...before })) return;
        setTypedOver(over);
      }
      if (unsure && draft) typedMeanwhile.current = { draft, data: changed };
      pending.current = changed;
      timer.current ??= window.setTimeout(flush, SAVE_EVERY_MS);
    },
    [flush],
  );

  // (submitted: a draft not confirmed hers is removed too if this form would have restored it — a task's, this
  // page's —, see done; never another visit's, confirmed (offered) or not: another applicant's, maybe)
  const forget = useCallback(
    (submitted: boolean) => {
      dropPending();
      const { username: user, of: form, page: entry, unsure, foundHere: here, offered: over } = latest.current;
      if (form && (submitted ? (!unsure || here) && !over : !unsure)) discardDraft(user, form);
      // (what this page kept beside another visit's draft: sent, or given up with the form's draft)
      if (form) dropAside(user, form, entry);
    },
    [dropPending],
  );

  // 放弃草稿 (a restored draft — with what she typed meanwhile, now part of it —: the form opens again with base);
  // 放弃 of an offered one (another visit's) when she typed into this form before it was offered: her typing
  // stays, and replaces it as this page's draft, as typing over an offered draft does
  const discard = useCallback(() => {
    const { username: user, of: form, base: opened, page: entry, offered: over, keptTyped: before } = latest.current;
    if (over && form && opened && before !== NOTHING) {
      saveDraft(user, form, { ...opened, ...before }, opened, Date.now(), entry);
      keepMark(sentUnanswered.current, user, form, sentReference.current);
      dropAside(user, form, entry);
      setTypedOver(over);
      return;
    }
    forget(false);
    setKept(undefined);
    // (the draft goes, not what is known of the page's 提交受理 with no answer: it may have started a case, and the
    // note keeps saying 结果未知 — check the list first — until she leaves the page, lest she send the same applicant
    // again unwarned; what she types from now on was never sent, so its draft is not marked)
    sentUnanswered.current = false;
    setDiscards((count) => count + 1);
  }, [forget]);

  // confirmed hers with something typed meanwhile into a form that restores the draft: saved as the form now shows
  // it (see the comment of useFormDraft); an offered draft stays offered, her typing on the page
  // (on `checked` only: each answer once; the rest is read from `latest`, and `kept` came in the same render)
  useEffect(() => {
    if (!checked || checked.answer !== 'hers' || keptTyped === NOTHING || closed.current) return;
    const { username: user, of: form, base: opened, found: draft, foundHere: here } = latest.current;
    if (form && opened && draft === checked.draft && here) {
      saveDraft(user, form, { ...opened, ...underTyping(draft.data, keptTyped) }, opened, Date.now(), draft.page);
      keepMark(sentUnanswered.current, user, form, sentReference.current);
    }
  }, [checked]);

  // (restored, the draft is this page's: a reload of it restores it by itself)
  const restoreOffered = useCallback(() => {
    const { username: user, of: form, base: opened, page: entry, offered: draft, keptTyped: before } = latest.current;
    if (!draft || !form || !opened) return;
    // (another visit's draft: its own mark and reference come with it — sent unanswered, it is checked here)
    saveDraft(user, form, { ...opened, ...underTyping(draft.data, before) }, opened, draft.savedAt, entry, draft);
    keepMark(sentUnanswered.current, user, form, sentReference.current);
    dropAside(user, form, entry);
    setAccepted(draft);
  }, []);

  // (marked in the note at once too: the draft the form restored was read before)
  const [sentUnknown, setSentUnknown] = useState(false);
  // (whether anything stored holds what the form sends: marked so)
  const markSent = useCallback((reference: string): boolean => {
    // (a draft not confirmed hers that this form restores holds what she sent now — flush put her typing on it —:
    // marked, or 重试 would restore it unmarked, to be submitted twice; another visit's — unconfirmed, or offered
    // beside her typing — holds nothing of it)
    const { username: user, of: form, page: entry, unsure, foundHere: here, offered: over } = latest.current;
    if (form && (!unsure || here) && !over) {
      markUncertain(user, form, reference);
      // (what this page kept aside and the form restored as its draft, unsaved since: marked where it is)
      if (entry !== undefined) markTypedAsideUncertain(user, form, entry, reference);
      return true;
    }
    // (what this page kept beside another visit's draft was sent: it stays, marked — flush saved what was waiting so —,
    // as the form keeps it; a reload brings it back with 结果未知, and she checks the list before sending it again)
    if (form && entry !== undefined) {
      markTypedAsideUncertain(user, form, entry, reference);
      return true;
    }
    return false;
  }, []);
  const uncertain = useCallback(
    (reference: string) => {
      sentUnanswered.current = true;
      sentReference.current = reference;
      setSettledNow(undefined);
      flush();
      if (markSent(reference)) setSentUnknown(true);
    },
    [flush, markSent],
  );
  const sending = useCallback(
    (reference: string) => {
      flush();
      markSent(reference);
    },
    [flush, markSent],
  );
  const unsent = useCallback((reference: string) => {
    const { username: user, of: form, page: entry } = latest.current;
    if (form) markSettled(user, form, reference, entry);
  }, []);
  // (no case found with the reference: a draft marked 结果未知 — this page's, what it kept aside, read so after a
  // reload — is not so any more; a later save keeps no mark — it would come back marked after a reload)
  const settled = useCallback((reference: string) => {
    flush();
    sentUnanswered.current = false;
    const { username: user, of: form, page: entry } = latest.current;
    if (form) markSettled(user, form, reference, entry);
    setSentUnknown(false);
    setSettledNow(reference);
  }, [flush]);
  const restoredNow = useMemo(() => {
    if (!restored) return restored;
    if (settledHere(restored)) return restored.uncertain ? { ...restored, uncertain: undefined } : restored;
    return sentUnknown && !restored.uncertain ? { ...restored, uncertain: true as const, reference: sentReference.current } : restored;
  }, [restored, sentUnknown, settledNow]);

  // (submitted: the notes go, the form stays as it was sent)
  const [finished, setFinished] = useState(false);
  // (even a draft /me never confirmed: the server took the form, so the draft is spent — left, it would come back
  // until her logout or its age ran out, to be submitted twice)
  const done = useCallback(() => {
    closed.current = true;
    forget(true);
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
    restored: finished ? undefined : restoredNow,
    offered: finished ? undefined : offered,
    unconfirmed: !finished && unconfirmed,
    confirming: confirming && unconfirmed,
    retried: retries > 0,
    retry,
    restore: restoreOffered,
    data,
    onChange,
    flush,
    discard,
    uncertain,
    sending,
    unsent,
    settled,
    sentUnknown: !finished && (sentUnknown || (asideRead?.uncertain === true && !settledHere(asideRead))),
    markedReference: finished ? undefined : restoredNow?.uncertain ? restoredNow.reference : asideRead?.uncertain && !settledHere(asideRead) ? asideRead.reference : undefined,
    done,
  };
}

// helpers

/** What this page kept beside another visit's draft goes: now this page's draft, sent, or given up. */
function dropAside(user: string, form: DraftOf, entry: string | undefined): void {
  if (entry !== undefined) discardTypedAside(user, form, entry);
}

/**
 * Her typing just saved as this page's draft is marked 结果未知 if what the form holds was sent unanswered: saveDraft
 * keeps the mark of the draft it replaces — another visit's, which holds none of what she sent.
 */
function keepMark(sent: boolean, user: string, form: DraftOf, reference: string | undefined): void {
  if (sent) markUncertain(user, form, reference);
}
