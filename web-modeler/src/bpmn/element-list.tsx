/**
 * Every element of the diagram as a list a keyboard reaches (diagram shapes are not: camunda-modeler#5689):
 * filter by name, id or kind; Enter or a click selects the element on the canvas, scrolls to it and moves the
 * focus to its properties. Lint problems are marked per element.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Finding } from '../../../scripts/lint/finding.js';
import { t } from '../texts.js';
import type { BpmnModelerLike, DiagramElement } from './modeler-types.js';

interface Row {
  id: string;
  name: string;
  type: string;
}

export function ElementList({ modeler, findings }: { modeler: BpmnModelerLike; findings: Finding[] | undefined }) {
  const [rows, setRows] = useState<Row[]>([]);
  const [filter, setFilter] = useState('');

  useEffect(() => {
    const read = () => setRows(elementRows(modeler));
    read();
    const eventBus = modeler.get('eventBus');
    eventBus.on(['import.done', 'elements.changed'], read);
    return () => eventBus.off(['import.done', 'elements.changed'], read);
  }, [modeler]);

  const problems = useMemo(() => {
    const byElement = new Map<string, string>();
    for (const finding of findings ?? []) {
      if (finding.severity === 'error' || (finding.severity === 'warn' && !byElement.has(finding.elementId))) byElement.set(finding.elementId, finding.severity);
    }
    return byElement;
  }, [findings]);

  const needle = filter.trim().toLowerCase();
  const shown = rows.filter((row) => !needle || [row.name, row.id, t.editor.elementTypes[row.type] ?? row.type].some((value) => value.toLowerCase().includes(needle)));

  const select = (id: string) => {
    const element = modeler.get('elementRegistry').get(id);
    if (!element) return;
    modeler.get('selection').select(element);
    modeler.get('canvas').scrollToElement(element);
    // the properties panel shows the element now: move there, so Tab walks its fields
    setTimeout(() => (document.querySelector('.bpmn-properties .bio-properties-panel-header') as HTMLElement | null)?.focus?.(), 0);
  };

  return (
    <nav class="element-list" aria-labelledby="element-list-title">
      <h2 id="element-list-title">{t.editor.elements}</h2>
      <input
        id="element-list-filter"
        type="search"
        placeholder={t.editor.elementListFilter}
        aria-label={t.editor.elementListFilter}
        value={filter}
        onInput={(event) => setFilter((event.currentTarget as HTMLInputElement).value)}
      />
      <ul>
        {shown.map((row) => (
          <li key={row.id}>
            <button class={`element-row ${problems.get(row.id) ?? ''}`} onClick={() => select(row.id)} data-element={row.id}>
              <span class="element-name">{row.name || t.editor.unnamed}</span>
              <span class="muted small">
                {t.editor.elementTypes[row.type] ?? row.type} · {row.id}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}

// helpers

function elementRows(modeler: BpmnModelerLike): Row[] {
  return modeler
    .get('elementRegistry')
    .filter((element: DiagramElement) => element.type !== 'label' && element.type !== 'bpmn:Process' && element.type !== 'bpmn:Collaboration' && !!element.businessObject)
    .filter((element: DiagramElement) => element.type !== 'bpmn:SequenceFlow' || !!element.businessObject.name)
    .map((element: DiagramElement) => ({ id: element.id, name: element.businessObject.name ?? '', type: element.type }))
    .sort((a: Row, b: Row) => order(a.type) - order(b.type));
}

function order(type: string): number {
  if (type === 'bpmn:Participant' || type === 'bpmn:Lane') return 0;
  if (type.endsWith('Event')) return type === 'bpmn:StartEvent' ? 1 : 3;
  if (type.endsWith('Gateway')) return 4;
  if (type === 'bpmn:SequenceFlow') return 5;
  return 2;
}
