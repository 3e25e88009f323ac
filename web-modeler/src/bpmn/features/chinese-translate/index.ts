/**
 * Replaces bpmn-js's `translate` service (the palette, context pad, popup menus, the properties panel and the
 * element templates use it), the bpmn-io way: a module passed in `additionalModules`, no library patched.
 */
import { chineseTranslate } from './chinese-translate.js';

export default {
  translate: ['value', chineseTranslate],
};
