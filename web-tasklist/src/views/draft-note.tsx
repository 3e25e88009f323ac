/** The note over a form that opened with the clerk's draft (form-drafts.ts): when it was saved, and 放弃草稿. */
import { formatDateTime } from '../../../web-shared/src/format/dates.js';
import { zh } from '../../../web-shared/src/i18n/zh-cn.js';
import { applicantOf, type Draft } from '../form-drafts.js';
import { t } from '../texts.js';

export function DraftNote({ draft, onDiscard }: { draft: Draft; onDiscard(): void }) {
  return (
    <p class="banner notice draft-note no-print" role="status">
      {draft.uncertain && `${t.draft.uncertain} `}
      {t.draft.restored(formatDateTime(draft.savedAt).slice(11))}{' '}
      <button class="link" onClick={onDiscard}>
        {t.draft.discard}
      </button>
    </p>
  );
}

/**
 * A draft found while the server could not say who is signed in (use-form-draft.ts): not restored, kept, and 重试.
 */
export function DraftUnconfirmed({ onRetry }: { onRetry(): void }) {
  return (
    <p class="banner notice draft-note draft-unconfirmed no-print" role="status">
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
    <p class="banner notice draft-note draft-offer no-print" role="status">
      {draft.uncertain && `${t.draft.uncertain} `}
      {t.draft.offered(applicantOf(draft), formatDateTime(draft.savedAt))}{' '}
      <button onClick={onRestore}>{t.draft.restore}</button>{' '}
      <button onClick={onDiscard}>{t.draft.discardOffer}</button>
    </p>
  );
}
