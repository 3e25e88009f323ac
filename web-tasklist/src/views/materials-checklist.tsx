/**
 * The case's materials (materials-lists.ts): handed in, received, corrected, verified by a reviewer, missing, each a
 * list under its heading, items by their option labels. An intake item the reviewer did not verify carries words
 * (需补正 / 未确认无误, not a colour alone) and ！ (✗ is the missing list's mark), and the intake list says how many
 * there are. Plain blocks, not sections: up to 8 lists would each be a landmark.
 */
import type { VariableLabels } from '../../../web-shared/src/format/variable-labels.js';
import { materialLists } from '../materials-lists.js';
import { t } from '../texts.js';

export function MaterialsChecklist({
  values,
  labels,
  formWrites,
  missingSettled,
}: {
  values: Record<string, unknown>;
  labels: VariableLabels;
  formWrites?: readonly string[];
  /** The return that told the missing materials has been followed by the step's approval (case-data.ts). */
  missingSettled?: boolean;
}) {
  const lists = materialLists(values, labels, { formWrites, missingSettled });
  if (lists.length === 0) return <p class="muted">{t.materials.none}</p>;
  return (
    <div class="materials">
      {lists.map((list) => (
        <div key={list.title} class="materials-list">
          <h3>{list.title}</h3>
          {list.unverifiedCount > 0 && <p class="materials-gap">{t.materials.unverifiedCount(list.unverifiedCount)}</p>}
          <ul>
            {list.items.map((item) => (
              <li key={item.value} class={item.unverified ? 'unverified' : undefined}>
                <span aria-hidden="true">{list.missing ? '✗' : item.unverified ? '！' : '✓'}</span> {item.label}
                {item.unverified && <strong class="tag">{item.sentBack ? t.materials.sentBack : t.materials.unverified}</strong>}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}
