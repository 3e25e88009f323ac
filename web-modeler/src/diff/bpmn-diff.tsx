/**
 * Two versions of a model side by side (older left, newer right) with what changed marked on both diagrams
 * (added green, removed red, changed orange, moved only blue) and the list of changes, execution-relevant ones
 * first. Each change is a button: it selects the element on both diagrams and scrolls them to it.
 */
import NavigatedViewer from 'camunda-bpmn-js/lib/camunda-cloud/NavigatedViewer';
import { useEffect, useRef, useState } from 'preact/hooks';
import { TEXT_RENDERER_CONFIG } from '../../../scripts/layout/label-style.js';
import { t } from '../texts.js';
import { modelChanges, type ModelChange } from './bpmn-changes.js';
import { failureOf, type Failure } from '../../../web-shared/src/api/failure.js';
import { ErrorNotice } from '../../../web-shared/src/layout/error-notice.js';

interface Viewer {
  importXML(xml: string): Promise<unknown>;
  getDefinitions(): unknown;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  get(name: string): any;
  destroy(): void;
}

const MARKER: Record<ModelChange['kind'], string> = { added: 'diff-added', removed: 'diff-removed', changed: 'diff-changed', layoutChanged: 'diff-layout-changed' };

export function BpmnDiff({ older, newer }: { older: string; newer: string }) {
  const left = useRef<HTMLDivElement>(null);
  const right = useRef<HTMLDivElement>(null);
  const viewers = useRef<{ older: Viewer; newer: Viewer } | undefined>(undefined);
  const [changes, setChanges] = useState<ModelChange[] | undefined>(undefined);
  const [error, setError] = useState<Failure | string | undefined>(undefined);

  useEffect(() => {
    const olderViewer = new NavigatedViewer({ container: left.current!, textRenderer: TEXT_RENDERER_CONFIG }) as unknown as Viewer;
    const newerViewer = new NavigatedViewer({ container: right.current!, textRenderer: TEXT_RENDERER_CONFIG }) as unknown as Viewer;
    viewers.current = { older: olderViewer, newer: newerViewer };
    let alive = true;
    Promise.all([olderViewer.importXML(older), newerViewer.importXML(newer)])
      .then(() => {
        if (!alive) return;
        const found = modelChanges(olderViewer.getDefinitions(), newerViewer.getDefinitions());
        for (const change of found) {
          const viewer = change.kind === 'removed' ? olderViewer : newerViewer;
          mark(viewer, change.id, MARKER[change.kind]);
          if (change.kind === 'changed') mark(olderViewer, change.id, MARKER.changed);
        }
        for (const viewer of [olderViewer, newerViewer]) viewer.get('canvas').zoom('fit-viewport', 'auto');
        setChanges(found);
      })
      .catch((failure: Error) => alive && setError(failureOf(failure)));
    return () => {
      alive = false;
      olderViewer.destroy();
      newerViewer.destroy();
    };
  }, [older, newer]);

  const focus = (change: ModelChange) => {
    for (const viewer of [viewers.current?.older, viewers.current?.newer]) {
      const element = viewer?.get('elementRegistry').get(change.id);
      if (!viewer || !element) continue;
      viewer.get('canvas').scrollToElement(element);
      viewer.get('canvas').removeMarker(change.id, 'diff-focus');
      viewer.get('canvas').addMarker(change.id, 'diff-focus');
      setTimeout(() => viewer.get('canvas').removeMarker(change.id, 'diff-focus'), 2_000);
    }
  };

  return (
    <div class="bpmn-diff">
      <div class="diff-canvases">
        <figure>
          <figcaption>{t.diff.older}</figcaption>
          <div class="diff-canvas" ref={left} data-side="older" />
        </figure>
        <figure>
          <figcaption>{t.diff.newer}</figcaption>
          <div class="diff-canvas" ref={right} data-side="newer" />
        </figure>
      </div>
      <p class="muted small">{t.diff.legend}</p>
      {error && <ErrorNotice failure={error} />}
      <section class="change-list" aria-labelledby="change-list-title">
        <h3 id="change-list-title">
          {t.diff.changes}
          <span class="muted small">（{t.diff.executionFirst}）</span>
        </h3>
        {changes && changes.length === 0 && <p class="muted">{t.diff.none}</p>}
        <ul>
          {changes?.map((change) => (
            <li key={`${change.kind}-${change.id}`}>
              <button class={`change ${change.kind}`} onClick={() => focus(change)} data-change={change.kind} data-element={change.id}>
                <span class={`change-kind ${change.kind}`}>{t.diff[change.kind]}</span>
                {change.executionRelevant ? <span class="badge execution">{t.diff.execution}</span> : change.kind === 'changed' && <span class="badge">{t.diff.presentation}</span>}
                <span>{change.name || change.id}</span>
                <span class="muted small">
                  {change.type.replace('bpmn:', '')} · {change.id}
                  {change.attributes.length > 0 && ` · ${t.diff.attributes}${change.attributes.join('、')}`}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

function mark(viewer: Viewer, id: string, marker: string): void {
  if (viewer.get('elementRegistry').get(id)) viewer.get('canvas').addMarker(id, marker);
}
