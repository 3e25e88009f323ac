/**
 * form-js in Chinese, as one didi module for the viewer's `additionalModules` (the bpmn-io way: no library code
 * patched): validation messages translated at the validator, the components' own texts as they render, read-only
 * amounts in yuan (¥ 9,000.00), the other read-only (disabled) copies reachable by Tab, limits computed from other
 * fields checked again when those change, the documentPreview endpoint builder, and FEEL's today() the office's day
 * (in expressions and text templates alike), and a date field left half typed marked wrong, its text kept in a draft. Call
 * {@link useChineseDateDefaults} once before the first form renders.
 */
import { AmountsShown } from './amounts-shown.js';
import { ChineseRenderedText } from './chinese-rendered-text.js';
import { ChineseValidation } from './chinese-validation.js';
import { ComputedLimits } from './computed-limits.js';
import { HalfTypedDateValidation } from './half-typed-date-validation.js';
import { DateTextsShown } from './date-texts-shown.js';
import { documentEndpointBuilder } from './document-endpoint-builder.js';
import { serverNow } from '../api/server-clock.js';
import { OfficeDay } from './office-day.js';
import { OfficeTodayExpressionLanguage } from './office-today.js';
import { OfficeTodayTemplating } from './office-today-templating.js';
import { ReadOnlyCopiesShown } from './read-only-copies-shown.js';

export const chineseFormJsModule = {
  __init__: ['chineseValidation', 'halfTypedDateValidation', 'chineseRenderedText', 'amountsShown', 'readOnlyCopiesShown', 'computedLimits'],
  chineseValidation: ['type', ChineseValidation],
  // (a date field left half typed marked wrong: half-typed-date.ts)
  halfTypedDateValidation: ['type', HalfTypedDateValidation],
  // (the texts kept in date fields, handed on with the data and put back as a form opens: date-texts-shown.ts)
  dateTextsShown: ['type', DateTextsShown],
  chineseRenderedText: ['type', ChineseRenderedText],
  amountsShown: ['type', AmountsShown],
  readOnlyCopiesShown: ['type', ReadOnlyCopiesShown],
  computedLimits: ['type', ComputedLimits],
  documentEndpointBuilder: ['value', documentEndpointBuilder],
  // (form-js's own, with FEEL's today() the office's day by the server's clock: office-today.ts)
  expressionLanguage: ['type', OfficeTodayExpressionLanguage],
  // (form-js's own feelers templating, with today() the same day: office-today-templating.ts)
  templating: ['type', OfficeTodayTemplating],
  officeDay: ['type', OfficeDay],
  // whose clock today() reads: the app's server's (FormView's `now` puts another, the Play sandbox's)
  officeNow: ['value', serverNow],
};

export { useChineseDateDefaults } from './chinese-dates.js';
