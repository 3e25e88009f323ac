/**
 * A file's history (newest first: git commits or the journal), with the text being edited on top. Tick two
 * versions and compare them, or compare one with the version before it: models as diagrams with the changes
 * marked, forms and decisions as text, both written as their editor writes them (comparable-texts.ts). Every row is
 * a checkbox and buttons, in reading order.
 *
 * Analysts read Chinese: a save shows who saved it, when, and their words; a commit of the software's own (a
 * release, its message a developer's English) shows only that it came with the system and when, its commit,
 * author and message under a closed 「技术详情」 for support staff.
 */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Dialog } from '../../../web-shared/src/layout/dialog.js';
import { formatDateTime } from '../../../web-shared/src/format/dates.js';
import type { FileVersion, ModelerApi } from '../modeler-api.js';
import { t } from '../texts.js';
import { failureOf, type Failure } from '../../../web-shared/src/api/failure.js';
import { ErrorNotice, TechnicalDetail } from '../../../web-shared/src/layout/error-notice.js';

const CURRENT = 'current';

interface Comparison {
  older: { label: string; text: string };
  newer: { label: string; text: string };
}

type DiffComponent = ComponentType<{ older: string; newer: string }>;

export function HistoryPanel({ api, file, currentText, onClose }: { api: ModelerApi; file: string; currentText(): Promise<string>; onClose(): void }) {
  const [versions, setVersions] = useState<FileVersion[] | undefined>(undefined);
  const [picked, setPicked] = useState<string[]>([]);
  const [comparison, setComparison] = useState<Comparison | undefined>(undefined);
  const [Diff, setDiff] = useState<{ component: DiffComponent } | undefined>(undefined);
  const [error, setError] = useState<Failure | string | undefined>(undefined);

  useEffect(() => {
    api.versions(file).then((answer) => setVersions(answer.versions), (failure: Error) => setError(failureOf(failure)));
  }, [api, file]);

  const rows = [{ version: CURRENT, label: t.history.current }, ...(versions ?? []).map((v) => ({ version: v.version, label: labelOf(v) }))];
  const textOf = (version: string) => (version === CURRENT ? currentText() : api.version(file, version).then((answer) => answer.text));
  const rowLabel = (version: string) => rows.find((row) => row.version === version)?.label ?? version;

  const compare = async (a: string, b: string) => {
    setError(undefined);
    try {
      // rows are newest first: the one further down is the older
      const [older, newer] = rows.findIndex((row) => row.version === a) > rows.findIndex((row) => row.version === b) ? [a, b] : [b, a];
      const [olderSaved, newerSaved, component] = await Promise.all([
        textOf(older),
        textOf(newer),
        file.endsWith('.bpmn') ? import('../diff/bpmn-diff.js').then((m) => m.BpmnDiff as DiffComponent) : import('../diff/text-diff.js').then((m) => m.TextDiff as DiffComponent),
      ]);
      // a decision or form as its editor writes it: the line diff then shows what changed, not how it was written
      const [olderText, newerText] = file.endsWith('.bpmn') ? [olderSaved, newerSaved] : await import('../diff/comparable-texts.js').then((m) => m.comparableTexts(file, olderSaved, newerSaved));
      setDiff({ component });
      setComparison({ older: { label: rowLabel(older), text: olderText }, newer: { label: rowLabel(newer), text: newerText } });
    } catch (failure) {
      setError(failureOf(failure));
    }
  };

  const toggle = (version: string) => setPicked((current) => (current.includes(version) ? current.filter((v) => v !== version) : [...current.slice(-1), version]));

  return (
    <aside class="history-panel" aria-labelledby="history-title">
      <div class="panel-header">
        <h2 id="history-title">{t.history.title}</h2>
        <button class="link" onClick={onClose} aria-label="关闭">
          ✕
        </button>
      </div>
      {error && <ErrorNotice class="banner error" failure={error} />}
      {versions && versions.length === 0 && <p class="muted">{t.history.empty}</p>}
      {versions?.some((v) => v.kind === 'release') && <p class="muted small">{t.history.releaseHint}</p>}
      <button class="primary" disabled={picked.length !== 2} onClick={() => void compare(picked[0]!, picked[1]!)}>
        {picked.length === 2 ? t.history.compare : t.history.pickTwo}
      </button>
      <ol class="version-list">
        {rows.map((row, index) => {
          const version = versions?.find((v) => v.version === row.version);
          const previous = rows[index + 1];
          return (
            <li key={row.version} data-version={row.version} data-kind={version?.kind ?? CURRENT}>
              <label>
                <input type="checkbox" checked={picked.includes(row.version)} onChange={() => toggle(row.version)} />
                <span class="version-label">{version ? titleOf(version) : row.label}</span>
                {/* inside the label: the checkbox's name tells one row from another (many releases share a title) */}
                {version && <span class="muted small version-meta">{metaOf(version)}</span>}
              </label>
              {version?.kind === 'release' && <TechnicalDetail technical={t.history.releaseDetail(version.version, version.author, version.message)} />}
              {previous && (
                <button class="link small" onClick={() => void compare(previous.version, row.version)}>
                  {t.history.compareWithPrevious}
                </button>
              )}
            </li>
          );
        })}
      </ol>
      {comparison && Diff && (
        <Dialog title={t.diff.title(comparison.older.label, comparison.newer.label)} onClose={() => setComparison(undefined)} class="full">
          <Diff.component older={comparison.older.text} newer={comparison.newer.text} />
        </Dialog>
      )}
    </aside>
  );
}

// helpers

/** The row's first line: the analyst's own words for a save, what the version is for any other. */
function titleOf(version: FileVersion): string {
  if (version.kind === 'release') return t.history.release;
  if (version.kind === 'original') return t.history.original;
  return version.message;
}

/** The row's second line: who (for a save) and when, with the short version (as 已保存 told it; several releases share a minute). */
function metaOf(version: FileVersion): string {
  const at = formatDateTime(version.at);
  return `${version.kind === 'save' ? t.history.by(version.author, at) : at} · ${version.version.slice(0, 8)}`;
}

/** A version as the comparison's title names it. */
function labelOf(version: FileVersion): string {
  const short = version.version.slice(0, 8);
  return version.kind === 'save' ? `${t.history.by(version.author, formatDateTime(version.at))} · ${short}` : `${titleOf(version)} · ${formatDateTime(version.at)} · ${short}`;
}
