/**
 * Amounts a form only shows, as the finance office reads them: ¥ 9,000.00, not 9000. form-js 1.23's number field
 * shows its value as stored — `decimalDigits` only limits what can be typed, and the `¥` prefix adorner is the only
 * formatting it has. So a disabled number field with the `¥` adorner (a form's read-only copy of an amount: labels in
 * （元）, see docs/modeling-conventions.md) renders form-js's own number field with the value in yuan, two decimals
 * and thousands separators. Only the text shown changes: the form's data, and so the FEEL that reads it, keep the
 * stored string, and a disabled field is never submitted. It is shown as a readonly input, which Tab reaches. Any other number field renders as form-js renders it.
 */
import { Numberfield } from '@bpmn-io/form-js-viewer';
import { isReadOnlyCopy } from './read-only-copy.js';

/** As 案件数据 words amounts (web-shared/src/format/variable-value.ts), without the sign the adorner shows: never rounded. */
const YUAN = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 20 });
const yuan = YUAN.format.bind(YUAN) as unknown as (amount: string) => string;

/** A decimal as 案件数据 takes it for an amount: not "0x10", "1e3" or " 12 ", which Number() would read. */
const AMOUNT = /^-?\d+(?:\.\d+)?$/;

/**
 * `"9000"` (or 9000) → `"9,000.00"`, `"-12.5"` → `"-¥12.50"` (as 案件数据 shows a negative: the sign before the ¥,
 * so the field then shows no adorner), `"-0"` → `"0.00"`; undefined for a value that is no plain decimal, shown as form-js shows it.
 */
function formatYuan(value: unknown): { text: string; signed: boolean } | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const amount = String(value);
  if (!AMOUNT.test(amount)) return undefined;
  // the text itself, not the float: Intl formats a decimal string exactly
  if (!amount.startsWith('-') || /^-[0.]+$/.test(amount)) return { text: yuan(amount.replace(/^-/, '')), signed: false };
  return { text: `-¥${yuan(amount.slice(1))}`, signed: true };
}

interface NumberfieldProps {
  field: { disabled?: boolean; appearance?: { prefixAdorner?: string } };
  value: unknown;
  /** form-js's: the field's own `disabled`, unless the whole form is read-only. */
  disabled?: boolean;
}

/** form-js's number field; a disabled amount with its value in yuan, any other disabled number readonly (Tab reaches it). */
function AmountAwareNumberfield(props: NumberfieldProps) {
  const { field, value } = props;
  const shown = field.disabled === true && field.appearance?.prefixAdorner === '¥' ? formatYuan(value) : undefined;
  // a copied count (补缴月数, 产假天数): as read-only-copies-shown.tsx shows the other copies
  if (shown === undefined) {
    if (isReadOnlyCopy(props)) return <Numberfield {...props} disabled={false} readonly />;
    return <Numberfield {...props} />;
  }
  const shownField = shown.signed ? { ...field, appearance: { ...field.appearance, prefixAdorner: undefined } } : field;
  // keyed by the text: form-js's field keeps what it shows in its state and would not take a new formatted value
  // (it is no number to it). Rendered readonly, not disabled: a disabled input is skipped by Tab and screen readers
  // and greyed out, and the clerk must be able to reach and read the amount. The schema keeps `disabled: true`, so
  // form-js still neither validates nor submits it; readonly also stops the arrow keys stepping the value.
  return <Numberfield key={shown.text} {...props} field={shownField} disabled={false} readonly value={shown.text} />;
}
AmountAwareNumberfield.config = Numberfield.config;

/** Puts the amount-aware number field in place of form-js's own (a viewer module's `__init__`). */
export class AmountsShown {
  static $inject = ['formFields'];

  constructor(formFields: { register(type: string, component: unknown): void }) {
    formFields.register('number', AmountAwareNumberfield);
  }
}
