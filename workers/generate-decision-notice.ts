/**
 * generate-decision-notice (不予办理, 不予变更, 不予认定, 不予备案 ends): the written notice of a decision made after
 * 受理 that refuses the application — 不予办理告知书, 不予变更告知书, 不予认定告知书 or 不予备案告知书, one worker for
 * the four. The model's task names the decision (`decision`, an input mapping of a constant), which picks the notice
 * type: its title and number word (config/notices.json, each numbered on its own) and the sentence it is stated in
 * (config/decision-notice.json). The rest is the 不予受理告知书's (workers/lib/notices/refusal-wording.ts): the
 * applicant with the 代办人, the case number, the item, the reason the deciding step recorded, the remedies
 * (config/refusal-notice.json), signed for with the date of receipt. While a setting either file holds is
 * unconfirmed the notice says so under its title.
 */
import { z } from 'zod';
import { REFUSAL_REASON_MAX_LENGTH } from './generate-refusal-notice.js';
import type { DecisionNoticeParameters } from './lib/decision-notice-parameters.js';
import { defineNoticeWorker, type NoticeWorkerSpec } from './lib/notices/define-notice-worker.js';
import { refusedApplicationFields } from './lib/notices/notice-fields.js';
import type { NoticeType } from './lib/notices/notice-settings.js';
import { appliedSentence, caseFields, closingLine, provisionalLine, refusalAddressee, remediesSection, REFUSAL_SIGNATURES, you } from './lib/notices/refusal-wording.js';
import { unverifiedParameterPaths } from './lib/versioned-parameters.js';
import { taskConstant } from './runtime/task-constant.js';
import { defaultNoticeServices } from './runtime/worker-services.js';

/** Each decision: its notice type and its sentence in config/decision-notice.json. */
export const DECISIONS = {
  不予办理: { noticeType: 'notHandledNotice', sentence: 'notHandled' },
  不予变更: { noticeType: 'notChangedNotice', sentence: 'notChanged' },
  不予认定: { noticeType: 'notRecognisedNotice', sentence: 'notRecognised' },
  不予备案: { noticeType: 'notRegisteredNotice', sentence: 'notRegistered' },
} as const satisfies Record<string, { noticeType: NoticeType; sentence: Exclude<keyof DecisionNoticeParameters, '$comment'> }>;

export type Decision = keyof typeof DECISIONS;

/**
 * The longest reason the notice prints: the deciding forms' reason fields (不予办理理由 …) have the same maxLength as
 * the 不予受理理由 (a test holds them equal), so a reason the form accepts never fails the job.
 */
export const DECISION_REASON_MAX_LENGTH = REFUSAL_REASON_MAX_LENGTH;

const input = z.object({
  /**
   * The decision the end event states; the task maps it as a constant (`="不予办理"`), which the element template
   * offers as a dropdown of these values.
   */
  decision: taskConstant(z.enum(Object.keys(DECISIONS) as [Decision, ...Decision[]])),
  ...refusedApplicationFields,
  /**
   * The reason: the deciding form's own field for this decision (不予办理理由 …), shown and required only when the
   * clerk chooses it, so never left from an earlier 退回补正 or another step's remark.
   */
  decisionReason: z.string().trim().min(1).max(DECISION_REASON_MAX_LENGTH),
});

export const decisionNoticeSpec: NoticeWorkerSpec<typeof input> = {
  type: 'generate-decision-notice',
  noticeType: (v) => DECISIONS[v.decision].noticeType,
  // one pair of variables whatever the decision: a case ends at most once with a refusal
  outputName: 'decisionNotice',
  descriptionZh: '生成不予办理（不予变更、不予认定、不予备案）告知书 PDF（写明件号、理由及行政复议、行政诉讼的途径和期限），编号并存入文档服务',
  descriptionEn: 'Generates the numbered notice of a decision after acceptance that refuses the application (not handled, not changed, not recognised or not registered, as the task names it; PDF: case number, reason, the ways and periods to object) and stores it through the Documents API',
  input,
  content(v, office, _issuedOn, { refusalNotice, decisionNotice }, notice) {
    const applicant = you(v.applicantIsUnit);
    const sentence = decisionNotice[DECISIONS[v.decision].sentence];
    const finding = sentence.value.replaceAll('{申请人}', applicant).replaceAll('{依据}', refusalNotice.legalBasis.value);
    // the remedies and legal basis (refusal-notice.json) and this decision's sentence are printed: any unconfirmed
    // marks the notice
    const unconfirmed = unverifiedParameterPaths(refusalNotice).length > 0 || !sentence.verified;
    return {
      provisional: provisionalLine(unconfirmed),
      addressee: refusalAddressee(v.applicantName, v.agentName),
      opening: [`${appliedSentence(applicant, v)}${finding}，理由如下表。`],
      sections: [{ fields: caseFields(notice.caseNumber, v, { label: `${v.decision}理由`, value: v.decisionReason }) }, remediesSection(refusalNotice)],
      closing: [closingLine(office)],
      signatures: REFUSAL_SIGNATURES,
    };
  },
};

export const generateDecisionNoticeWorker = defineNoticeWorker(decisionNoticeSpec, defaultNoticeServices);
