/**
 * One realistic set of process variables per notice type (valid ID numbers from docs/domain/identifiers.md test vectors
 * and test/workers/job-types.test.ts), with the specs that turn them into notices. Shared by the rendering and
 * the engine tests.
 */
import { accountRefundNoticeSpec } from '../../../../workers/generate-account-refund-notice.js';
import { decisionNoticeSpec } from '../../../../workers/generate-decision-notice.js';
import { enrolmentCertificateSpec } from '../../../../workers/generate-enrolment-certificate.js';
import { insuranceInfoSheetSpec } from '../../../../workers/generate-insurance-info-sheet.js';
import { maternityBenefitFormSpec } from '../../../../workers/generate-maternity-benefit-form.js';
import { missingMaterialsNoticeSpec } from '../../../../workers/generate-missing-materials-notice.js';
import { refusalNoticeSpec } from '../../../../workers/generate-refusal-notice.js';
import { settlementStatementSpec } from '../../../../workers/generate-settlement-statement.js';
import { topUpNoticeSpec } from '../../../../workers/generate-top-up-notice.js';
import { transferContactLetterSpec } from '../../../../workers/generate-transfer-contact-letter.js';
import { noticeTypeOf, type NoticeWorkerSpec } from '../../../../workers/lib/notices/define-notice-worker.js';
import type { NoticeType } from '../../../../workers/lib/notices/notice-settings.js';

export const PERSON = { personName: '马秀兰', idNumber: '630103198506150021', sex: 'female' } as const;

export interface NoticeSample {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly spec: NoticeWorkerSpec<any>;
  readonly variables: Record<string, unknown>;
  /** Text the rendered PDF must contain besides the title. */
  readonly expectedText: readonly string[];
}

export const NOTICE_SAMPLES: readonly NoticeSample[] = [
  {
    spec: topUpNoticeSpec,
    variables: { ...PERSON, localActualContributionMonths: 120, totalContributionMonths: 240, systemTopUpMonths: 60, topUpAmount: '28800.00' },
    expectedText: ['马秀兰', '贰万捌仟捌佰元整'],
  },
  {
    spec: accountRefundNoticeSpec,
    variables: {
      ...PERSON,
      accountRefundReason: 'death',
      terminationDate: '2026-02-10',
      personalAccountBalance: '12000.00',
      accountBalanceDate: '2026-02-28',
      accountRefundAmount: '12000.00',
      accountRefundPayeeType: 'heir',
      payeeName: '马建国',
      payeeBankName: '中国工商银行西宁城中支行',
      payeeBankAccount: '6222020000000000001',
      heirName: '马建国',
      heirIdNumber: '11010519491231002X',
      heirRelationship: '子女',
    },
    expectedText: ['马秀兰', '壹万贰仟元整', '参保人员死亡', '继承人'],
  },
  {
    spec: enrolmentCertificateSpec,
    variables: { ...PERSON, insuranceType: 'employee', insuredFrom: '2008-07', insuredTo: '2026-01', suspensionDate: '2026-02-01', contributionMonths: 211 },
    expectedText: ['马秀兰', '211个月', '630103', '2026年2月1日'],
  },
  {
    spec: transferContactLetterSpec,
    variables: { ...PERSON, insuranceType: 'employee', previousInsuranceType: 'employee', transferOutOfficeName: '兰州市医疗保障事务中心', applicationDate: '2026-03-02' },
    expectedText: ['兰州市医疗保障事务中心', '10个工作日'],
  },
  {
    spec: insuranceInfoSheetSpec,
    variables: {
      ...PERSON,
      insuranceType: 'employee',
      transferInOfficeName: '兰州市医疗保障事务中心',
      contributionPeriods: [
        { from: '2010-01', to: '2014-12', unitName: '西宁某商贸有限公司' },
        { from: '2016-01', to: '2025-12', insuranceType: 'employee' },
      ],
      interruptions: '2015年1月至2015年12月中断缴费',
      accountTransferAmount: '3456.78',
    },
    expectedText: ['180个月', '叁仟肆佰伍拾陆元柒角捌分'],
  },
  {
    spec: maternityBenefitFormSpec,
    variables: {
      ...PERSON,
      unitName: '西宁某商贸有限公司',
      maternityEventDate: '2026-01-15',
      maternityEvent: { kind: 'birth', infants: 1, difficultLabour: false },
      employerAverageMonthlyWage: '9000.00',
      maternityLeaveDays: 98,
      maternityAllowanceAmount: '29400.00',
      maternityMedicalExpenses: '3000.00',
    },
    expectedText: ['98天', '叁万贰仟肆佰元整'],
  },
  {
    spec: settlementStatementSpec,
    variables: {
      ...PERSON,
      reimbursementCategory: 'inpatient',
      hospitalName: '北京大学第一医院',
      treatmentFrom: '2026-01-05',
      treatmentTo: '2026-01-20',
      expenseItems: [
        { item: '西药费', amount: '8000.00' },
        { item: '检查费', amount: '4000.00' },
      ],
      totalExpenses: '12000.00',
      outOfCatalogueExpenses: '500.00',
      deductible: '1000.00',
      poolingFundPayment: '8500.00',
    },
    expectedText: ['¥3,500.00', '捌仟伍佰元整', '西药费'],
  },
  {
    spec: missingMaterialsNoticeSpec,
    variables: {
      applicantName: '马秀兰',
      serviceItem: '职工医保医疗费用零星报销',
      serviceItemCode: '002036006002',
      applicationDate: '2026-03-02',
      missingMaterials: ['住院费用明细清单', '出院诊断证明'],
      correctionDeadline: '2026-03-16',
    },
    expectedText: ['住院费用明细清单', '出院诊断证明', '2026年3月16日', '社会保险经办条例'],
  },
  {
    spec: refusalNoticeSpec,
    variables: {
      applicantName: '西宁市城中区某某商贸有限公司',
      serviceItem: '单位参保登记',
      serviceItemCode: '132036001001',
      applicationDate: '2026-02-27',
      applicantIsUnit: true,
      refusalReason: '该单位注册地不在本统筹区，不属于本机构受理范围',
    },
    expectedText: ['不予受理', '2026年2月27日', '单位参保登记', '不属于本机构受理范围', '60日内', '西宁市城中区人民政府', '行政复议', '6个月内', '行政诉讼', '签收日期', '本告知书仅供核对'],
  },
  // generate-decision-notice: one sample per decision, each a notice type of its own
  {
    spec: decisionNoticeSpec,
    variables: {
      decision: '不予办理',
      applicantName: PERSON.personName,
      applicantIsUnit: false,
      serviceItem: '灵活就业人员参保登记',
      applicationDate: '2026-02-27',
      decisionReason: '申请人已在其他统筹区以职工身份参保，不符合灵活就业人员参保条件',
    },
    expectedText: ['不予办理告知书', '决定不予办理', '不予办理理由', '以职工身份参保', '60日内', '行政复议', '6个月内', '行政诉讼', '签收日期', '本告知书仅供核对'],
  },
  {
    spec: decisionNoticeSpec,
    variables: {
      decision: '不予变更',
      applicantName: '西宁市城中区某某商贸有限公司',
      applicantIsUnit: true,
      serviceItem: '参保人员信息变更',
      decisionReason: '变更后的出生日期与户籍证明不一致',
    },
    expectedText: ['不予变更告知书', '经审查，你单位的申请不符合', '决定不予变更', '不予变更理由', '与户籍证明不一致'],
  },
  {
    spec: decisionNoticeSpec,
    variables: {
      decision: '不予认定',
      applicantName: PERSON.personName,
      applicantIsUnit: false,
      agentName: '李梅',
      serviceItem: '门诊慢特病病种待遇认定',
      decisionReason: '诊断证明不符合该病种的认定标准',
    },
    expectedText: ['不予认定告知书', '马秀兰（代办人：李梅）', '决定不予认定', '不予认定理由', '认定标准'],
  },
  {
    spec: decisionNoticeSpec,
    variables: {
      decision: '不予备案',
      applicantName: PERSON.personName,
      applicantIsUnit: false,
      serviceItem: '异地就医备案',
      decisionReason: '未提供异地长期居住的证明',
    },
    expectedText: ['不予备案告知书', '决定不予备案', '不予备案理由', '异地长期居住'],
  },
];

/** The notice type the sample's variables ask for (a worker of several types picks it from them). */
export function sampleNoticeType(sample: NoticeSample): NoticeType {
  return noticeTypeOf(sample.spec, sample.spec.input.parse(sample.variables));
}
