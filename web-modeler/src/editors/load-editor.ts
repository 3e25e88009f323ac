/** The editors load when first used, each in chunks of its own (bpmn-js, form-js editor, dmn-js are large). */
import type { ComponentType } from 'preact';
import type { EditorProps } from './editor-contract.js';

export type EditorKind = 'bpmn' | 'form' | 'dmn';

export function editorKindOf(file: string): EditorKind | undefined {
  if (file.endsWith('.bpmn')) return 'bpmn';
  if (file.endsWith('.form')) return 'form';
  if (file.endsWith('.dmn')) return 'dmn';
  return undefined;
}

export function loadEditor(kind: EditorKind): Promise<ComponentType<EditorProps>> {
  if (kind === 'bpmn') return import('../bpmn/bpmn-editor.js').then((module) => module.BpmnEditor);
  if (kind === 'form') return import('../form/form-editor.js').then((module) => module.FormEditorView);
  return import('../dmn/dmn-editor.js').then((module) => module.DmnEditor);
}
