/**
 * The problems of the open file, as `npm run lint` reports them (errors first), each a button: Enter or a click
 * selects the element and opens its property. Reachable with Alt+P; the list is a landmark with a heading. A message
 * read in Chinese keeps the rule's English as its tooltip (what support staff and the CLI's `npm run lint` say).
 * Until the open file shows its first problem the panel is one line (`compact`, class `empty`), so the editor gets
 * the height; from then on it keeps its fixed height for that file, even with none left, so the editor above does
 * not jump each time a problem comes or goes while editing.
 */
import type { Finding } from '../../../scripts/lint/finding.js';
import { lintMessageZh } from '../lint-messages-zh.js';
import { t } from '../texts.js';

const ORDER: Record<string, number> = { error: 0, warn: 1, info: 2 };

export function ProblemsPanel({ findings, compact, onSelect }: { findings: Finding[] | undefined; compact: boolean; onSelect(finding: Finding): void }) {
  const sorted = [...(findings ?? [])].sort((a, b) => (ORDER[a.severity] ?? 3) - (ORDER[b.severity] ?? 3));
  const errors = sorted.filter((finding) => finding.severity === 'error').length;
  return (
    <section id="problems-panel" class={compact && sorted.length === 0 ? 'problems-panel empty' : 'problems-panel'} tabIndex={-1} aria-labelledby="problems-title">
      <h2 id="problems-title">
        {t.editor.problems}
        {findings && <span class={errors > 0 ? 'count error' : 'count'}>{sorted.length}</span>}
      </h2>
      {!findings && <p class="muted">{t.editor.checking}</p>}
      {findings && sorted.length === 0 && <p class="muted">{t.editor.noProblems}</p>}
      {sorted.length > 0 && (
        <ul class="problem-list">
          {sorted.map((finding, index) => (
            <li key={`${finding.elementId}-${finding.rule}-${index}`}>
              <button class={`problem ${finding.severity}`} onClick={() => onSelect(finding)} data-rule={finding.rule} data-element={finding.elementId}>
                <span class="severity">{t.editor.severity[finding.severity] ?? finding.severity}</span>
                <span class="element">{finding.elementId}</span>
                <span class="message" title={lintMessageZh(finding) === finding.message ? undefined : finding.message}>
                  {lintMessageZh(finding)}
                </span>
                <span class="rule muted">
                  {t.editor.ruleHint} {finding.rule}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
