/**
 * A case variable's value as a clerk reads it: date-times in the office's zone (as every date of the apps),
 * amounts in yuan as `¥12,345.60` (the names the labels mark as such, a number or its text), 是/否 for booleans, the forms' option labels for stored codes (`insured` → 参保人本人), lists joined with 、,
 * objects as `标签：值` pairs, documents by file name. Mask personal data before (by the technical name): this
 * only words what it is given. Pure functions, no DOM.
 */
import { isLosslessNumber } from '../api/exact-json.js';
import { formatDateTime, parseDateTime } from './dates.js';
import { isMoney, optionLabel, variableLabel, type VariableLabels } from './variable-labels.js';

export const EMPTY_VALUE = '—';
/** An amount as stored: a form's text (`12345.6`, up to four decimals) or a number. */
const AMOUNT = /^-?\d+(?:\.\d+)?$/;
/**
 * Yuan to the fen at least, every stored decimal kept (an account's interest has four): a text is formatted as the
 * exact decimal it is, never through a floating-point number.
 */
const YUAN = new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'CNY', minimumFractionDigits: 2, maximumFractionDigits: 20 });

export interface ValueContext {
  labels: VariableLabels;
  /** The case's process, whose forms word the labels of nested fields first. */
  processId?: string;
}

export function formatVariableValue(name: string, value: unknown, context: ValueContext): string {
  if (value === null || value === undefined || value === '') return EMPTY_VALUE;
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (isLosslessNumber(value)) return value.toString();
  if ((typeof value === 'number' || typeof value === 'string') && isMoney(context.labels, name) && AMOUNT.test(String(value))) return yuan(String(value));
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return formatText(name, value, context);
  if (Array.isArray(value)) {
    if (value.length === 0) return EMPTY_VALUE;
    const items = value.map((item) => formatVariableValue(name, item, context));
    return items.join(value.some((item) => typeof item === 'object' && item !== null) ? '；' : '、');
  }
  if (typeof value === 'object') {
    if (isDocument(value)) return value.metadata.fileName ?? value.documentId;
    // a part not set (a time limit in working days has no months) says nothing
    const pairs = Object.entries(value)
      .filter(([, item]) => item !== null && item !== undefined)
      .map(([key, item]) => `${variableLabel(context.labels, key, context.processId) ?? fieldLabel(context.labels, key) ?? key}：${formatVariableValue(key, item, context)}`);
    return pairs.length > 0 ? pairs.join('，') : EMPTY_VALUE;
  }
  return String(value);
}

// helpers

function fieldLabel(labels: VariableLabels, key: string): string | undefined {
  return Object.hasOwn(labels.fields, key) ? labels.fields[key] : undefined;
}

// (a decimal text is formatted exactly since ES2023; TypeScript's lib here types the argument as a number only)
const yuan = YUAN.format.bind(YUAN) as unknown as (amount: string) => string;

function formatText(name: string, text: string, context: ValueContext): string {
  // a date-time in any shape FEEL writes (`+08:00[Asia/Shanghai]`, `@Europe/Berlin`, none): the office's time
  const instant = parseDateTime(text);
  if (instant) return formatDateTime(instant.getTime()); // read once: formatDateTime(text) would parse it again
  return optionLabel(context.labels, name, text) ?? text;
}

function isDocument(value: object): value is { documentId: string; metadata: { fileName?: string } } {
  return 'documentId' in value && 'metadata' in value && typeof (value as { metadata: unknown }).metadata === 'object' && (value as { metadata: unknown }).metadata !== null;
}
