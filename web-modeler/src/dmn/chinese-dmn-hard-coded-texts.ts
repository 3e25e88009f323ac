/**
 * The few texts dmn-js-decision-table (17) writes as literals rather than through `translate`: the column drag
 * handles' titles (`Move Input`, `Move Output`) and the context menu's aria-label. Only these whole texts are
 * replaced, as they are rendered (watchRenderedText, as for the BPMN editor's properties panel).
 */
import { watchRenderedText } from '../../../web-shared/src/form-js/chinese-rendered-text.js';
import { ZH_CN_DMN } from './zh-cn-dmn.js';

const PAST_TRANSLATE = new Set(['Move Input', 'Move Output', 'Decision table context menu']);

/** Watches the DMN editor's container; returns the function that stops watching. */
export function watchDmnHardCodedTexts(container: HTMLElement): () => void {
  return watchRenderedText(container, (text) => (PAST_TRANSLATE.has(text) ? (ZH_CN_DMN[text] ?? text) : text));
}
