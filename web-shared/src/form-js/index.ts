/**
 * form-js in Chinese, as one didi module for the viewer's `additionalModules` (the bpmn-io way: no library code
 * patched): validation messages translated at the validator, the components' own texts as they render, and the
 * documentPreview endpoint builder. Call {@link useChineseDateDefaults} once before the first form renders.
 */
import { ChineseRenderedText } from './chinese-rendered-text.js';
import { ChineseValidation } from './chinese-validation.js';
import { documentEndpointBuilder } from './document-endpoint-builder.js';

export const chineseFormJsModule = {
  __init__: ['chineseValidation', 'chineseRenderedText'],
  chineseValidation: ['type', ChineseValidation],
  chineseRenderedText: ['type', ChineseRenderedText],
  documentEndpointBuilder: ['value', documentEndpointBuilder],
};

export { useChineseDateDefaults } from './chinese-dates.js';
