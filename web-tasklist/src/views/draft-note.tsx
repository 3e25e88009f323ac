/** The note over a form that opened with the clerk's draft (form-drafts.ts): when it was saved, and 放弃草稿. */
import { formatDateTime } from '../../../web-shared/src/format/dates.js';
import type { Draft } from '../form-drafts.js';
import { t } from '../texts.js';

export function DraftNote({ draft, onDiscard }: { draft: Draft; onDiscard(): void }) {
  return (
    <p class="banner notice draft-note no-print" role="status">
      {t.draft.restored(formatDateTime(draft.savedAt).slice(11))}{' '}
      <button class="link" onClick={onDiscard}>
        {t.draft.discard}
      </button>
    </p>
  );
}
