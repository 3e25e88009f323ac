/**
 * dmn-js in Chinese, the bpmn-io way: a module with the `translate` service every view (diagram, decision table,
 * literal and boxed expression) is given in its own `additionalModules` (dmn-js does not pass `common` modules on).
 */
import { ZH_CN_DMN } from './zh-cn-dmn.js';

function chineseDmnTranslate(template: string, replacements: Record<string, unknown> = {}): string {
  const text = ZH_CN_DMN[template] ?? template;
  // dmn-js writes some placeholders with spaces inside the braces ({ sample })
  return text.replace(/{([^}]+)}/g, (match, key: string) => (key.trim() in replacements ? String(replacements[key.trim()]) : match));
}

export const chineseDmnTranslateModule = { translate: ['value', chineseDmnTranslate] };
