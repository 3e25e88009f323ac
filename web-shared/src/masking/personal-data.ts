/**
 * Masking of personal data in what a user sees but does not need: 公民身份号码 keep the region (first 6) and the
 * last 4 characters, bank accounts the last 4 digits, diagnoses (诊断, 病种名称, 病种类别) nothing. Used by the web
 * apps (lists, read-only views) and by their servers; pure functions, no DOM.
 */
import { isLosslessNumber } from '../api/exact-json.js';

/**
 * Variable names that hold an ID number, a bank account or a diagnosis (idNumber, payeeBankAccount, diagnosis, …).
 * Diagnoses by a wide rule, since a miss shows an illness: any name containing `diagnos` (diagnosis, diagnoses,
 * diagnosisCode, mainDiagnosis) or `diseaseName`, `diseaseCategory`, `diseaseCode` (FC15's 病种名称 and 病种类别 —
 * the latter tells 精神病 and the like apart — are diagnoses as much as FC21's 诊断); case is ignored.
 */
const ID_NUMBER = /idnumber$/i;
const BANK_ACCOUNT = /bankaccount$|accountnumber$/i;
const DIAGNOSIS = /diagnos|disease(name|category|code)/i;

export type PersonalDataKind = 'idNumber' | 'bankAccount' | 'diagnosis';

export function personalDataKind(variableName: string): PersonalDataKind | undefined {
  if (ID_NUMBER.test(variableName)) return 'idNumber';
  if (BANK_ACCOUNT.test(variableName)) return 'bankAccount';
  if (DIAGNOSIS.test(variableName)) return 'diagnosis';
  return undefined;
}

/** A diagnosis keeps nothing: even its first characters say which illness. */
export const MASKED_DIAGNOSIS = '（已遮挡）';

/** `630102199001011234` → `630102********1234`; anything shorter than 11 characters is masked whole. */
export function maskIdNumber(value: string): string {
  const text = value.trim();
  if (text.length < 11) return '*'.repeat(text.length);
  return `${text.slice(0, 6)}${'*'.repeat(text.length - 10)}${text.slice(-4)}`;
}

/** `6222 0212 3456 7890` → `**** 7890` (spaces dropped); fewer than 8 digits are masked whole. */
export function maskBankAccount(value: string): string {
  const digits = value.replace(/\s+/g, '');
  if (digits.length < 8) return '*'.repeat(digits.length);
  return `****${digits.slice(-4)}`;
}

export function maskValue(kind: PersonalDataKind, value: string): string {
  if (kind === 'diagnosis') return value.trim() === '' ? value : MASKED_DIAGNOSIS;
  return kind === 'idNumber' ? maskIdNumber(value) : maskBankAccount(value);
}

/**
 * A copy of `data` with every ID number, bank account and diagnosis masked, in nested objects and lists too (a variable
 * named `idNumber` inside a list of family members is masked as well). A value under a diagnosis name is masked whole
 * whatever its shape (`['精神分裂症']`, `{ code: 'F20', name: '精神分裂症' }`): its inner names say nothing.
 */
export function maskPersonalData<T>(data: T): T {
  return maskIn(data, undefined) as T;
}

/** One variable's value masked by the variable's own name (and the names inside it); for lists of variables. */
export function maskVariableValue(variableName: string, value: unknown): unknown {
  return maskIn(value, variableName);
}

// helpers

function maskIn(value: unknown, name: string | undefined): unknown {
  const kind = name === undefined ? undefined : personalDataKind(name);
  if (kind === 'diagnosis' && value !== null && typeof value === 'object') return isEmpty(value) ? value : MASKED_DIAGNOSIS;
  if (typeof value === 'string') return kind ? maskValue(kind, value) : value;
  if (isLosslessNumber(value)) return kind ? maskValue(kind, String(value)) : value;
  if (typeof value === 'number' && kind) return maskValue(kind, String(value));
  if (Array.isArray(value)) return value.map((item) => maskIn(item, name));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, maskIn(item, key)]));
  }
  return value;
}

function isEmpty(value: object): boolean {
  return Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0;
}
