/**
 * The case's diagram: elements where it waits are marked active (blue), with an incident red, done elements and
 * the sequence flows taken green; badges count the active and incident instances (Camunda 8.8's element
 * statistics of the instance and its sequence flows).
 */
import { useMemo } from 'preact/hooks';
import { BpmnDiagram, type DiagramOverlay } from '../diagram/bpmn-diagram.js';
import { t } from '../texts.js';
import type { InstanceState } from './use-case-repairs.js';

export function InstanceDiagram({ state }: { state: InstanceState }) {
  const markers = useMemo(() => {
    const byElement: Record<string, string[]> = {};
    const add = (id: string, marker: string) => (byElement[id] ??= []).push(marker);
    for (const element of state.statistics) {
      if (element.incidents > 0) add(element.elementId, 'marker-incident');
      else if (element.active > 0) add(element.elementId, 'marker-active');
      else if (element.completed > 0) add(element.elementId, 'marker-completed');
    }
    for (const flow of state.flows) add(flow.elementId, 'marker-flow-taken');
    return byElement;
  }, [state.statistics, state.flows]);
  const overlays = useMemo<DiagramOverlay[]>(
    () =>
      state.statistics.flatMap((element) => [
        ...(element.active > 0 ? [{ elementId: element.elementId, text: String(element.active), kind: 'active' as const, title: t.instance.legendActive }] : []),
        ...(element.incidents > 0 ? [{ elementId: element.elementId, text: String(element.incidents), kind: 'incident' as const, title: t.instance.legendIncident }] : []),
      ]),
    [state.statistics],
  );
  return (
    <>
      <BpmnDiagram xml={state.xml} markers={markers} overlays={overlays} label={t.instance.diagram} />
      <p class="legend">
        <span class="swatch active" /> {t.instance.legendActive} <span class="swatch incident" /> {t.instance.legendIncident}{' '}
        <span class="swatch completed" /> {t.instance.legendCompleted}
      </p>
    </>
  );
}
