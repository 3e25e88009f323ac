/**
 * Chinese wording of zod's issues for what a manager reads in an incident: passed as the `error` of a parse
 * (zod 4's per-parse error map), so a schema's own message (「需要 YYYY-MM」) still wins and nothing is set
 * process-wide (the engine and the web apps in the same process keep their own messages). The issues met in case
 * data are worded here in plain words; the rest falls back to zod's own zh-CN locale.
 *
 * No wording quotes the value received: an issue about an ID number, a bank account or a diagnosis must not carry
 * it into an incident or a log. Only its type is named (zod reports issues without `input` unless a parse asks
 * for `reportInput`, which nothing here does).
 */
import { z } from 'zod';

const zodZhCn = z.locales.zhCN().localeError;

const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: '文本',
  number: '数字',
  int: '整数',
  bigint: '整数',
  boolean: '是/否',
  array: '列表',
  object: '对象',
  date: '日期',
  null: '空值',
  undefined: '空',
  nan: '非数字',
};

/** The error map: the Chinese message of one issue. */
export const zodIssueMessageZh: z.core.$ZodErrorMap = (issue) => plainWords(issue) ?? zodZhCn(issue);

// helpers

function plainWords(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return '未填写';
      return `应为${typeWord(issue.expected)}，实际为${typeWord(typeOf(issue.input))}`;
    case 'too_small':
      return bound(issue.origin, issue.minimum, issue.inclusive ?? true, 'min');
    case 'too_big':
      return bound(issue.origin, issue.maximum, issue.inclusive ?? true, 'max');
    case 'invalid_value':
      return issue.values.length === 1 ? `应为 ${shown(issue.values[0])}` : `应为以下之一：${issue.values.map(shown).join('、')}`;
    case 'invalid_format':
      return issue.format === 'regex' ? '格式不正确' : undefined;
    case 'not_multiple_of':
      return `应为 ${String(issue.divisor)} 的倍数`;
    case 'unrecognized_keys':
      return `含有未定义的项：${issue.keys.join('、')}`;
    case 'invalid_union':
      return '不符合任何一种允许的格式';
    case 'custom':
      return '不符合要求';
    default:
      return undefined;
  }
}

function bound(origin: string, limit: number | bigint, inclusive: boolean, side: 'min' | 'max'): string | undefined {
  const n = String(limit);
  if (origin === 'number' || origin === 'int' || origin === 'bigint') {
    if (side === 'min') return inclusive ? `不能小于 ${n}` : `应大于 ${n}`;
    return inclusive ? `不能大于 ${n}` : `应小于 ${n}`;
  }
  if (origin === 'string') {
    if (side === 'min') return n === '1' ? '不能为空' : `至少 ${n} 个字符`;
    return `最多 ${n} 个字符`;
  }
  if (origin === 'array' || origin === 'set') {
    if (side === 'min') return n === '1' ? '至少填写 1 项' : `至少 ${n} 项`;
    return `最多 ${n} 项`;
  }
  return undefined;
}

function typeWord(type: string): string {
  return TYPE_WORDS[type] ?? type;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && Number.isNaN(value)) return 'nan';
  return typeof value;
}

/** An allowed value of an enum or literal: a code of the schema, never what the case holds. */
function shown(value: unknown): string {
  return typeof value === 'string' ? value : String(value);
}
