/** Two versions of a form or decision as a line diff (jsdiff): removed lines red, added lines green. */
import { diffLines } from 'diff';
import { t } from '../texts.js';

export function TextDiff({ older, newer }: { older: string; newer: string }) {
  const parts = diffLines(older, newer);
  const changed = parts.some((part) => part.added || part.removed);
  return (
    <section class="text-diff" aria-label={t.diff.textDiff}>
      {!changed && <p class="muted">{t.diff.none}</p>}
      <pre>
        {parts.map((part, index) => (
          <span key={index} class={part.added ? 'line-added' : part.removed ? 'line-removed' : 'line-same'}>
            {part.added || part.removed ? part.value.replace(/^(?=.)/gm, part.added ? '+ ' : '- ') : collapse(part.value)}
          </span>
        ))}
      </pre>
    </section>
  );
}

/** Unchanged runs longer than 6 lines keep their first and last 3 lines. */
function collapse(text: string): string {
  const lines = text.split('\n');
  if (lines.length <= 8) return text.replace(/^(?=.)/gm, '  ');
  return [...lines.slice(0, 3), `  … ${lines.length - 7} 行未变 …`, ...lines.slice(-4)].map((line) => (line.startsWith('  …') || line === '' ? line : `  ${line}`)).join('\n');
}
