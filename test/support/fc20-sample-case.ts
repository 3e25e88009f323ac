/**
 * One FC20 零星报销 case as a window clerk takes it in (a retired insured person's inpatient stay, paid to a
 * personal account) and its registration, shared by the path test and the web apps' browser tests.
 */
export const FC20_APPLICATION = {
  channel: 'window',
  applicantType: 'insured',
  personName: '韩永福',
  idNumber: '630103196503152014',
  insuredCategory: 'retired',
  phone: '13997110002',
  reimbursementCategory: 'inpatient',
  hospitalName: '北京大学第一医院',
  treatmentFrom: '2026-01-05',
  treatmentTo: '2026-01-20',
  totalExpenses: '23600.50',
  paymentRoute: 'personalAccount',
  payeeName: '韩永福',
  payeeBankName: '中国建设银行西宁城中支行',
  payeeBankAccount: '6217002870001234567',
  submittedMaterials: ['医保电子凭证、有效身份证件或社会保障卡', '医院收费票据', '住院费用清单（住院）', '病历资料（住院）', '诊断证明或出院小结'],
};

export const FC20_REGISTRATION = {
  registrationNumber: 'LB2026030001',
  outOfCatalogueExpenses: '1200.00',
  partialSelfPayment: '860.40',
  deductible: '800.00',
  poolingFundPayment: '16500.00',
  seriousIllnessPayment: '1800.00',
  entryReviewNote: '按三个目录录入审核',
};
