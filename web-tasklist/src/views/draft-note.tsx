/**
 * The note over a form about the clerk's draft (form-drafts.ts): restored (when it was saved, and 放弃草稿), not
 * confirmed hers (重试), or offered (恢复 / 放弃). Its text comes in a live region that is on the page before it, so a
 * screen reader says it as it comes (a region added with its text is often not read); the buttons and the 放弃
 * question are beside the region, not in it (role=status is atomic: a change in it says the whole note again).
 */
import type { ComponentChildren } from 'preact';
import { useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { formatDateTime } from '../../../web-shared/src/format/dates.js';
import { zh } from '../../../web-shared/src/i18n/zh-cn.js';
import { applicantOf, type Draft } from '../form-drafts.js';
import type { FormDraft } from '../use-form-draft.js';
import { t } from '../texts.js';

export interface DraftStatusProps {
  draft: FormDraft;
  /** Whether the notes show (a task's: only while the clerk holds it open). */
  shown?: boolean;
  /**
   * Where the focus goes when a note takes the focused button with it (确定放弃, a 重试 that confirmed her): the page's
   * heading of the form (focusable: tabIndex=-1), not the page's body, where Tab would start again at the top.
   */
  focusAfter: string;
}

/** The draft's note of a form: always on the page of a form (its live region empty while there is nothing to say). */
export function DraftStatus({ draft, shown = true, focusAfter }: DraftStatusProps) {
  const note = shown ? noteOf(draft) : undefined;
  // (the button that had the focus in the note: gone from the page with it, the focus goes to `focusAfter` in the
  // render's commit, with no moment on the body, where Enter or Esc would do nothing)
  const focused = useRef<Element | null>(null);
  useLayoutEffect(() => {
    const gone = focused.current;
    if (!gone || gone.isConnected) return;
    focused.current = null;
    const active = document.activeElement;
    if (!active || active === document.body) document.querySelector<HTMLElement>(focusAfter)?.focus();
  });
  return (
    <div
      class={`draft-status no-print${note ? ` banner notice draft-note ${note.class}` : ''}`}
      onFocusIn={(event) => (focused.current = event.target as Element)}
      onFocusOut={(event) => {
        // (gone elsewhere on the page: nothing of the note's to make up for)
        const to = event.relatedTarget as Node | null;
        if (to && !event.currentTarget.contains(to)) focused.current = null;
      }}
    >
      <span class="draft-message" role="status" aria-live="polite">
        {note?.message}
      </span>
      {note?.actions && <> {note.actions}</>}
    </div>
  );
}

interface Note {
  class: string;
  message: string;
  actions: ComponentChildren;
}

function noteOf(draft: FormDraft): Note | undefined {
  // (the draft's own mark, or what this page holds sent unanswered: its typing kept beside another visit's draft)
  const sentUnknown = (of?: Draft) => (of?.uncertain || draft.sentUnknown ? `${t.draft.uncertain} ` : '');
  if (draft.restored) {
    return {
      class: 'draft-restored',
      message: sentUnknown(draft.restored) + t.draft.restored(formatDateTime(draft.restored.savedAt).slice(11)),
      actions: <DiscardDraft key="restored" label={t.draft.discard} link onDiscard={draft.discard} />,
    };
  }
  if (draft.unconfirmed) {
    // (a 重试 changes the region — 正在确认…, then 仍无法确认… if it failed again —, so she hears it was asked; the
    // button is aria-disabled meanwhile, not disabled: the focus stays on it)
    return {
      class: 'draft-unconfirmed',
      message: sentUnknown() + (draft.confirming ? t.draft.confirming : draft.retried ? t.draft.stillUnconfirmed : t.draft.unconfirmed),
      actions: (
        <button key="retry" aria-disabled={draft.confirming} onClick={() => !draft.confirming && draft.retry()}>
          {zh.common.retry}
        </button>
      ),
    };
  }
  if (draft.offered) {
    // (the offer of a draft typed on another visit of the 新办件 form, maybe for another applicant: the form stays
    // empty until she picks 恢复)
    return {
      class: 'draft-offer',
      message: sentUnknown(draft.offered) + t.draft.offered(applicantOf(draft.offered), formatDateTime(draft.offered.savedAt)),
      actions: (
        <span key="offer">
          <button onClick={draft.restore}>{t.draft.restore}</button> <DiscardDraft label={t.draft.discardOffer} onDiscard={draft.discard} />
        </span>
      ),
    };
  }
  // (no draft to speak of: what the form holds, sent unanswered, is this page's own typing)
  if (draft.sentUnknown) return { class: 'draft-uncertain', message: t.draft.uncertain, actions: undefined };
  return undefined;
}

/**
 * 放弃草稿 (or the offer's 放弃), asked first in the note itself: what she typed is gone for good once she confirms,
 * and a slip of the mouse next to the form should not cost her the form. The question takes the focus on 取消 (the
 * safe answer: Enter pressed twice keeps the draft); Esc or 取消 puts the focus back on the button.
 */
function DiscardDraft({ label, link, onDiscard }: { label: string; link?: boolean; onDiscard(): void }) {
  const [asking, setAsking] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const backToButton = useRef(false);
  const question = useId();
  // (in the render's commit: no moment with the focus on the page's body, where Enter or Esc would do nothing)
  useLayoutEffect(() => {
    if (asking) cancel.current?.focus();
    else if (backToButton.current) {
      backToButton.current = false;
      button.current?.focus();
    }
  }, [asking]);
  const keep = () => {
    backToButton.current = true;
    setAsking(false);
  };
  if (!asking) {
    return (
      <button ref={button} class={link ? 'link' : undefined} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <span
      class="draft-discard-confirm"
      role="group"
      aria-labelledby={question}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        event.stopPropagation();
        keep();
      }}
    >
      <span id={question}>{t.draft.confirmDiscard}</span>{' '}
      <button class="danger" onClick={onDiscard}>
        {t.draft.confirmDiscardYes}
      </button>{' '}
      <button ref={cancel} onClick={keep}>
        {zh.common.cancel}
      </button>
    </span>
  );
}
