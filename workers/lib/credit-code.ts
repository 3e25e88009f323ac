/**
 * 统一社会信用代码 (GB 32100-2015) for employer intake (docs/domain/identifiers.md). A failed check is returned as a value: a
 * few genuinely issued codes fail it, so the process should block with a reviewer override, not hard-reject.
 */
import { InvalidInputError } from './errors.js';

export type CreditCodeValidation =
  | {
      readonly valid: true;
      /** Normalised: trimmed and upper-case. */
      readonly creditCode: string;
      /** Position 1, 登记管理部门代码 (9 = 市场监管, 1 = 机构编制, 5 = 民政, …). */
      readonly registrationAuthorityCode: string;
      /** Position 2, 机构类别代码 within that authority (under 9: 1 企业, 2 个体工商户, 3 农民专业合作社). */
      readonly organisationCategoryCode: string;
      /** Positions 3–8, 登记管理机关行政区划码. */
      readonly regionCode: string;
      /** Positions 9–17, the embedded 组织机构代码 (GB 11714). */
      readonly organisationCode: string;
      /** Whether the embedded 组织机构代码 passes its own GB 11714 check; worth a warning only, not a rejection. */
      readonly organisationCodeCheckValid: boolean;
    }
  | { readonly valid: false; readonly reason: 'format' | 'checksum' };

export function validateCreditCode(input: string): CreditCodeValidation {
  const creditCode = input.trim().toUpperCase();
  if (!CREDIT_CODE.test(creditCode)) return { valid: false, reason: 'format' };
  if (creditCodeCheckCharacter(creditCode.slice(0, 17)) !== creditCode[17]) return { valid: false, reason: 'checksum' };
  const organisationCode = creditCode.slice(8, 17);
  return {
    valid: true,
    creditCode,
    registrationAuthorityCode: creditCode.slice(0, 1),
    organisationCategoryCode: creditCode.slice(1, 2),
    regionCode: creditCode.slice(2, 8),
    organisationCode,
    organisationCodeCheckValid: isValidOrganisationCode(organisationCode),
  };
}

/** The 18th character: `ALPHABET[(31 − Σ v(cᵢ)·3ⁱ mod 31) mod 31]`. */
export function creditCodeCheckCharacter(first17: string): string {
  if (!/^[0-9A-HJ-NPQRTUWXY]{17}$/.test(first17)) {
    throw new InvalidInputError('first17', 'expected 17 characters of the GB 32100 alphabet');
  }
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += ALPHABET.indexOf(first17[i] ?? '') * (WEIGHTS[i] ?? 0);
  return ALPHABET[(31 - (sum % 31)) % 31] ?? '';
}

// helpers

/** 31 characters: digits and capitals without I, O, S, V, Z (too easily misread); the value is the index. */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** 3^i mod 31 for i = 0..16. */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** GB 11714 组织机构代码: weights 3,7,9,10,5,8,4,2 on 8 characters (0–9, A=10 … Z=35); check 11 − S mod 11. */
function isValidOrganisationCode(code: string): boolean {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i += 1) sum += Number.parseInt(code[i] ?? '', 36) * (weights[i] ?? 0);
  const check = 11 - (sum % 11);
  const expected = check === 10 ? 'X' : check === 11 ? '0' : String(check);
  return code[8] === expected;
}
