/**
 * Paths of 流程图15 门诊慢特病病种待遇认定 (≤20 工作日 from 受理): the three assessment routes, the 一次性告知 /
 * 补正 loop (acceptance and invalid 公民身份号码), 不予受理, 不予认定, and the reminder and 超期督办 timers of the
 * 复核 and 医疗证 tasks. Clock pinned to Monday 2026-03-02 09:00 (+08:00): 20 working days → 2026-03-30, reminder
 * 2026-03-26 09:00.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { recomputeOpenDeadlines } from '../../scripts/deadlines/recompute-open-deadlines.js';
import { loadCalendarConfig } from '../../workers/lib/calendar-config.js';
import { useProcessHarness } from '../support/process-harness.js';
import { expectDecisionNotice, expectRefusalNotice } from '../support/refusal-notice.js';
import { holidayScheduleDirectory, SAMPLE_2027 } from '../support/sample-holiday-year.js';

const PROCESS_ID = 'xining-fc15-chronic-disease-entitlement';

const APPLICATION = {
  channel: 'window',
  personName: '祁秀英',
  idNumber: '11010519491231002X',
  diseaseName: '高血压（Ⅲ级）',
  diseaseCategory: 'general',
  residence: 'inProvince',
};
const ASSESSMENT = {
  assessmentHospital: '青海省人民医院',
  assessmentDepartment: '心血管内科',
  assessmentDate: '2026-03-02',
  assessmentDiagnosis: '原发性高血压3级',
  assessmentResult: 'confirmed',
};
/** The window records the materials handed in with the stamped 《申请表》; the 受理 ticks those she verified. */
const HANDED_IN = ['社会保障卡或医保电子凭证或有效身份证件', '《西宁市城乡居民基本医疗保险门诊慢特病病种待遇认定申请表》（经鉴定医院医保科审核盖章）', '对应病种认定资料（病历资料、检查检验报告、诊断证明）'];
const STAMP = { hospitalStamped: true, stampDate: '2026-03-02', submittedMaterials: HANDED_IN };
const CERTIFICATE = { certificateNumber: 'MTB2026000123', entitlementFrom: '2026-03-02', certificateHandedOver: true };

const h = useProcessHarness([PROCESS_ID]);

/** From the start to the open 复核 task, through the assessment task the route chooses. */
async function acceptedApplication(variables: Record<string, unknown>, assessmentTask = 'inProvinceAssessment'): Promise<string> {
  const pi = await h.start(PROCESS_ID, variables);
  await h.complete(pi, assessmentTask, { as: 'window-clerk', variables: ASSESSMENT });
  await h.complete(pi, 'hospitalStamp', { as: 'window-clerk', variables: STAMP });
  await h.complete(pi, 'acceptance', { as: 'window-first-review', variables: { materialsChecked: HANDED_IN, acceptanceDecision: 'approved' } });
  return pi;
}

describe('流程图15 门诊慢特病病种待遇认定', () => {
  it('should assess in the province, accept, review and issue the 《门诊特殊病医疗证》 within 20 working days', async () => {
    // given
    const pi = await acceptedApplication(APPLICATION);

    // when
    await h.complete(pi, 'secondReview', { as: 'window-second-review', variables: { secondReviewDecision: 'approved' } });
    await h.complete(pi, 'issueCertificate', { as: 'window-second-review', variables: CERTIFICATE });

    // then
    await h.expectEnded(pi, ['endCertified']);
    expect(await h.variables(pi)).toMatchObject({
      statutoryTimeLimit: { workingDays: 20, calendarDays: null, months: null },
      deadlineDate: '2026-03-30',
      dueDate: '2026-03-30T23:59:59+08:00',
      reminderDate: '2026-03-26T09:00:00+08:00',
      certificateNumber: 'MTB2026000123',
      submittedMaterials: HANDED_IN,
      materialsChecked: HANDED_IN,
    });
  });

  it('should restart a deadline task with new timers when its deadline is recomputed (办理时限重新计算)', async () => {
    // given
    const pi = await acceptedApplication(APPLICATION);

    // when the deadline of each open task is recomputed before it is done
    await h.rearmDeadline(pi, 'secondReview');
    await h.complete(pi, 'secondReview', { as: 'window-second-review', variables: { secondReviewDecision: 'approved' } });
    await h.rearmDeadline(pi, 'issueCertificate');
    await h.complete(pi, 'issueCertificate', { as: 'window-second-review', variables: CERTIFICATE });

    // then
    await h.expectEnded(pi, ['endCertified']);
  });

  it('should route a resident living outside the province to the residence hospital', async () => {
    // given
    const pi = await acceptedApplication({ ...APPLICATION, residence: 'outOfProvince', residenceAddress: '甘肃省兰州市城关区' }, 'residenceAssessment');

    // when
    await h.complete(pi, 'secondReview', { as: 'window-second-review', variables: { secondReviewDecision: 'approved' } });
    await h.complete(pi, 'issueCertificate', { as: 'window-second-review', variables: CERTIFICATE });

    // then
    await h.expectEnded(pi, ['endCertified']);
  });

  it('should route 精神病、慢性乙型肝炎、耐药性结核病 to a specialist hospital, also for residents outside the province, and end 不予认定', async () => {
    // given
    const application = { ...APPLICATION, diseaseName: '慢性乙型肝炎', diseaseCategory: 'specialist', residence: 'outOfProvince' };
    const pi = await acceptedApplication(application, 'specialistAssessment');
    // the task lists and the case history show a task's name: it must not tell the applicant's 病种类别 (masked like a diagnosis)
    expect((await h.client.searchUserTasks({ filter: { processInstanceKey: pi, elementId: 'specialistAssessment' } })).items.map((task) => task.name)).toEqual([
      '到有鉴定能力的医院进行病情鉴定',
    ]);

    // when
    await h.complete(pi, 'secondReview', {
      as: 'window-second-review',
      variables: { secondReviewDecision: 'rejected', secondReviewReason: '检查资料不符合慢性乙型肝炎门诊认定标准' },
    });

    // then the 不予认定告知书 gives the second review's reason
    await h.expectEnded(pi, ['endNotRecognised']);
    await expectDecisionNotice(h, pi, { decision: '不予认定', expectedText: ['检查资料不符合慢性乙型肝炎门诊认定标准', '门诊慢特病病种待遇认定'] });
  });

  it('should issue the 一次性告知书 and accept after 补正, and validate a corrected 公民身份号码', async () => {
    // given an invalid check character, then missing materials at the acceptance
    const pi = await h.start(PROCESS_ID, { ...APPLICATION, idNumber: '110105194912310021' });
    await h.complete(pi, 'inProvinceAssessment', { as: 'window-clerk', variables: ASSESSMENT });
    await h.complete(pi, 'hospitalStamp', { as: 'window-clerk', variables: STAMP });
    const missingMaterials = ['对应病种认定资料（病历资料、检查检验报告、诊断证明）'];

    // when
    await h.complete(pi, 'supplementMaterials', {
      as: 'window-clerk',
      variables: { correctedMaterials: ['社会保障卡或医保电子凭证或有效身份证件'], idNumber: '11010519491231002X' },
    });
    await h.complete(pi, 'acceptance', {
      as: 'window-first-review',
      variables: { acceptanceDecision: 'returned', acceptanceReason: '缺少检查报告', missingMaterials },
    });
    await h.complete(pi, 'supplementMaterials', { as: 'window-clerk', variables: { correctedMaterials: missingMaterials } });
    await h.complete(pi, 'acceptance', { as: 'window-first-review', variables: { acceptanceDecision: 'approved' } });
    await h.complete(pi, 'secondReview', { as: 'window-second-review', variables: { secondReviewDecision: 'approved' } });
    await h.complete(pi, 'issueCertificate', { as: 'window-second-review', variables: CERTIFICATE });

    // then
    await h.expectEnded(pi, ['endCertified']);
    const variables = await h.variables(pi);
    expect(variables).toMatchObject({ identityValid: true, missingMaterials });
    expect(variables.missingMaterialsNoticeNumber).toEqual(expect.any(String));
  });

  it('should end 不予受理 when the disease is not a 门诊慢特病 病种', async () => {
    // given
    const pi = await h.start(PROCESS_ID, { ...APPLICATION, diseaseName: '急性阑尾炎' });
    await h.complete(pi, 'inProvinceAssessment', { as: 'window-clerk', variables: ASSESSMENT });
    await h.complete(pi, 'hospitalStamp', { as: 'window-clerk', variables: STAMP });

    // when
    await h.complete(pi, 'acceptance', { as: 'window-first-review', variables: { acceptanceDecision: 'rejected', refusalReason: '不属于门诊慢特病病种' } });

    // then
    await h.expectEnded(pi, ['endNotAccepted']);
    await expectRefusalNotice(h, pi, ['祁秀英', '基本医疗保险参保人员享受门诊慢特病病种待遇认定', '不属于门诊慢特病病种']);
  });

  // last: it moves the shared engine clock
  it('should remind and escalate the 复核 and the 医疗证 tasks when the clock passes reminderDate and dueDate, the tasks staying open', async () => {
    // given
    const pi = await acceptedApplication(APPLICATION);
    await h.waitForTask(pi, 'secondReview');

    // when
    await h.pinClock('2026-03-26T10:00:00+08:00');
    await h.waitForElement(pi, 'endSecondReviewReminded');
    await h.pinClock('2026-03-31T09:00:00+08:00');
    await h.complete(pi, 'secondReviewOverdueEscalation', { as: 'supervisor', variables: { escalationNote: '请于当日完成复核' } });
    await h.complete(pi, 'secondReview', { as: 'window-second-review', variables: { secondReviewDecision: 'approved' } });
    await h.complete(pi, 'issueCertificateOverdueEscalation', { as: 'supervisor', variables: { escalationNote: '请立即办理医疗证' } });
    await h.complete(pi, 'issueCertificate', { as: 'window-second-review', variables: CERTIFICATE });

    // then
    await h.expectEnded(pi, [
      'endSecondReviewReminded',
      'endSecondReviewEscalated',
      'endIssueCertificateReminded',
      'endIssueCertificateEscalated',
      'endCertified',
    ]);
    expect((await h.variables(pi)).deadlineReminder).toMatchObject({ dueDate: '2026-03-30T23:59:59+08:00' });
  });
});

describe('流程图15 in December 2026, before the 2027 holiday notice is published', () => {
  const originalDir = process.env['HOLIDAY_SCHEDULE_DIR'];
  afterEach(() => {
    if (originalDir === undefined) delete process.env['HOLIDAY_SCHEDULE_DIR'];
    else process.env['HOLIDAY_SCHEDULE_DIR'] = originalDir;
    h.reloadWorkerParameters();
  });

  it('should give a 20-working-day case a provisional deadline instead of an incident, and confirm it once 2027 is entered', async () => {
    // given no 2027 year file, and the clock on Tuesday 2026-12-15
    const scheduleDir = holidayScheduleDirectory();
    process.env['HOLIDAY_SCHEDULE_DIR'] = scheduleDir;
    h.reloadWorkerParameters();
    await h.pinClock('2026-12-15T09:00:00+08:00');

    // when the case is accepted
    const pi = await acceptedApplication(APPLICATION);
    const task = await h.waitForTask(pi, 'secondReview');

    // then 20 working days on the provisional schedule: 12 in December, then 元旦 off: Wednesday 2027-01-13
    expect(await h.variables(pi)).toMatchObject({ deadlineDate: '2027-01-13', deadlineProvisional: true });
    expect(Date.parse(String(task.dueDate))).toBe(Date.parse('2027-01-13T23:59:59+08:00'));

    // when the office enters the 2027 notice and recomputes: the same dates, no longer provisional, the task untouched
    writeFileSync(join(scheduleDir, '2027.json'), JSON.stringify(SAMPLE_2027));
    h.reloadWorkerParameters();
    const [result] = (await recomputeOpenDeadlines(h.client, { changedBy: '张敏', calendar: loadCalendarConfig() })).filter((r) => r.processInstanceKey === pi);
    expect(result).toMatchObject({ outcome: 'confirmed', change: { timersRearmed: false, previous: { deadlineDate: '2027-01-13' }, next: { deadlineDate: '2027-01-13', provisional: false } } });
    expect(await h.variables(pi)).toMatchObject({ deadlineProvisional: false, deadlineChanges: [expect.objectContaining({ changedBy: '张敏' })] });
    expect((await h.waitForTask(pi, 'secondReview')).userTaskKey).toBe(task.userTaskKey);
    await h.complete(pi, 'secondReview', { as: 'window-second-review', variables: { secondReviewDecision: 'approved' } });
    await h.complete(pi, 'issueCertificate', { as: 'window-second-review', variables: CERTIFICATE });
    await h.expectEnded(pi, ['endCertified']);
  });
});

