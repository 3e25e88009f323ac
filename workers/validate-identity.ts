/**
 * validate-identity: checks the 公民身份号码 (GB 11643) and/or 统一社会信用代码 (GB 32100) of an application.
 * An invalid number is a business outcome: BPMN error INVALID_ID_NUMBER / INVALID_CREDIT_CODE, which the
 * model routes to 一次性告知 / 退回. The numbers themselves never go to logs or error messages.
 */
import { z } from 'zod';
import { validateCreditCode } from './lib/credit-code.js';
import { validateIdNumber } from './lib/id-number.js';
import { bpmnError, complete, defineJobWorker } from './runtime/job-worker-definition.js';

const input = z
  .object({ idNumber: z.string().optional(), creditCode: z.string().optional() })
  .refine((v) => v.idNumber !== undefined || v.creditCode !== undefined, { message: '需要公民身份号码或统一社会信用代码（至少一项）', path: ['idNumber'] });

const output = z.object({
  identityValid: z.boolean(),
  birthDate: z.string().optional(),
  sex: z.enum(['male', 'female']).optional(),
});

const REASONS: Record<string, string> = { format: '格式不正确', checksum: '校验码不正确', birthDate: '出生日期无效' };

export const validateIdentity = defineJobWorker({
  type: 'validate-identity',
  descriptionZh: '校验公民身份号码与统一社会信用代码',
  descriptionEn: 'Validates the citizen ID number and/or the unified social credit code',
  input,
  output,
  errors: {
    INVALID_ID_NUMBER: '公民身份号码无效（格式、出生日期或校验码错误）',
    INVALID_CREDIT_CODE: '统一社会信用代码无效（格式或校验码错误）',
  },
  handler({ idNumber, creditCode }) {
    let birthDate: string | undefined;
    let sex: 'male' | 'female' | undefined;
    if (idNumber !== undefined) {
      const result = validateIdNumber(idNumber);
      if (!result.valid) return bpmnError('INVALID_ID_NUMBER', `公民身份号码${REASONS[result.reason] ?? '无效'}`);
      birthDate = result.birthDate;
      sex = result.sex;
    }
    if (creditCode !== undefined) {
      const result = validateCreditCode(creditCode);
      if (!result.valid) return bpmnError('INVALID_CREDIT_CODE', `统一社会信用代码${REASONS[result.reason] ?? '无效'}`);
    }
    return complete(output, { identityValid: true, birthDate, sex });
  },
});
