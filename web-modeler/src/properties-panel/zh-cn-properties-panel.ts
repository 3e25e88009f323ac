/**
 * Chinese for @bpmn-io/properties-panel's own texts (lists, sections, FEEL fields, the pop-up editor), which the BPMN
 * editor's and the form editor's properties panels both show: one wording for both.
 */
export const ZH_CN_PROPERTIES_PANEL: Readonly<Record<string, string>> = {
  '<none>': '<无>',
  '<empty>': '<空>',
  '<unnamed>': '<未命名>',
  'On': '开',
  'Off': '关',
  'Section contains an error': '本节有错误',
  'Section contains edits': '本节有修改',
  'Toggle section': '展开/收起本节',
  'Create new list item': '添加一项',
  'Delete item': '删除此项',
  'Toggle list item': '展开/收起此项',
  'Open documentation': '打开说明文档',
  'Open pop-up editor': '在弹出窗口中编辑',
  'Opened in editor': '已在编辑器中打开',
  'FEEL expression is mandatory': '必须是 FEEL 表达式',
  // FEEL fields render these two through a translate their callers do not pass: the editors put them in past `translate`
  'Click to set a dynamic value with FEEL expression': '点击改为 FEEL 表达式（动态值）',
  'Click to remove dynamic value with FEEL expression': '点击取消 FEEL 表达式（改为固定值）',
  // CodeMirror's fold markers in the FEEL and JSON editors
  'Fold line': '折叠',
  'Unfold line': '展开',
};
