/**
 * What the 不予受理告知书 says (generate-refusal-notice's content): marked provisional while a setting of
 * config/refusal-notice.json is unconfirmed and plain once all are; 你单位 / 你 / 你（单位） as the model says who
 * applied; addressed to the insured person with the 代办人 after; signed for with the date of receipt, from which the
 * periods to object run.
 */
import { describe, expect, it } from 'vitest';
import { refusalNoticeSpec } from '../../workers/generate-refusal-notice.js';
import { loadNoticeSettings } from '../../workers/lib/notices/notice-settings.js';
import type { RefusalNoticeParameters } from '../../workers/lib/refusal-notice-parameters.js';
import { loadWorkerParameters } from '../../workers/runtime/worker-parameters.js';

const office = loadNoticeSettings().office;
const parameters = loadWorkerParameters();
const CASE = { caseNumber: '2251799813685249' };
const variables = { applicantName: '西宁市城中区青稞商贸有限公司', serviceItem: '单位参保登记', refusalReason: '该单位已在本统筹区参保' };

const contentOf = (input: Record<string, unknown>, refusalNotice: RefusalNoticeParameters = parameters.refusalNotice) =>
  refusalNoticeSpec.content(refusalNoticeSpec.input.parse(input), office, '2026-03-02', { ...parameters, refusalNotice }, CASE);

/** The project's settings with every one confirmed by the office. */
function allConfirmed(): RefusalNoticeParameters {
  const { $comment, ...settings } = parameters.refusalNotice;
  const confirmed = Object.fromEntries(Object.entries(settings).map(([name, setting]) => [name, { ...setting, verified: true }]));
  return { $comment, ...confirmed } as RefusalNoticeParameters;
}

describe('generate-refusal-notice content', () => {
  it('should be marked provisional while a setting is unconfirmed (all are in the project file), and not once all are', () => {
    expect(contentOf(variables).provisional).toContain('尚待医保部门确认');
    expect(contentOf(variables, allConfirmed()).provisional).toBeUndefined();
    const oneOpen = { ...allConfirmed(), court: { ...parameters.refusalNotice.court, verified: false } };
    expect(contentOf(variables, oneOpen).provisional).toContain('尚待医保部门确认');
  });

  it('should say 你单位 to a unit, 你 to a person and 你（单位） when the model does not say, never 您', () => {
    const opening = (applicantIsUnit?: boolean) => contentOf({ ...variables, applicantIsUnit }).opening!.join('');
    expect(opening(true)).toContain('你单位申请办理“单位参保登记”事项。经审查，你单位的申请不符合');
    expect(opening(false)).toContain('你申请办理“单位参保登记”事项。经审查，你的申请不符合');
    expect(opening(undefined)).toContain('经审查，你（单位）的申请不符合《社会保险经办条例》');
    for (const applicantIsUnit of [true, false, undefined]) expect(JSON.stringify(contentOf({ ...variables, applicantIsUnit }))).not.toContain('您');
  });

  it('should be addressed to the insured person with the 代办人 after, and to the applicant alone without one', () => {
    expect(contentOf({ ...variables, applicantName: '李国栋', applicantIsUnit: false, agentName: '李梅' }).addressee).toBe('李国栋（代办人：李梅）：');
    expect(contentOf({ ...variables, applicantName: '李国栋', applicantIsUnit: false, agentName: null }).addressee).toBe('李国栋：');
  });

  it('should give the applicant a line for the date of receipt beside the signature', () => {
    expect(contentOf(variables).signatures).toEqual(['申请人签收', '签收日期', '经办人']);
  });

  it('should print its opening, case table and closing word for word (the wording it shares with the decision notices)', () => {
    const dated = contentOf({ ...variables, applicantIsUnit: false, serviceItemCode: '132036001001', applicationDate: '2026-01-10', refusalReason: '材料不属于本机关管辖' });
    expect(dated.opening).toEqual([
      `你于2026年1月10日申请办理“单位参保登记”（事项编码132036001001）事项。经审查，你的申请不符合${parameters.refusalNotice.legalBasis.value}规定的受理条件，决定不予受理，理由如下表。`,
    ]);
    expect(dated.sections![0]).toEqual({
      fields: [
        { label: '件号', value: CASE.caseNumber },
        { label: '申请日期', value: '2026年1月10日' },
        { label: '申请事项', value: '单位参保登记', wide: true },
        { label: '不予受理理由', value: '材料不属于本机关管辖', wide: true },
      ],
    });
    expect(contentOf(variables).sections![0]!.fields![0]).toEqual({ label: '件号', value: CASE.caseNumber, wide: true });
    // no telephone configured: the office's window
    expect(contentOf(variables).closing).toEqual([`如有疑问，请咨询${office.phone ?? `${office.name}服务窗口`}。`]);
    expect(refusalNoticeSpec.content(refusalNoticeSpec.input.parse(variables), { ...office, phone: '0971-1234567' }, '2026-03-02', parameters, CASE).closing).toEqual(['如有疑问，请咨询0971-1234567。']);
  });

  it('should refuse a reason longer than the forms allow', () => {
    expect(() => refusalNoticeSpec.input.parse({ ...variables, refusalReason: '理'.repeat(1001) })).toThrow();
    expect(refusalNoticeSpec.input.parse({ ...variables, refusalReason: '理'.repeat(1000) }).refusalReason).toHaveLength(1000);
  });
});
