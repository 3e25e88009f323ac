import { ZH_CN_PROPERTIES_PANEL } from '../properties-panel/zh-cn-properties-panel.js';

/**
 * form-js-editor 1.23's own texts in Chinese: the palette, the properties panel's groups and fields, the canvas's
 * empty states. The editor has no translation service; form-editor.tsx replaces these texts as they render
 * (watchRenderedText). Texts not listed stay English; form texts the authors wrote are never touched.
 */
export const ZH_CN_FORM_EDITOR: Readonly<Record<string, string>> = {
  ...ZH_CN_PROPERTIES_PANEL,
  'Form': '表单',
  // palette
  'Components': '组件',
  'Search components': '搜索组件',
  'Input': '输入',
  'Selection': '选择',
  'Presentation': '展示',
  'Containers': '容器',
  'Action': '操作',
  'Text field': '文本框',
  'Text area': '多行文本',
  'Number': '数字',
  'Date time': '日期时间',
  'Expression': '表达式',
  'Expression is empty': '表达式为空',
  'File picker': '文件选择',
  'Checkbox': '复选框',
  'Checkbox group': '多选框组',
  'Radio group': '单选框组',
  'Select': '下拉选择',
  'Tag list': '标签列表',
  'Text view': '文本',
  'HTML view': 'HTML',
  'Image view': '图片',
  'Table': '表格',
  'iFrame': '内嵌页面',
  'Spacer': '空白',
  'Separator': '分隔线',
  'Group': '分组',
  'Dynamic list': '动态列表',
  'Button': '按钮',
  'Document preview': '文档预览',
  'Build your form': '在此搭建表单',
  'Drag and drop components here.': '把组件拖到这里。',
  'Drag and drop components here to start designing.': '把左侧组件拖到这里开始设计。',
  'Use the preview window to test your form.': '用预览窗口试填表单。',
  // properties panel: groups
  'General': '常规',
  'Condition': '显示条件',
  'Layout': '布局',
  'Appearance': '外观',
  'Validation': '校验',
  'Custom properties': '自定义属性',
  'Static options': '选项',
  'Options source': '选项来源',
  'Dynamic options': '动态选项',
  'Options expression': '选项表达式',
  'Serialization': '序列化',
  'Constraints': '约束',
  'Headers source': '表头来源',
  'Security attributes': '安全属性',
  // properties panel: fields
  'Field label': '字段标签',
  'Field description': '字段说明',
  'Label': '标签',
  'Key': '键（变量名）',
  'Value': '值',
  'Type': '类型',
  'Text': '文本',
  'Description': '说明',
  'Default value': '默认值',
  'Disabled': '禁用',
  'Read only': '只读',
  'Required': '必填',
  'Hide if': '隐藏条件',
  'Columns': '列宽',
  'Auto': '自动',
  'Minimum': '最小值',
  'Maximum': '最大值',
  'Minimum length': '最小长度',
  'Maximum length': '最大长度',
  'Validation pattern': '校验格式',
  'Custom regular expression': '自定义正则表达式',
  'Custom error message': '自定义错误提示',
  'Email': '电子邮箱',
  'Phone': '电话',
  'Custom': '自定义',
  'Prefix': '前缀',
  'Suffix': '后缀',
  'Decimal digits': '小数位数',
  'Increment': '步长',
  'Searchable': '可搜索',
  'Checked': '已勾选',
  'Not checked': '未勾选',
  'Subtype': '子类型',
  'Date label': '日期标签',
  'Time label': '时间标签',
  'Time format': '时间格式',
  'Time interval': '时间间隔',
  'Disallow past dates': '不允许过去的日期',
  'Content': '内容',
  'Alternative text': '替代文字',
  'Image source': '图片地址',
  'Height': '高度',
  'Data source': '数据来源',
  'Path': '路径',
  'Show outline': '显示边框',
  'Version tag': '版本标签',
  'Supported file formats': '支持的文件格式',
  'Upload multiple files': '允许上传多个文件',
  'Submit': '提交',
  'Reset': '重置',
  'Vertical alignment': '垂直对齐',
  'Top': '顶部',
  'Center': '居中',
  'Bottom': '底部',
  'Binds to a form variable': '绑定表单变量',
  'Output as string': '输出为字符串',
  'Pagination': '分页',
  'Number of rows per page': '每页行数',
  'Allow add/delete items': '允许增删项目',
  'Default number of items': '默认项目数',
  'Disable collapse': '禁止折叠',
  'Number of non-collapsing items': '不折叠的项目数',
  'Compute on': '计算时机',
  'Value changes': '值变化时',
  'Form submission': '提交表单时',
  'Column': '列',
  'Column 1': '第 1 列',
  'Column 2': '第 2 列',
  'Column 3': '第 3 列',
  'Header items': '表头项',
  'List of items': '项目列表',
  'Input values key': '选项值的变量名',
  'Target value': '目标值',
  'Use 24h': '24 小时制',
  'URL': '网址',
  'Document reference': '文档引用',
  'Max height of preview container': '预览区最大高度',
  // properties panel: descriptions under the fields
  'Condition under which the field is deactivated': '满足此条件时禁用该字段',
  'Condition under which the field is hidden': '满足此条件时隐藏该字段',
  'Allows arbitrary precision values': '允许任意精度的数值',
  'Define an expression to calculate the value of this field': '用表达式计算此字段的值',
  'Define an expression to populate the options from.': '用表达式生成选项。',
  'Define which input property to populate the values from': '指定从哪个输入变量取选项',
  'Expression or static value (link/data URI)': '表达式或固定值（链接或 data URI）',
  'Height of the container in pixels.': '容器高度（像素）。',
  'Specify an expression to populate column items': '用表达式生成各列',
  'Specify the source from which to populate the table': '指定表格数据的来源',
  'Where the child variables of this component are pathed to.': '本组件的子变量存放的路径。',
  'Add properties directly to the form schema, useful to configure functionality in custom-built task applications and form renderers.':
    '直接写入表单定义的属性，供定制的任务应用和表单渲染器使用。',
  'Add': '添加',
  'Remove': '删除',
  'Remove form field': '删除字段',
  'Delete': '删除',
  'Create': '新建',
  'Open popup editor': '在弹出窗口中编辑',
  'Close': '关闭',
  'No properties available.': '没有可编辑的属性。',
  'Select a form field to edit its properties.': '选中一个字段以编辑其属性。',
  'Multiple form fields are selected. Select a single form field to edit its properties.': '选中了多个字段，请只选一个以编辑其属性。',
};

/** Texts form-js-editor builds around a component's name: the palette's titles and the remove buttons. */
const AROUND_A_NAME: readonly [RegExp, (name: string) => string][] = [
  [/^Create an? (.+) element$/, (name) => `添加${name}`],
  [/^Remove (.+)$/, (name) => `删除${name}`],
];

/** Texts form-js-editor builds around a field's key, which stays as the analyst wrote it: the expression field's canvas placeholder. */
const AROUND_A_KEY: readonly [RegExp, (key: string) => string][] = [[/^Expression for '(.+)'$/, (key) => `「${key}」的表达式`]];

export function translateFormEditorText(text: string): string {
  const trimmed = text.trim();
  const translated = ZH_CN_FORM_EDITOR[trimmed] ?? aroundAName(trimmed) ?? aroundAKey(trimmed);
  return translated === undefined ? text : text.replace(trimmed, translated);
}

function aroundAName(text: string): string | undefined {
  for (const [pattern, write] of AROUND_A_NAME) {
    const name = pattern.exec(text)?.[1];
    const chinese = name === undefined ? undefined : ZH_CN_FORM_EDITOR[name];
    if (chinese !== undefined) return write(chinese);
  }
  return undefined;
}

function aroundAKey(text: string): string | undefined {
  for (const [pattern, write] of AROUND_A_KEY) {
    const key = pattern.exec(text)?.[1];
    if (key !== undefined) return write(key);
  }
  return undefined;
}
