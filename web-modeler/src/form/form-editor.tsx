/**
 * The form editor: form-js editor 1.23 (the one Camunda's modelers embed) for `forms/*.form`, a live preview in
 * the form-js viewer with the task list's Chinese module (what a clerk will see), and the same lint as
 * `npm run lint` on every change (form-linting, the FEEL check, form ids across the project).
 * The palette, the properties and the preview each fold away from the toolbar, so the office's 1366-pixel screens
 * keep a canvas to work on; the preview starts folded below WIDE_SCREEN.
 */
import { FormEditor } from '@bpmn-io/form-js-editor';
import { useEffect, useRef, useState } from 'preact/hooks';
import { createCamundaLinters, type CamundaLinters } from '../../../scripts/lint/camunda-linters.js';
import { lintFileInContext } from '../../../scripts/lint/lint-in-context.js';
import { parseProjectReferences } from '../../../scripts/lint/project-references.js';
import { watchRenderedText } from '../../../web-shared/src/form-js/chinese-rendered-text.js';
import { FormView } from '../../../web-shared/src/form-js/form-view.js';
import type { EditorProps } from '../editors/editor-contract.js';
import { importFailure, importWarnings, lintFailure } from '../editors/import-problems.js';
import { t } from '../texts.js';
import { translateFormEditorText } from './zh-cn-form-editor.js';

let linters: Promise<CamundaLinters> | undefined;
const sharedLinters = () => (linters ??= Promise.resolve().then(createCamundaLinters));

/** From this window width the preview fits beside palette, canvas and properties. */
const WIDE_SCREEN = 1600;

interface FormEditorInstance {
  importSchema(schema: object): Promise<{ warnings?: unknown[] }>;
  saveSchema(): object;
  on(event: string, callback: () => void): void;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  get(name: string): any;
  destroy(): void;
}

export function FormEditorView({ file, text, lintContext, savedFindings, onReady, onChange, onFindings, onError }: EditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const propertiesHost = useRef<HTMLDivElement>(null);
  const paletteHost = useRef<HTMLDivElement>(null);
  const [preview, setPreview] = useState<object | undefined>(undefined);
  const [shown, setShown] = useState({ palette: true, properties: true, preview: window.innerWidth >= WIDE_SCREEN });
  const toggle = (panel: keyof typeof shown) => setShown((current) => ({ ...current, [panel]: !current[panel] }));

  useEffect(() => {
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const references = parseProjectReferences(lintContext.referenceTexts);
    const editor = new FormEditor({
      container: host.current!,
      propertiesPanel: { parent: propertiesHost.current! },
      palette: { parent: paletteHost.current! },
      exporter: { name: 'xining-modeler (form-js-editor)', version: '1.23.0' },
    }) as unknown as FormEditorInstance;
    const stopTranslating = [host.current!, propertiesHost.current!, paletteHost.current!].map((container) => watchRenderedText(container, translateFormEditorText));

    const lint = async () => {
      onFindings(undefined);
      const schema = editor.saveSchema();
      setPreview(schema);
      const { findings } = await lintFileInContext(file, JSON.stringify(schema), await sharedLinters(), lintContext, references);
      if (alive) onFindings(findings);
    };
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void lint().catch((error: Error) => onError(lintFailure(error))), 400);
    };

    // a text that is no JSON fails inside the promise, so it is told like any other import failure
    Promise.resolve()
      .then(() => editor.importSchema(JSON.parse(text) as object))
      .then((imported) => {
        if (!alive) return;
        const warned = importWarnings('form', imported.warnings);
        if (warned) onError(warned);
        editor.on('changed', () => {
          onChange();
          schedule();
        });
        schedule();
        onReady({
          getText: async () => `${JSON.stringify(editor.saveSchema(), null, 2)}\n`,
          undo: () => editor.get('commandStack').undo(),
          redo: () => editor.get('commandStack').redo(),
          showFinding: (finding) => {
            const field = editor.get('formFieldRegistry').get(finding.elementId);
            if (field) editor.get('selection').set(field);
          },
        });
      })
      .catch((error: Error) => {
        if (!alive) return;
        onError(importFailure('form', error));
        onFindings(savedFindings);
      });
    return () => {
      alive = false;
      clearTimeout(timer);
      onReady(undefined);
      stopTranslating.forEach((stop) => stop());
      editor.destroy();
    };
  }, [file, text]);

  const button = (panel: keyof typeof shown, label: string) => (
    <button onClick={() => toggle(panel)} aria-pressed={shown[panel]}>
      {label}
    </button>
  );
  // folded panels stay mounted (hidden): form-js keeps rendering its palette and properties into them
  return (
    <div class="form-editor">
      <div class="form-editor-toolbar" role="toolbar" aria-label={t.formEditor.panels}>
        {button('palette', t.formEditor.palette)}
        {button('properties', t.formEditor.properties)}
        {button('preview', t.formEditor.preview)}
      </div>
      <div class="form-editor-workspace">
        <div class="form-editor-palette" ref={paletteHost} hidden={!shown.palette} />
        <div class="form-editor-canvas" ref={host} />
        <div class="form-editor-properties" ref={propertiesHost} hidden={!shown.properties} />
        {shown.preview && (
          <section class="form-preview" aria-labelledby="form-preview-title">
            <h2 id="form-preview-title">{t.formEditor.preview}</h2>
            {preview && <FormView schema={preview} data={{}} />}
          </section>
        )}
      </div>
    </div>
  );
}
