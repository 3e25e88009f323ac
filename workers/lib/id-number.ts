/**
 * 公民身份号码 (GB 11643-1999): format, birth date, check character and sex, for intake forms (docs/domain/identifiers.md).
 * An invalid number is an expected outcome of a form, so it is returned as `{ valid: false, reason }`, not thrown.
 * The same algorithm covers 港澳台居民居住证 numbers (区划 81/82/83); validate only when 证件类型 is one of these.
 */
import { InvalidInputError } from './errors.js';
import { isIsoDate, officeDateOf, type IsoDate } from './iso-date.js';
import type { Sex } from './sex.js';

export type IdNumberValidation =
  | {
      readonly valid: true;
      /** Normalised: trimmed, check character `X` upper-case. */
      readonly idNumber: string;
      /** 行政区划码 at issue (GB/T 2260), e.g. 630103 城中区. */
      readonly regionCode: string;
      readonly birthDate: IsoDate;
      /** From the 顺序码's last digit (17th character): odd = male, even = female. */
      readonly sex: Sex;
    }
  | { readonly valid: false; readonly reason: 'format' | 'birthDate' | 'checksum' };

export interface IdNumberOptions {
  /** "Today" in Asia/Shanghai for the not-in-the-future check; defaults to now. */
  readonly today?: IsoDate;
}

export function validateIdNumber(input: string, options: IdNumberOptions = {}): IdNumberValidation {
  const idNumber = input.trim().toUpperCase();
  if (!ID_NUMBER.test(idNumber)) return { valid: false, reason: 'format' };

  const birthDate = birthDateOf(idNumber);
  const today = options.today ?? officeDateOf(new Date());
  if (!isIsoDate(birthDate) || birthDate > today) return { valid: false, reason: 'birthDate' };

  if (idNumberCheckCharacter(idNumber.slice(0, 17)) !== idNumber[17]) return { valid: false, reason: 'checksum' };

  return {
    valid: true,
    idNumber,
    regionCode: idNumber.slice(0, 6),
    birthDate,
    sex: Number(idNumber[16]) % 2 === 1 ? 'male' : 'female',
  };
}

/** The 18th character for the first 17 digits: `"10X98765432"[Σ dᵢ·Wᵢ mod 11]`. */
export function idNumberCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new InvalidInputError('first17', 'expected 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARACTERS[sum % 11] ?? '';
}

/**
 * Converts a legacy 15-digit number (`AAAAAA YYMMDD SSS`, issued before 1999, no check character): the year gets
 * "19" and a check character is appended.
 */
export function convertLegacyIdNumber(legacy: string): string {
  const digits = legacy.trim();
  if (!/^[1-9]\d{14}$/.test(digits)) throw new InvalidInputError('legacy', 'expected a 15-digit ID number');
  const first17 = `${digits.slice(0, 6)}19${digits.slice(6)}`;
  if (!isIsoDate(birthDateOf(first17))) throw new InvalidInputError('legacy', 'birth date is not a real date');
  return first17 + idNumberCheckCharacter(first17);
}

/**
 * For logs and screens that must not show a full ID (个人信息保护法): keeps the region code and the last four
 * characters, hides the birth date and sequence (630103********123X). Anything not 18 characters long keeps at
 * most its last four characters, so a malformed value still cannot leak.
 */
export function maskIdNumber(idNumber: string): string {
  const value = idNumber.trim();
  if (value.length === 18) return `${value.slice(0, 6)}${'*'.repeat(8)}${value.slice(14)}`;
  if (value.length <= 4) return '*'.repeat(value.length);
  return '*'.repeat(value.length - 4) + value.slice(-4);
}

// helpers

/** 2^(17−i) mod 11 for i = 0..16. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARACTERS = '10X98765432';
const ID_NUMBER = /^[1-9]\d{5}(18|19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{3}[\dX]$/;

/** The birth date digits of the first 17 characters as `YYYY-MM-DD` (not checked). */
function birthDateOf(first17: string): string {
  return `${first17.slice(6, 10)}-${first17.slice(10, 12)}-${first17.slice(12, 14)}`;
}
