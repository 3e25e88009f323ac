/**
 * form-js 1.23's own English, in Chinese. form-js has no translation service (bpmn-io/form-js#77), so its
 * strings are listed here as they appear in `@bpmn-io/form-js-viewer` 1.23 (validator messages, placeholders,
 * button texts, aria labels), exact texts first, then the few built from values. A form-js upgrade must be
 * checked against this list (test/web-shared/form-js/chinese-form-js.test.ts renders every form).
 */
const EXACT: Readonly<Record<string, string>> = {
  // validation (Validator, Datetime, Numberfield)
  'Field is required.': '此项为必填项。',
  'Value is not a number.': '请输入数字。',
  'Min validation value is not a valid number.': '最小值设置不是有效数字。',
  'Max validation value is not a valid number.': '最大值设置不是有效数字。',
  'Field must be a valid email.': '请输入有效的电子邮箱地址。',
  'Field must be a valid  international phone number. (e.g. +4930664040900)': '请输入有效的国际电话号码（例如 +8697112345678）。',
  'Date and time must both be entered.': '日期和时间须同时填写。',
  // select, tag list, dynamic list
  Select: '请选择',
  Search: '搜索',
  'No results': '无匹配项',
  'All values selected': '已全部选择',
  'Remove tag': '移除',
  'Skip to search': '跳到搜索',
  'Add new': '添加一项',
  Collapse: '收起',
  Expand: '展开',
  // number field
  Increment: '增加',
  Decrement: '减少',
  // date and time
  Date: '日期',
  Time: '时间',
  'mm/dd/yyyy': '月/日/年',
  'dd/mm/yyyy': '日/月/年',
  'yyyy/mm/dd': '年/月/日',
  'yyyy-mm-dd': '年-月-日',
  'yyyy.mm.dd': '年.月.日',
  'hh:mm': '时:分',
  'hh:mm --': '时:分 上午/下午',
  // table
  'Nothing to show.': '暂无数据。',
  'Previous page': '上一页',
  'Next page': '下一页',
  'Click to remove sorting': '点击取消排序',
  // files and documents
  Browse: '选择文件',
  'No files selected': '未选择文件',
  'Unable to download document': '无法下载文件',
  'Document reference is not defined.': '未设置文件来源。',
  Download: '下载',
  // empty states
  'No content to show.': '暂无内容。',
  'This is an image placeholder': '图片占位',
};

const PATTERNS: readonly [RegExp, (...groups: string[]) => string][] = [
  [/^Field must have minimum value of (.+)\.$/, (min) => `不能小于 ${min}。`],
  [/^Field must have maximum value of (.+)\.$/, (max) => `不能大于 ${max}。`],
  [/^Field must have minimum length of (.+)\.$/, (n) => `至少填写 ${n} 个字符。`],
  [/^Field must have maximum length of (.+)\.$/, (n) => `最多填写 ${n} 个字符。`],
  [/^Field must match pattern (.+)\.$/, () => '格式不正确。'],
  [/^Value is expected to be an integer\.$/, () => '请输入整数。'],
  [/^Value is expected to have at most (\d+) decimal digits?\.$/, (n) => `最多保留 ${n} 位小数。`],
  [/^Please select a valid value, the two nearest valid values are (.+) and (.+)\.$/, (a, b) => `请输入有效值，最接近的有效值为 ${a} 和 ${b}。`],
  [/^Click to sort by (.+) descending$/, (label) => `点击按「${label}」降序排列`],
  [/^Click to sort by (.+) ascending$/, (label) => `点击按「${label}」升序排列`],
  [/^Download (.+)$/, (name) => `下载 ${name}`],
  [/^Remove list item (\d+)$/, (n) => `删除第 ${n} 项`],
  [/^(\d+) files selected$/, (n) => `已选择 ${n} 个文件`],
];

/** The Chinese for a text form-js wrote, or the text itself when it is not form-js's own English. */
export function translateFormJsText(text: string): string {
  const exact = EXACT[text];
  if (exact !== undefined) return exact;
  const trimmed = text.trim();
  if (trimmed !== text && EXACT[trimmed] !== undefined) return text.replace(trimmed, EXACT[trimmed]!);
  for (const [pattern, render] of PATTERNS) {
    const match = pattern.exec(text);
    if (match) return render(...match.slice(1));
  }
  return text;
}

/** Whether a text is form-js English that this list translates (tests use it to find gaps). */
export function isTranslatedFormJsText(text: string): boolean {
  return translateFormJsText(text) !== text;
}
