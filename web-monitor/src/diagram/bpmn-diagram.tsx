/**
 * A BPMN diagram in the bpmn-js NavigatedViewer (read-only; drag to move, Ctrl+wheel to zoom), loaded on first
 * use. Elements get CSS markers (active, incident, completed, taken flows; heatmap colours) and overlays (count
 * badges); `onElement` reports a click on an element.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { failureOf, type Failure } from '../../../web-shared/src/api/failure.js';
import { ErrorNotice } from '../../../web-shared/src/layout/error-notice.js';

export interface DiagramOverlay {
  elementId: string;
  /** Plain text of the badge; `kind` picks its colour. */
  text: string;
  kind: 'active' | 'incident' | 'completed' | 'info' | 'green' | 'amber' | 'red';
  title?: string;
}

export interface DiagramProps {
  xml: string;
  /** element id → CSS classes added to the element (`marker-active`, `heat-red`, …). */
  markers: Record<string, string[]>;
  overlays: DiagramOverlay[];
  label: string;
  onElement?: (elementId: string) => void;
  height?: number;
}

interface Viewer {
  importXML(xml: string): Promise<unknown>;
  get<T>(name: string): T;
  destroy(): void;
}

interface Canvas {
  addMarker(id: string, marker: string): void;
  removeMarker(id: string, marker: string): void;
  zoom(level: 'fit-viewport' | number, center?: 'auto'): void;
}
interface Overlays {
  add(id: string, overlay: { position: { top?: number; right?: number; bottom?: number; left?: number }; html: HTMLElement }): string;
  clear(): void;
}
interface ElementRegistry {
  get(id: string): unknown;
}
interface EventBus {
  on(event: string, callback: (event: { element: { id: string; type: string } }) => void): void;
}

let loading: Promise<typeof import('bpmn-js/lib/NavigatedViewer')> | undefined;
const load = () => (loading ??= import('bpmn-js/lib/NavigatedViewer'));

export function BpmnDiagram({ xml, markers, overlays, label, onElement, height = 420 }: DiagramProps) {
  const box = useRef<HTMLDivElement>(null);
  const viewer = useRef<Viewer | undefined>(undefined);
  const applied = useRef<Record<string, string[]>>({});
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<Failure | string | undefined>(undefined);
  const click = useRef(onElement);
  click.current = onElement;

  useEffect(() => {
    let destroyed = false;
    setReady(false);
    void load()
      .then(async ({ default: NavigatedViewer }) => {
        if (destroyed || !box.current) return;
        const created = new NavigatedViewer({ container: box.current }) as unknown as Viewer;
        viewer.current = created;
        await created.importXML(xml);
        if (destroyed) return;
        created.get<Canvas>('canvas').zoom('fit-viewport', 'auto');
        created.get<EventBus>('eventBus').on('element.click', ({ element }) => click.current?.(element.id));
        applied.current = {};
        setReady(true);
      })
      .catch((failure: Error) => setError(failureOf(failure)));
    return () => {
      destroyed = true;
      viewer.current?.destroy();
      viewer.current = undefined;
    };
  }, [xml]);

  // in the same commit as the page around it: the marks never show the state before what the page shows beside them
  useLayoutEffect(() => {
    const current = viewer.current;
    if (!ready || !current) return;
    const canvas = current.get<Canvas>('canvas');
    const registry = current.get<ElementRegistry>('elementRegistry');
    for (const [id, classes] of Object.entries(applied.current)) for (const marker of classes) if (registry.get(id)) canvas.removeMarker(id, marker);
    for (const [id, classes] of Object.entries(markers)) for (const marker of classes) if (registry.get(id)) canvas.addMarker(id, marker);
    applied.current = markers;
    const layer = current.get<Overlays>('overlays');
    layer.clear();
    for (const overlay of overlays) {
      if (!registry.get(overlay.elementId)) continue;
      const badge = document.createElement('span');
      badge.className = `diagram-badge badge-${overlay.kind}`;
      badge.textContent = overlay.text;
      badge.dataset.element = overlay.elementId;
      if (overlay.title) badge.title = overlay.title;
      layer.add(overlay.elementId, { position: overlay.kind === 'incident' ? { bottom: 12, right: 12 } : { bottom: 12, left: -8 }, html: badge });
    }
  }, [ready, markers, overlays]);

  return (
    <div class="diagram-box">
      {error && <ErrorNotice class="error" failure={error} />}
      <div class="diagram" ref={box} style={{ height: `${height}px` }} role="img" aria-label={label} data-ready={ready ? 'true' : undefined} />
    </div>
  );
}
