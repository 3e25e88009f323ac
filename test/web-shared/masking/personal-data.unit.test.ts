import { describe, expect, it } from 'vitest';
import { maskBankAccount, maskIdNumber, maskPersonalData, maskVariableValue, personalDataKind } from '../../../web-shared/src/masking/personal-data.js';

describe('personal data masking', () => {
  it('should keep the region and the last four characters of an ID number', () => {
    expect(maskIdNumber('63010319650315201X')).toBe('630103********201X');
    expect(maskIdNumber('12345')).toBe('*****');
  });

  it('should keep only the last four digits of a bank account', () => {
    expect(maskBankAccount('6217 0028 7000 1234 567')).toBe('****4567');
    expect(maskBankAccount('1234567')).toBe('*******');
  });

  it('should find ID numbers and bank accounts by variable name', () => {
    expect(personalDataKind('idNumber')).toBe('idNumber');
    expect(personalDataKind('agentIdNumber')).toBe('idNumber');
    expect(personalDataKind('payeeBankAccount')).toBe('bankAccount');
    expect(personalDataKind('personName')).toBeUndefined();
  });

  it('should mask diagnoses whole (FC21 诊断, FC15 病种名称, 病种类别, 医院评估诊断), wherever they are', () => {
    // given
    const data = { diagnosis: '肺恶性肿瘤', diseaseName: '精神分裂症', diseaseCategory: 'specialist', assessmentDiagnosis: '慢性乙型病毒性肝炎', hospitalName: '青海省人民医院', empty: { diagnosis: '' } };

    // when
    const masked = maskPersonalData(data);

    // then
    expect(masked).toEqual({ diagnosis: '（已遮挡）', diseaseName: '（已遮挡）', diseaseCategory: '（已遮挡）', assessmentDiagnosis: '（已遮挡）', hospitalName: '青海省人民医院', empty: { diagnosis: '' } });
    expect(personalDataKind('diagnosis')).toBe('diagnosis');
  });

  it('should mask nested values and leave the rest', () => {
    // given
    const data = { personName: '韩永福', idNumber: '630103196503152014', family: [{ idNumber: '630103199001011235' }], payeeBankAccount: '6217002870001234567' };

    // when
    const masked = maskPersonalData(data);

    // then
    expect(masked).toEqual({ personName: '韩永福', idNumber: '630103********2014', family: [{ idNumber: '630103********1235' }], payeeBankAccount: '****4567' });
    expect(data.idNumber).toBe('630103196503152014');
  });

  it('should mask a diagnosis whole whatever its shape (list, coded object)', () => {
    // given
    const data = { diagnosis: ['精神分裂症'], diseaseName: { code: 'F20', name: '精神分裂症' }, diseaseCategory: [], assessmentDiagnosis: null };

    // when
    const masked = maskPersonalData(data);

    // then
    expect(masked).toEqual({ diagnosis: '（已遮挡）', diseaseName: '（已遮挡）', diseaseCategory: [], assessmentDiagnosis: null });
  });

  it('should take every name with diagnos… or disease name/category/code in it for a diagnosis', () => {
    for (const name of ['diagnoses', 'diagnosisCode', 'diagnosisName', 'mainDiagnosis', 'DIAGNOSIS', 'diseaseCode', 'chronicDiseaseName', 'diseaseCategoryCode']) {
      expect(personalDataKind(name), name).toBe('diagnosis');
    }
    for (const name of ['hospitalName', 'diseaseApprovalDate', 'personName']) {
      expect(personalDataKind(name), name).toBeUndefined();
    }
  });

  it('should mask one variable value by the variable name itself, whatever its shape', () => {
    expect(maskVariableValue('diagnosis', ['精神分裂症'])).toBe('（已遮挡）');
    expect(maskVariableValue('diseaseName', { code: 'F20', name: '精神分裂症' })).toBe('（已遮挡）');
    expect(maskVariableValue('idNumber', '630103196503152014')).toBe('630103********2014');
    expect(maskVariableValue('family', [{ idNumber: '630103199001011235' }])).toEqual([{ idNumber: '630103********1235' }]);
    expect(maskVariableValue('personName', '韩永福')).toBe('韩永福');
  });
});
