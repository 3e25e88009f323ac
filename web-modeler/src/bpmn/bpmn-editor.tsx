/**
 * The BPMN editor: camunda-bpmn-js's Camunda 8 modeler (properties panel, create/append anything, element
 * templates from workers/catalog.json and config/roles.json) in Chinese, with the project's lint live on the
 * canvas, token simulation, the element list and Play (the sandbox engine).
 */
import Modeler from 'camunda-bpmn-js/lib/camunda-cloud/Modeler';
import TokenSimulationModule from 'bpmn-js-token-simulation';
import modelerModdle from 'modeler-moddle/resources/modeler.json';
import { useEffect, useRef, useState } from 'preact/hooks';
import { TEXT_RENDERER_CONFIG } from '../../../scripts/layout/label-style.js';
import { createCamundaLinters, type CamundaLinters } from '../../../scripts/lint/camunda-linters.js';
import type { Finding } from '../../../scripts/lint/finding.js';
import { parseProjectReferences } from '../../../scripts/lint/project-references.js';
import type { EditorProps } from '../editors/editor-contract.js';
import { importFailure, importWarnings, lintFailure } from '../editors/import-problems.js';
import { xmlCommentCount } from '../editors/xml-comments.js';
import { t } from '../texts.js';
import { ElementList } from './element-list.js';
import { fitBesidePalette } from './fit-beside-palette.js';
import chineseTranslateModule from './features/chinese-translate/index.js';
import projectLintModule from './features/project-lint/index.js';
import { lintReportOf } from './features/project-lint/project-lint.js';
import type { BpmnModelerLike } from './modeler-types.js';
import { PlayPanel } from './play-panel.js';

type EditableModeler = BpmnModelerLike & { destroy(): void; importXML(xml: string): Promise<{ warnings?: unknown[] }> };

let linters: Promise<CamundaLinters> | undefined;
const sharedLinters = () => (linters ??= Promise.resolve().then(createCamundaLinters));

export function BpmnEditor({ file, text, api, client, lintContext, savedFindings, onReady, onChange, onFindings, onError, onNotice }: EditorProps) {
  const canvasRef = useRef<HTMLDivElement>(null);
  /** Whether the file's first lint result has come, and whether it grew the problems pane (fit once more). */
  const linted = useRef(false);
  const refit = useRef(false);
  /** Whether the diagram was fitted beside the palette once it showed. */
  const fitted = useRef(false);
  /**
   * Whether the view was moved or zoomed since the diagram was first fitted, other than by {@link fit}: the analyst's
   * wheel, keys, drag, a finding or element shown. Then the fit once more after the first lint result is left out:
   * it would undo the analyst's zoom.
   */
  const viewMoved = useRef(false);
  const fitting = useRef(false);
  const propertiesRef = useRef<HTMLDivElement>(null);
  const [modeler, setModeler] = useState<BpmnModelerLike | undefined>(undefined);
  const [findings, setFindings] = useState<Finding[] | undefined>(undefined);
  const [side, setSide] = useState<'elements' | 'play' | undefined>('elements');
  const [simulating, setSimulating] = useState(false);

  useEffect(() => {
    let alive = true;
    let instance: EditableModeler | undefined;
    linted.current = false;
    refit.current = false;
    fitted.current = false;
    viewMoved.current = false;
    api
      .elementTemplates()
      .catch(() => [])
      .then(async (templates) => {
        if (!alive) return;
        instance = new Modeler({
          container: canvasRef.current!,
          propertiesPanel: { parent: propertiesRef.current! },
          // labels drawn with the font and sizes `npm run layout` measured them with, so they fit their shapes
          textRenderer: TEXT_RENDERER_CONFIG,
          // so modeler:executionPlatform(Version) survive editing and saving (the lint picks its rules by them)
          moddleExtensions: { modeler: modelerModdle },
          additionalModules: [chineseTranslateModule, projectLintModule, TokenSimulationModule],
          linting: { active: true },
          elementTemplates: templates,
          projectLint: { file, linters: sharedLinters, project: lintContext, references: parseProjectReferences(lintContext.referenceTexts) },
        } as never) as unknown as EditableModeler;
        const current = instance;
        const eventBus = current.get('eventBus');
        eventBus.on('projectLint.changed', (event: { findings: Finding[] | undefined }) => {
          // the file's first findings grow the problems pane under the canvas (editor-page.tsx): fit the diagram again then
          if (event.findings && !linted.current) {
            linted.current = true;
            refit.current = event.findings.length > 0;
          }
          setFindings(event.findings);
          onFindings(event.findings);
        });
        // diagram-js announces every change of the viewbox (zoom, scroll, viewbox) synchronously, before making it
        eventBus.on('canvas.viewbox.changing', () => {
          if (fitted.current && !fitting.current) viewMoved.current = true;
        });
        eventBus.on('projectLint.failed', (event: { error: Error }) => onError(lintFailure(event.error)));
        eventBus.on('commandStack.changed', () => onChange());
        eventBus.on('tokenSimulation.toggleMode', (event: { active: boolean }) => setSimulating(event.active));
        const imported = await current.importXML(text);
        if (!alive) return;
        const warned = importWarnings('bpmn', imported.warnings);
        if (warned) onError(warned);
        // (information, not a failure: nothing is wrong with the file, a save will only leave its comments out)
        const comments = xmlCommentCount(text);
        if (comments > 0) onNotice?.(t.editor.diagramComments(comments));
        setModeler(current);
        onReady({
          getText: async () => (await current.saveXML({ format: true })).xml ?? '',
          undo: () => current.get('commandStack').undo(),
          redo: () => current.get('commandStack').redo(),
          showFinding: (finding) => current.get('linting').showError(lintReportOf(finding)),
        });
      })
      .catch((error: Error) => {
        if (!alive) return;
        onError(importFailure('bpmn', error));
        onFindings(savedFindings);
      });
    return () => {
      alive = false;
      onReady(undefined);
      instance?.destroy();
    };
  }, [file, text]);

  useEffect(() => {
    const keys = (event: KeyboardEvent) => {
      if (event.altKey && event.key.toLowerCase() === 'e') {
        event.preventDefault();
        setSide('elements');
        setTimeout(() => document.getElementById('element-list-filter')?.focus(), 0);
      }
    };
    window.addEventListener('keydown', keys);
    return () => window.removeEventListener('keydown', keys);
  }, []);

  /** Fits the diagram beside the palette; its own viewbox changes are not the analyst's ({@link viewMoved}). */
  const fit = (canvas: Parameters<typeof fitBesidePalette>[0]) => {
    fitting.current = true;
    try {
      fitBesidePalette(canvas);
    } finally {
      fitting.current = false;
    }
  };

  // the side panels change the canvas's size: tell diagram-js, and fit the diagram (beside the palette) once the page has settled
  useEffect(() => {
    if (!modeler) return;
    const canvas = modeler.get('canvas');
    const frame = requestAnimationFrame(() => {
      canvas.resized();
      if (!fitted.current) fit(canvas);
      fitted.current = true;
    });
    return () => cancelAnimationFrame(frame);
  }, [modeler, side]);

  // anything else that changes the canvas's size (the problems pane growing, the window, the toolbar wrapping) is
  // told to diagram-js too, or it keeps drawing for the old size
  useEffect(() => {
    if (!modeler || !canvasRef.current) return;
    const canvas = modeler.get('canvas');
    const observer = new ResizeObserver(() => {
      // asked before resized(): diagram-js then scrolls a selected element back into view, which is not the analyst's
      // move (the fit shows it anyway)
      const moved = viewMoved.current;
      canvas.resized();
      if (refit.current && fitted.current) {
        refit.current = false;
        // not over a zoom or scroll the analyst made while the first lint ran
        if (!moved) fit(canvas);
      }
    });
    observer.observe(canvasRef.current);
    return () => observer.disconnect();
  }, [modeler]);

  const toggleSimulation = () => modeler?.get('editorActions').trigger('toggleTokenSimulation');

  return (
    <div class="bpmn-editor">
      <div class="bpmn-toolbar" role="toolbar" aria-label="流程图工具">
        <button onClick={() => setSide(side === 'elements' ? undefined : 'elements')} aria-pressed={side === 'elements'} title="Alt+E">
          {t.editor.elements}
        </button>
        <button onClick={toggleSimulation} aria-pressed={simulating} disabled={!modeler} title="T">
          {t.editor.simulate}
        </button>
        <button onClick={() => setSide(side === 'play' ? undefined : 'play')} aria-pressed={side === 'play'} disabled={!modeler}>
          {t.editor.play}
        </button>
        {simulating && <span class="notice small">{t.simulation.hint}</span>}
      </div>
      <div class="bpmn-workspace">
        {side === 'elements' && modeler && <ElementList modeler={modeler} findings={findings} />}
        {side === 'play' && modeler && <PlayPanel modeler={modeler} client={client} file={file} lintContext={lintContext} onClose={() => setSide(undefined)} />}
        <div class="bpmn-canvas" ref={canvasRef} aria-label={file} />
        <div class="bpmn-properties" ref={propertiesRef} />
      </div>
    </div>
  );
}
