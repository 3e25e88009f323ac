/**
 * The one place the BPMN editor replaces rendered text, for the titles the properties panel shows past the
 * `translate` service, which no option or provider reaches short of re-implementing the components:
 * - bpmn-js-element-templates (2.37, the newest) writes "Select a template" (on 选择) and "Toggle section" in
 *   its template group's header as literals;
 * - @bpmn-io/properties-panel's FEEL fields translate their own titles with the `translate` prop, which
 *   bpmn-js-properties-panel and the element templates do not pass (its English fallback is used);
 * - CodeMirror's fold markers in the FEEL and JSON editors take their words from its own phrases.
 * Only these whole texts are replaced, with their ZH_CN_BPMN entries, as the properties panel renders them
 * (watchRenderedText, which form-js's own texts go through too).
 */
import { watchRenderedText } from '../../../../../web-shared/src/form-js/chinese-rendered-text.js';
import { chineseTranslate } from './chinese-translate.js';

const PAST_TRANSLATE = new Set([
  'Select a template',
  'Toggle section',
  'Open pop-up editor',
  'FEEL expression is mandatory',
  'Click to set a dynamic value with FEEL expression',
  'Click to remove dynamic value with FEEL expression',
  'Fold line',
  'Unfold line',
]);

interface EventBus {
  on(event: string, callback: () => void): void;
}

export class ChineseHardCodedTexts {
  static $inject = ['eventBus', 'config.propertiesPanel'];

  constructor(eventBus: EventBus, config: { parent?: unknown } | undefined) {
    const parent = config?.parent;
    if (!(parent instanceof HTMLElement)) return;
    const stop = watchRenderedText(parent, (text) => (PAST_TRANSLATE.has(text) ? chineseTranslate(text) : text));
    eventBus.on('diagram.destroy', stop);
  }
}
