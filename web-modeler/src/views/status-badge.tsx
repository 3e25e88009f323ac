/** A file's lint state: 通过, or 草稿 with its error count (not deployable), plus warnings. */
import type { LintStatus } from '../modeler-api.js';
import { t } from '../texts.js';

export function StatusBadge({ status }: { status: LintStatus }) {
  const { error, warn } = status.counts;
  return (
    <span class={`status-badge ${status.draft ? 'draft' : 'ok'}`}>
      {status.draft ? t.status.draft(error) : t.status.ok}
      {warn > 0 && <span class="muted"> · {t.status.warnings(warn)}</span>}
    </span>
  );
}
