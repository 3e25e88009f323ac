/**
 * What the notice of a decision after 受理 says (generate-decision-notice's content): the decision the model's task
 * names picks the notice type (its title and number word) and its sentence; the reason is printed under the
 * decision's own label; the wording shared with the 不予受理告知书 (你 / 你单位, 代办人, remedies, 签收日期); marked
 * provisional while a setting it prints is unconfirmed.
 */
import { describe, expect, it } from 'vitest';
import { DECISION_REASON_MAX_LENGTH, DECISIONS, decisionNoticeSpec } from '../../workers/generate-decision-notice.js';
import { REFUSAL_REASON_MAX_LENGTH } from '../../workers/generate-refusal-notice.js';
import type { DecisionNoticeParameters } from '../../workers/lib/decision-notice-parameters.js';
import { noticeOutputName, noticeTypeOf } from '../../workers/lib/notices/define-notice-worker.js';
import { loadNoticeSettings } from '../../workers/lib/notices/notice-settings.js';
import type { RefusalNoticeParameters } from '../../workers/lib/refusal-notice-parameters.js';
import { loadWorkerParameters } from '../../workers/runtime/worker-parameters.js';

const office = loadNoticeSettings().office;
const parameters = loadWorkerParameters();
const CASE = { caseNumber: '2251799813685249' };
const variables = { decision: '不予办理', applicantName: '马秀兰', applicantIsUnit: false, serviceItem: '灵活就业人员参保登记', decisionReason: '已在其他统筹区参保' };

const contentOf = (input: Record<string, unknown>, overrides: { refusalNotice?: RefusalNoticeParameters; decisionNotice?: DecisionNoticeParameters } = {}) =>
  decisionNoticeSpec.content(decisionNoticeSpec.input.parse(input), office, '2026-03-02', { ...parameters, ...overrides }, CASE);

/** A settings file with every setting confirmed by the office. */
function confirmed<T extends { $comment?: string }>(settings: T): T {
  const { $comment, ...rest } = settings;
  return { $comment, ...Object.fromEntries(Object.entries(rest).map(([name, setting]) => [name, { ...(setting as object), verified: true }])) } as T;
}

describe('generate-decision-notice content', () => {
  it('should issue the notice type of the decision the task names, completing with decisionNotice* whatever the decision', () => {
    for (const [decision, { noticeType }] of Object.entries(DECISIONS)) {
      expect(noticeTypeOf(decisionNoticeSpec, decisionNoticeSpec.input.parse({ ...variables, decision }))).toBe(noticeType);
    }
    expect(noticeOutputName(decisionNoticeSpec)).toBe('decisionNotice');
    expect(() => decisionNoticeSpec.input.parse({ ...variables, decision: '不予受理' })).toThrow();
  });

  it('should state the decision in its sentence with 你 / 你单位 and print the reason under the decision\'s label', () => {
    const notChanged = contentOf({ ...variables, decision: '不予变更', applicantIsUnit: true, decisionReason: '出生日期与户籍证明不一致' });
    expect(notChanged.opening!.join('')).toBe(
      '你单位申请办理“灵活就业人员参保登记”事项。经审查，你单位的申请不符合《社会保险经办条例》和医疗保障经办政务服务事项清单规定的变更条件，决定不予变更，理由如下表。',
    );
    expect(JSON.stringify(notChanged.sections)).toContain('{"label":"不予变更理由","value":"出生日期与户籍证明不一致","wide":true}');
    expect(contentOf({ ...variables, decision: '不予备案' }).opening!.join('')).toContain('经审查，你的申请不符合');
  });

  it('should be addressed to the insured person with the 代办人 after, give the remedies and a line for the date of receipt', () => {
    const content = contentOf({ ...variables, agentName: '李梅' });
    expect(content.addressee).toBe('马秀兰（代办人：李梅）：');
    expect(JSON.stringify(content.sections)).toContain('60日内向西宁市城中区人民政府申请行政复议');
    expect(content.signatures).toEqual(['申请人签收', '签收日期', '经办人']);
  });

  it('should be marked provisional while the remedies or the decision\'s sentence are unconfirmed, and not once both are', () => {
    const refusalNotice = confirmed(parameters.refusalNotice);
    const decisionNotice = confirmed(parameters.decisionNotice);
    expect(contentOf(variables).provisional).toContain('尚待医保部门确认');
    expect(contentOf(variables, { refusalNotice, decisionNotice }).provisional).toBeUndefined();
    expect(contentOf(variables, { refusalNotice }).provisional).toContain('尚待医保部门确认');
    expect(contentOf(variables, { decisionNotice }).provisional).toContain('尚待医保部门确认');
    // another decision's unconfirmed sentence is not printed: it does not mark this notice
    const onlyOtherOpen = { ...decisionNotice, notChanged: parameters.decisionNotice.notChanged };
    expect(contentOf(variables, { refusalNotice, decisionNotice: onlyOtherOpen }).provisional).toBeUndefined();
  });

  it('should refuse a reason longer than the forms allow, the 不予受理理由\'s limit', () => {
    expect(DECISION_REASON_MAX_LENGTH).toBe(REFUSAL_REASON_MAX_LENGTH);
    expect(() => decisionNoticeSpec.input.parse({ ...variables, decisionReason: '理'.repeat(1001) })).toThrow();
    expect(() => decisionNoticeSpec.input.parse({ ...variables, decisionReason: '  ' })).toThrow();
  });
});
