/** The case's materials: what the applicant handed in, what the window received, what is still missing. */
import { t } from '../texts.js';

export function MaterialsChecklist({ values }: { values: Record<string, unknown> }) {
  const lists = [
    // the processes name the intake list differently (FC1–7 materialsSubmitted, FC11–14 materials), a case has one
    { title: t.materials.submitted, items: strings(values.submittedMaterials ?? values.materialsSubmitted ?? values.materials), mark: '✓' },
    { title: t.materials.received, items: strings(values.receivedMaterials), mark: '✓' },
    { title: t.materials.corrected, items: strings(values.correctedMaterials ?? values.supplementedMaterials), mark: '✓' },
    { title: t.materials.missing, items: strings(values.missingMaterials), mark: '✗' },
  ].filter((list) => list.items.length > 0);
  if (lists.length === 0) return <p class="muted">{t.materials.none}</p>;
  return (
    <div class="materials">
      {lists.map((list) => (
        <div key={list.title}>
          <h3>{list.title}</h3>
          <ul>
            {list.items.map((item) => (
              <li key={item}>
                <span aria-hidden="true">{list.mark}</span> {item}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
