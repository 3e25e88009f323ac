/**
 * The messages of the jobs the runtime fails: what a manager reads as an incident's 异常 in the monitor. Each says
 * in Chinese what is wrong, in the words of the case (the labels of workers/catalog-labels.json), and what to do:
 * correct the case's 变量 and press 重试, or call the maintainers or the administrator. The technical detail for
 * whoever repairs it (job type, variable path, zod issue code, the error's code and message) follows in
 * 〔技术细节：…〕.
 *
 * An issue names the variable and what was expected (zod-issues-zh.ts), never what was there, so an ID number, a
 * bank account or a diagnosis does not reach the incident. Only a domain error's own message, in the technical
 * detail, may quote what it rejects: a date, a month or an amount (workers/lib/ throws none about the others).
 */
import type { z } from 'zod';
import {
  ConfigFileError,
  DomainError,
  InvalidAmountError,
  InvalidContributionPeriodError,
  InvalidDateError,
  InvalidInputError,
  MissingHolidayDataError,
  NoEffectiveParametersError,
} from '../lib/errors.js';
import { loadCatalogLabels, type CatalogLabels } from './catalog-labels.js';

export type FailureNames = Pick<CatalogLabels, 'jobTypes' | 'variables' | 'fields'>;

const CORRECT_THE_CASE = '请在本案的「变量」中更正后点「重试」';
const RESTART_THEN_RETRY = '重启作业执行器后点「重试」';
/** An error's own message is for the repairer; a long one (a stack of causes) is cut, the incident stays readable. */
const MAX_DETAIL_CHARS = 500;
/**
 * A list of 30,000 empty items has 30,000 issues: the incident names the first few and how many there are. Zeebe
 * cuts an error message at 10,000 characters by default (and the engine refuses a request over 4 MB), so the
 * listed issues and their technical detail are each cut too, and the instruction of what to do always stays.
 */
export const MAX_LISTED_ISSUES = 10;
const MAX_LIST_CHARS = 1_500;

/** Variables that do not fit the worker's input schema (the parse used zodIssueMessageZh). */
export function describeInvalidVariables(type: string, error: z.ZodError, names: FailureNames = catalogNames()): string {
  const problems = listed(error.issues.map((issue) => `${fieldName(issue.path, names, '案件数据')}：${issue.message}`), '；');
  return `${jobName(type, names)}无法办理：案件数据不符合要求——${problems}。${CORRECT_THE_CASE}。${technical(type, `输入变量 ${issueCodes(error)}`)}`;
}

/** Output that breaks the schema workers/catalog.json publishes: a defect of the worker, not of the case. */
export function describeInvalidOutput(type: string, error: z.ZodError, names: FailureNames = catalogNames()): string {
  const problems = listed(error.issues.map((issue) => `${fieldName(issue.path, names, '输出')}：${issue.message}`), '；');
  return (
    `${jobName(type, names)}的计算结果不符合其输出变量定义（workers/catalog.json）——${problems}。` +
    `这是作业执行器的程序缺陷，与案件数据无关：请联系系统维护人员修复后点「重试」。${technical(type, `输出变量 ${issueCodes(error)}`)}`
  );
}

/** The paths of a parse's issues for a log line: the first {@link MAX_LISTED_ISSUES}, then how many in all. */
export function issuePathsForLog(error: z.ZodError): string[] {
  const paths = error.issues.slice(0, MAX_LISTED_ISSUES).map((issue) => cut(issue.path.map(String).join('.') || '(all)', 200));
  return error.issues.length > MAX_LISTED_ISSUES ? [...paths, `… ${error.issues.length} in all`] : paths;
}

/**
 * What the handler threw. A DomainError is bad data of the case or missing configuration (no retry helps: the
 * message says who corrects what); anything else is a technical fault the runtime retries `retriesLeft` times.
 */
export function describeHandlerFailure(type: string, error: unknown, retriesLeft: number, names: FailureNames = catalogNames()): string {
  const job = jobName(type, names);
  const domain = domainFailure(error, names);
  if (domain) return `${job}无法办理：${domain.what}。${domain.todo}。${technical(type, `${(error as DomainError).code}：${detail(error)}`)}`;
  const retrying = retriesLeft > 0 ? `将自动重试（还剩 ${retriesLeft} 次）` : '自动重试已用完';
  return `${job}执行时出现技术故障，${retrying}。仍然失败时请联系系统维护人员排查，排除后点「重试」。${technical(type, detail(error))}`;
}

/** The engine refused the completion or BPMN error (e.g. 413: output over its size limit). */
export function describeRefusedResult(type: string, status: number | undefined, names: FailureNames = catalogNames()): string {
  const why = status === 413 ? '，结果超过引擎的大小上限' : '';
  return (
    `${jobName(type, names)}已执行，但引擎未接收其结果（HTTP ${status ?? '—'}${why}），将自动重试；重试用完仍失败时请联系系统维护人员。` +
    technical(type, `the engine refused the job's result (HTTP ${status ?? '—'})`)
  );
}

// helpers

let loadedNames: FailureNames | undefined;

/** Read once, on the first failure (the file is part of the code, checked by the catalogue test). */
function catalogNames(): FailureNames {
  return (loadedNames ??= loadCatalogLabels());
}

function jobName(type: string, names: FailureNames): string {
  return `「${names.jobTypes[type] ?? type}」`;
}

/** `contributionPeriods.0.from` → 缴费期间第1项的起始年月; a name without a label stays technical. */
function fieldName(path: readonly PropertyKey[], names: FailureNames, whole: string): string {
  if (path.length === 0) return whole;
  const [variable, ...inner] = path;
  let words = labelOf(String(variable), names.variables);
  for (const segment of inner) {
    words += typeof segment === 'number' ? `第${segment + 1}项` : `的${labelOf(String(segment), names.fields, names.variables)}`;
  }
  return words;
}

function labelOf(name: string, ...sources: readonly Readonly<Record<string, string>>[]): string {
  for (const labels of sources) if (Object.hasOwn(labels, name)) return labels[name]!;
  return name;
}

/** `retirementDate（invalid_type）、(全部)（unrecognized_keys: idNumber）`: paths and codes, never values. */
function issueCodes(error: z.ZodError): string {
  return listed(
    error.issues.map((issue) => {
      const keys = issue.code === 'unrecognized_keys' ? `: ${issue.keys.join(', ')}` : '';
      return `${issue.path.map(String).join('.') || '(全部)'}（${issue.code}${keys}）`;
    }),
    '、',
  );
}

/** The first {@link MAX_LISTED_ISSUES} items, at most {@link MAX_LIST_CHARS} of them, then `……等共 N 处`. */
function listed(items: readonly string[], separator: string): string {
  const shown = cut(items.slice(0, MAX_LISTED_ISSUES).join(separator), MAX_LIST_CHARS);
  return items.length > MAX_LISTED_ISSUES ? `${shown}……等共 ${items.length} 处` : shown;
}

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function technical(type: string, text: string): string {
  return `〔技术细节：作业类型 ${type}；${text}〕`;
}

function detail(error: unknown): string {
  return cut(error instanceof Error ? error.message : String(error), MAX_DETAIL_CHARS);
}

const AMOUNT_REASONS: Readonly<Record<InvalidAmountError['reason'], string>> = {
  format: '格式不正确（应为如 1234.56 的元金额）',
  negative: '为负数',
  tooLarge: '超出可以写成大写的范围',
};

function domainFailure(error: unknown, names: FailureNames): { what: string; todo: string } | undefined {
  const admin = (fix: string) => `请系统管理员${fix}，${RESTART_THEN_RETRY}`;
  if (error instanceof InvalidDateError) return { what: '案件数据中有日期不是真实的日期（应为 YYYY-MM-DD）', todo: CORRECT_THE_CASE };
  if (error instanceof InvalidInputError) return { what: `案件数据中「${labelOf(error.field, names.variables, names.fields)}」的取值超出允许的范围`, todo: CORRECT_THE_CASE };
  if (error instanceof InvalidContributionPeriodError) {
    return { what: `缴费期间第${error.index + 1}项有误（起止年月的格式或先后，或缴费类别）`, todo: CORRECT_THE_CASE };
  }
  if (error instanceof InvalidAmountError) return { what: `案件数据中有金额${AMOUNT_REASONS[error.reason]}`, todo: CORRECT_THE_CASE };
  if (error instanceof MissingHolidayDataError) {
    return { what: `没有 ${error.year} 年的节假日安排（现有 ${error.firstYear}–${error.lastYear} 年）`, todo: admin('在 config/holiday-schedules/ 中补充该年的安排') };
  }
  if (error instanceof NoEffectiveParametersError) {
    return { what: `${error.date} 没有生效的「${error.parameterSet}」参数`, todo: admin('在 config/ 的参数文件中补充涵盖该日期的版本') };
  }
  if (error instanceof ConfigFileError) return { what: `配置文件 ${error.file} 有误`, todo: admin('更正该文件') };
  if (error instanceof DomainError) return { what: '案件数据或配置有误，重试不能解决', todo: '请联系系统维护人员查明并更正后点「重试」' };
  return undefined;
}
