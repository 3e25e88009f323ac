/**
 * The one place the BPMN editor replaces rendered text, for the titles the properties panel shows past the
 * `translate` service, which no option or provider reaches short of re-implementing the components:
 * - bpmn-js-element-templates (2.37, the newest) writes "Select a template" (on 选择) and "Toggle section" in
 *   its template group's header as literals;
 * - @bpmn-io/properties-panel's FEEL fields translate their own titles with the `translate` prop, which
 *   bpmn-js-properties-panel and the element templates do not pass (its English fallback is used);
 * - CodeMirror's fold markers in the FEEL and JSON editors take their words from its own phrases;
 * - @camunda/linting's problem marker on the canvas has the literal title "Click to show issue".
 * Only these whole texts are replaced, with their ZH_CN_BPMN entries, as the properties panel and the canvas's
 * overlays render them (watchRenderedText, which form-js's own texts go through too); the overlays alone are
 * watched on the canvas, not the diagram's SVG, which changes on every drag.
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
  'Click to show issue',
]);

interface EventBus {
  on(event: string, callback: () => void): void;
}

const translatePast = (text: string) => (PAST_TRANSLATE.has(text) ? chineseTranslate(text) : text);

export class ChineseHardCodedTexts {
  static $inject = ['eventBus', 'config.propertiesPanel', 'canvas'];

  constructor(eventBus: EventBus, config: { parent?: unknown } | undefined, canvas: { getContainer(): HTMLElement }) {
    const stops: (() => void)[] = [];
    eventBus.on('diagram.destroy', () => stops.forEach((stop) => stop()));
    const parent = config?.parent;
    if (parent instanceof HTMLElement) stops.push(watchRenderedText(parent, translatePast));
    // diagram-js creates the overlays' layer with its Overlays module, in place once a diagram is imported
    let overlaysWatched = false;
    eventBus.on('import.done', () => {
      const overlays = canvas.getContainer().querySelector<HTMLElement>('.djs-overlay-container');
      if (overlaysWatched || !overlays) return;
      overlaysWatched = true;
      stops.push(watchRenderedText(overlays, translatePast));
    });
  }
}
