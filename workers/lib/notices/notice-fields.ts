/**
 * Zod building blocks for the variables notices print, shared by the generate-* workers so the same field is
 * checked the same way on every notice. Messages name the problem, never the value (ID numbers stay out of
 * incidents and logs).
 */
import { z } from 'zod';
import { validateIdNumber } from '../id-number.js';
import { isIsoDate } from '../iso-date.js';
import { SEXES } from '../sex.js';
import { isYearMonth } from '../year-month.js';

export const personNameField = z.string().trim().min(1, '姓名不能为空').max(50);
/** Printed in full on the notice (it goes to the person), so it must be a valid GB 11643 number. */
export const idNumberField = z.string().refine((value) => validateIdNumber(value).valid, '公民身份号码无效');
export const sexField = z.enum(SEXES);
export const yuanField = z.string().regex(/^(0|[1-9]\d*)(\.\d{1,2})?$/, '需要以元为单位的金额，如 "1234.56"');
export const isoDateField = z.string().refine(isIsoDate, '需要 YYYY-MM-DD');
export const yearMonthField = z.string().refine(isYearMonth, '需要 YYYY-MM');
export const monthsField = z.number().int().min(0);
export const insuranceTypeField = z.enum(['employee', 'resident']);
export const textField = z.string().trim().min(1).max(500);
/** 事项编码 of the national item list: 12 digits, or 10 digits and two letters/digits. */
export const serviceItemCodeField = z.string().regex(/^\d{12}$|^\d{10}[0-9A-Z]{2}$/, '需要12位事项编码');
/** 银行账号: digits, possibly grouped by spaces. */
export const bankAccountField = z.string().regex(/^\d[\d ]{5,40}$/, '需要银行账号（数字）');

/**
 * The application a refusal letter answers (不予受理告知书 and the decision notices): the addressee and the case
 * table's item and date. Each letter adds its own reason field.
 */
export const refusedApplicationFields = {
  /** 申请人: the insured person, or the unit (单位名称) for an employer's item; the notice is addressed to it. */
  applicantName: textField,
  /** The unit applied: 你单位; a person: 你; not given: 你（单位）, the form that fits either. */
  applicantIsUnit: z.boolean().nullish(),
  /** 代办人, when someone applied on the insured person's behalf: named after the addressee, who stays the person. */
  agentName: personNameField.nullish(),
  /** 事项名称, e.g. 单位参保登记. */
  serviceItem: textField,
  serviceItemCode: serviceItemCodeField.optional(),
  /** 申请日期. */
  applicationDate: isoDateField.optional(),
};
