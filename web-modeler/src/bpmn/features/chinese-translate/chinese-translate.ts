/** bpmn-js's `translate` service in Chinese: the template's text from ZH_CN_BPMN, then the `{placeholders}` filled. */
import { ZH_CN_BPMN } from './zh-cn-bpmn.js';

export function chineseTranslate(template: string, replacements: Record<string, unknown> = {}): string {
  const text = ZH_CN_BPMN[template] ?? template;
  return text.replace(/{([^}]+)}/g, (match, key: string) => (key in replacements ? String(replacements[key]) : match));
}
