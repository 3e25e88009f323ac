/**
 * generate-refusal-notice (不予受理, any model's 不予受理 end): the 《不予受理告知书》 that tells the applicant the
 * office will not accept the application, why, and how to object. No Xining template was found (docs/domain/notices.md);
 * the content is what a written refusal of an administrative application has to state: the applicant, the case
 * number (件号), the service item (name and code) and the date applied, the reason the clerk recorded (or the system's,
 * for a late 生育 application), the legal-basis sentence, and the remedies — 行政复议 within the statutory days to the
 * named body, 行政诉讼 within the statutory months (config/refusal-notice.json) — and the window's phone
 * (config/notices.json). While a setting of config/refusal-notice.json is unconfirmed the notice says so under its
 * title. It is addressed to the applicant (the insured person, with the 代办人 named after, or the unit) and signed
 * for with the date of receipt, from which the periods to object run.
 */
import { z } from 'zod';
import { defineNoticeWorker, type NoticeWorkerSpec } from './lib/notices/define-notice-worker.js';
import { refusedApplicationFields } from './lib/notices/notice-fields.js';
import { appliedSentence, caseFields, closingLine, provisionalLine, refusalAddressee, remediesSection, REFUSAL_SIGNATURES, you } from './lib/notices/refusal-wording.js';
import { unverifiedParameterPaths } from './lib/versioned-parameters.js';
import { defaultNoticeServices } from './runtime/worker-services.js';

/**
 * The longest 不予受理理由 the notice prints: the deciding forms' `refusalReason` field has the same maxLength (a test
 * holds them equal), so a reason the form accepts never fails the job; the PDF wraps it over as many lines as needed.
 */
export const REFUSAL_REASON_MAX_LENGTH = 1000;

const input = z.object({
  ...refusedApplicationFields,
  /**
   * 不予受理的理由: the deciding form's `refusalReason` (不予受理理由), shown and required only when the clerk chooses
   * 不予受理, so never set before the refusal: a reason written for an earlier 退回补正 cannot be printed here.
   */
  refusalReason: z.string().trim().min(1).max(REFUSAL_REASON_MAX_LENGTH),
});

export const refusalNoticeSpec: NoticeWorkerSpec<typeof input> = {
  type: 'generate-refusal-notice',
  noticeType: 'refusalNotice',
  descriptionZh: '生成不予受理告知书 PDF（写明件号、不予受理理由及行政复议、行政诉讼的途径和期限），编号并存入文档服务',
  descriptionEn: 'Generates the numbered notice of refusal to accept an application (PDF: case number, reason, the ways and periods to object) and stores it through the Documents API',
  input,
  content(v, office, _issuedOn, { refusalNotice: parameters }, notice) {
    const applicant = you(v.applicantIsUnit);
    return {
      // a setting the office has not confirmed (config/refusal-notice.json) marks the notice
      provisional: provisionalLine(unverifiedParameterPaths(parameters).length > 0),
      addressee: refusalAddressee(v.applicantName, v.agentName),
      opening: [`${appliedSentence(applicant, v)}经审查，${applicant}的申请不符合${parameters.legalBasis.value}规定的受理条件，决定不予受理，理由如下表。`],
      sections: [{ fields: caseFields(notice.caseNumber, v, { label: '不予受理理由', value: v.refusalReason }) }, remediesSection(parameters)],
      closing: [closingLine(office)],
      signatures: REFUSAL_SIGNATURES,
    };
  },
};

export const generateRefusalNoticeWorker = defineNoticeWorker(refusalNoticeSpec, defaultNoticeServices);
