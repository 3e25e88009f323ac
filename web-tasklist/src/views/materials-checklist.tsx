/**
 * The case's materials (materials-lists.ts): handed in, received, corrected, verified by a reviewer, missing, each a
 * list under its heading, items by their option labels. An intake item the reviewer did not verify carries the
 * words 未核验 (not a colour alone), and the intake list says how many there are.
 */
import type { VariableLabels } from '../../../web-shared/src/format/variable-labels.js';
import { materialLists } from '../materials-lists.js';
import { t } from '../texts.js';

export function MaterialsChecklist({ values, labels }: { values: Record<string, unknown>; labels: VariableLabels }) {
  const lists = materialLists(values, labels);
  if (lists.length === 0) return <p class="muted">{t.materials.none}</p>;
  return (
    <div class="materials">
      {lists.map((list) => (
        <section key={list.title} aria-label={list.title}>
          <h3>{list.title}</h3>
          {list.unverifiedCount > 0 && <p class="materials-gap">{t.materials.unverifiedCount(list.unverifiedCount)}</p>}
          <ul>
            {list.items.map((item) => (
              <li key={item.value} class={item.unverified ? 'unverified' : undefined}>
                <span aria-hidden="true">{list.missing || item.unverified ? '✗' : '✓'}</span> {item.label}
                {item.unverified && <strong class="tag">{t.materials.unverified}</strong>}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
