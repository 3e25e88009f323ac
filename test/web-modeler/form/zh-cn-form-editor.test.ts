/**
 * web-modeler/src/form/zh-cn-form-editor.ts: form-js-editor's own English on the canvas, in Chinese; a field's key
 * stays as the analyst wrote it.
 */
import { describe, expect, it } from 'vitest';
import { translateFormEditorText } from '../../../web-modeler/src/form/zh-cn-form-editor.js';

describe('translateFormEditorText', () => {
  it('should put the expression field\'s placeholder in Chinese around the field\'s key', () => {
    expect(translateFormEditorText("Expression for 'idNumberCheckOk'")).toBe('「idNumberCheckOk」的表达式');
    expect(translateFormEditorText('Expression is empty')).toBe('表达式为空');
  });

  it('should leave text it does not know as it is', () => {
    expect(translateFormEditorText('参保人姓名')).toBe('参保人姓名');
  });
});
