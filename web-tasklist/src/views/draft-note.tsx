/**
 * The notes over a form about the clerk's draft (form-drafts.ts): restored (when it was saved, and 放弃草稿), not
 * confirmed hers (重试), or offered (恢复 / 放弃). They come inside {@link DraftStatus}, a live region that is on the
 * page before them, so a screen reader says them as they come (a region added with its text is often not read).
 */
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { formatDateTime } from '../../../web-shared/src/format/dates.js';
import { zh } from '../../../web-shared/src/i18n/zh-cn.js';
import { applicantOf, type Draft } from '../form-drafts.js';
import { t } from '../texts.js';

/** The live region the draft notes go into: always on the page of a form, empty while there is nothing to say. */
export function DraftStatus({ children }: { children?: ComponentChildren }) {
  return (
    <div class="draft-status no-print" role="status" aria-live="polite">
      {children}
    </div>
  );
}

export function DraftNote({ draft, onDiscard }: { draft: Draft; onDiscard(): void }) {
  return (
    <p class="banner notice draft-note">
      {draft.uncertain && `${t.draft.uncertain} `}
      {t.draft.restored(formatDateTime(draft.savedAt).slice(11))}{' '}
      <DiscardDraft label={t.draft.discard} link onDiscard={onDiscard} />
    </p>
  );
}

/**
 * A draft found while the server could not say who is signed in (use-form-draft.ts): not restored, kept, and 重试.
 */
export function DraftUnconfirmed({ onRetry }: { onRetry(): void }) {
  return (
    <p class="banner notice draft-note draft-unconfirmed">
      {t.draft.unconfirmed}{' '}
      <button onClick={onRetry}>{zh.common.retry}</button>
    </p>
  );
}

/**
 * The offer of a draft typed on another visit of the 新办件 form (maybe for another applicant): whose and when, with
 * 恢复 and 放弃; the form stays empty until she picks 恢复.
 */
export function DraftOffer({ draft, onRestore, onDiscard }: { draft: Draft; onRestore(): void; onDiscard(): void }) {
  return (
    <p class="banner notice draft-note draft-offer">
      {draft.uncertain && `${t.draft.uncertain} `}
      {t.draft.offered(applicantOf(draft), formatDateTime(draft.savedAt))}{' '}
      <button onClick={onRestore}>{t.draft.restore}</button> <DiscardDraft label={t.draft.discardOffer} onDiscard={onDiscard} />
    </p>
  );
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
      aria-label={t.draft.confirmDiscard}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        event.stopPropagation();
        keep();
      }}
    >
      {t.draft.confirmDiscard}{' '}
      <button class="danger" onClick={onDiscard}>
        {t.draft.confirmDiscardYes}
      </button>{' '}
      <button ref={cancel} onClick={keep}>
        {zh.common.cancel}
      </button>
    </span>
  );
}
