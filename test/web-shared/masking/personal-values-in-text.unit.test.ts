import { describe, expect, it } from 'vitest';
import { parseExact } from '../../../web-shared/src/api/exact-json.js';
import {
  maskPersonalValuesIn,
  maskPersonalValuesInData,
  mergePersonalValues,
  personalValues,
  personalValuesOfVariables,
} from '../../../web-shared/src/masking/personal-values-in-text.js';

const ID_NUMBER = '630103196503152014';
const BANK_ACCOUNT = '6217002870001234567';

describe('personal values in text that names no variable', () => {
  it('should find a case\'s ID numbers, bank accounts and diagnoses, nested ones and every part of a coded diagnosis', () => {
    // when
    const values = personalValues([
      { name: 'idNumber', value: ID_NUMBER },
      { name: 'payeeBankAccount', value: BANK_ACCOUNT },
      { name: 'familyMembers', value: [{ name: '马小兰', idNumber: '630102199001011234' }] },
      { name: 'mainDiagnosis', value: { code: 'F20', name: '精神分裂症' } },
      { name: 'personName', value: '马福林' },
      { name: 'diagnosisCode', value: 'X' },
    ]);

    // then: longest first; the name and the one-letter code are left out
    expect(values).toEqual([
      { kind: 'bankAccount', value: BANK_ACCOUNT },
      { kind: 'idNumber', value: ID_NUMBER },
      { kind: 'idNumber', value: '630102199001011234' },
      { kind: 'diagnosis', value: '精神分裂症' },
      { kind: 'diagnosis', value: 'F20' },
    ]);
  });

  it('should mask them in an incident message, a correlation key and a reason as their variables are masked', () => {
    // given
    const values = personalValues([
      { name: 'idNumber', value: ID_NUMBER },
      { name: 'diagnosis', value: '精神分裂症' },
    ]);

    // then
    expect(maskPersonalValuesIn(`expected the condition '=diagnosis' of flow 'toCheck' to be a boolean, but it was "精神分裂症"`, values)).toBe(
      `expected the condition '=diagnosis' of flow 'toCheck' to be a boolean, but it was "（已遮挡）"`,
    );
    expect(maskPersonalValuesIn(ID_NUMBER, values)).toBe('630103********2014');
    expect(maskPersonalValuesIn(`身份证 ${ID_NUMBER} 与户籍不符`, values)).toBe('身份证 630103********2014 与户籍不符');
    expect(maskPersonalValuesIn('材料齐全', values)).toBe('材料齐全');
  });

  it('should read variables as /v2 answers them, JSON text or a cut value', () => {
    // when
    const values = personalValuesOfVariables([
      { name: 'idNumber', value: JSON.stringify(ID_NUMBER) },
      { name: 'payeeBankAccount', value: '62170028700012' },
    ]);

    // then
    expect(values).toEqual([
      { kind: 'idNumber', value: ID_NUMBER },
      { kind: 'bankAccount', value: '62170028700012' },
    ]);
  });

  it('should mask every text inside data, keeping its names and other values', () => {
    // given
    const values = personalValues([{ name: 'idNumber', value: ID_NUMBER }]);
    const data = { note: `证件 ${ID_NUMBER}`, items: [{ remark: ID_NUMBER, count: 2 }], [ID_NUMBER]: true };

    // when
    const masked = maskPersonalValuesInData(data, values);

    // then
    expect(masked).toEqual({ note: '证件 630103********2014', items: [{ remark: '630103********2014', count: 2 }], [ID_NUMBER]: true });
    expect(data.note).toBe(`证件 ${ID_NUMBER}`);
  });

  it('should keep values read before when merging, each once', () => {
    // given
    const before = personalValues([{ name: 'idNumber', value: ID_NUMBER }]);
    const now = personalValues([{ name: 'idNumber', value: '630103196503152022' }, { name: 'diagnosis', value: '肺结核' }]);

    // when
    const merged = mergePersonalValues(now, [...before, ...now]);

    // then
    expect(merged.map((item) => item.value)).toEqual(['630103196503152022', ID_NUMBER, '肺结核']);
  });

  it('should take an ID number or bank account stored as a JSON number by its digits, past 2^53 too', () => {
    // when
    const values = personalValuesOfVariables([
      { name: 'idNumber', value: '630103196503152014' },
      { name: 'familyMembers', value: '[{"idNumber":630102199001011234,"note":"6301021990010112345678"}]' },
    ]);

    // then: not …152000; digits inside a string stay a string's
    expect(values.map((item) => item.value)).toEqual([ID_NUMBER, '630102199001011234']);
    expect(maskPersonalValuesIn(`身份证 ${ID_NUMBER}`, values)).toBe('身份证 630103********2014');
  });

  it('should mask an ID number stored as a number under a name not known as personal, and keep other numbers', () => {
    // given the case's ID number
    const values = personalValues([{ name: 'idNumber', value: ID_NUMBER }]);

    // when data holds it as a number (exact, as parseExact reads it, and as a number JSON.parse keeps)
    const masked = maskPersonalValuesInData({ applicantCode: Number(ID_NUMBER), exact: parseExact(ID_NUMBER), amount: 1.5, count: 12 }, values);

    // then it is masked as text, the other numbers stay numbers
    expect(masked).toEqual({ applicantCode: '630103********2000', exact: '630103********2014', amount: 1.5, count: 12 });
    // a long integer read exactly that holds no personal value is left as it was read (shown as stored)
    const reference = parseExact('12345678901234567890');
    expect(maskPersonalValuesInData({ reference }, values).reference).toBe(reference);
    // and a number with an ID number's shape the case does not hold is masked by the safety net
    expect(maskPersonalValuesInData([Number('630102199001011234')], [])).toEqual(['630102********1200']);
  });

  it('should mask an ID number or bank account written otherwise than stored', () => {
    // given
    const values = personalValues([
      { name: 'idNumber', value: '63010319650315201X' },
      { name: 'payeeBankAccount', value: BANK_ACCOUNT },
      { name: 'diagnosisCode', value: 'F20.0' },
    ]);

    // then: the check letter's case, full-width digits, groups, a code's case
    expect(maskPersonalValuesIn('证件 63010319650315201x', values)).toBe('证件 630103********201X');
    expect(maskPersonalValuesIn('证件 ６３０１０３１９６５０３１５２０１Ｘ。', values)).toBe('证件 630103********201X。');
    expect(maskPersonalValuesIn('账号 6217 0028 7000 1234 567，', values)).toBe('账号 ****4567，');
    expect(maskPersonalValuesIn('账号 6217-0028-7000-1234-567', values)).toBe('账号 ****4567');
    expect(maskPersonalValuesIn('编码 f20.0', values)).toBe('编码 （已遮挡）');
    expect(maskPersonalValuesIn('编码 F2000', values)).toBe('编码 F2000');
  });

  it('should not look for values too short for their kind, dates or a diagnosis\'s other numbers', () => {
    // when
    const values = personalValues([
      { name: 'idNumber', value: '6301' },
      { name: 'payeeBankAccount', value: '1234567' },
      { name: 'mainDiagnosis', value: { code: '12', name: '精神分裂症', level: 12, onsetDate: '2024-03-01', hospital: '青海省第三人民医院' } },
    ]);

    // then
    expect(values.map((item) => item.value)).toEqual(['青海省第三人民医院', '精神分裂症', '12']);
    // a short all-digit code only where no digit is next to it
    expect(maskPersonalValuesIn('编码 12，2012年，第120号', values)).toBe('编码 （已遮挡），2012年，第120号');
  });

  it('should read a variable holding a decimal with many digits, and find the ID numbers and diagnoses nested in it', () => {
    // when
    const values = personalValuesOfVariables([
      { name: 'familyMembers', value: '{"familyMembers":[{"idNumber":"630103196503152014"},{"ratio":0.30000000000000004}]}' },
      { name: 'mainDiagnosis', value: '{"code":"F20","name":"精神分裂症","score":0.30000000000000004,"ratio":1.2345678901234567e-7}' },
      { name: 'applicant', value: '{"idNumber":630102199001011234,"weight":0.30000000000000004}' },
    ]);

    // then: not a text, and the long integer still by its digits
    expect(values.map((item) => item.value)).toEqual([ID_NUMBER, '630102199001011234', '精神分裂症', 'F20']);
  });

  it('should insert the mask as it is, with no replacement patterns', () => {
    // given
    const values = personalValues([{ name: 'diagnosis', value: '精神分裂症' }]);

    // then: `$&`, `$\``, `$'` in a mask would repeat the value or the text around it; the mask has none, and the value
    // with such characters is looked for literally
    expect(maskPersonalValuesIn('前 精神分裂症 后', values)).toBe('前 （已遮挡） 后');
    expect(maskPersonalValuesIn('病种 $&病', personalValues([{ name: 'diseaseName', value: '$&病' }]))).toBe('病种 （已遮挡）');
  });

  it('should mask the shape of a mainland ID number the case no longer holds, but no other long digits', () => {
    // given: the case holds the corrected number only
    const values = personalValues([{ name: 'idNumber', value: '630103196503152022' }]);

    // then
    expect(maskPersonalValuesIn(`原身份证 ${ID_NUMBER} 有误，已更正`, values)).toBe('原身份证 630103********2014 有误，已更正');
    expect(maskPersonalValuesIn('原身份证 63010320080229201x。', [])).toBe('原身份证 630103********201X。');
    expect(maskPersonalValuesIn('证件 ６３０１０３１９６５０３１５２０１４', [])).toBe('证件 630103********2014');
    expect(maskPersonalValuesInData({ note: `旧号 ${ID_NUMBER}` }, [])).toEqual({ note: '旧号 630103********2014' });
    // a case key, an 18-digit run that is no date, one inside a longer run or touching letters stay as they are
    for (const text of ['案件 2251799813685604', '编号 630103196513152014', '流水 6301031965031520141', 'A630103196503152014', '2251799813685604223']) {
      expect(maskPersonalValuesIn(text, [])).toBe(text);
    }
  });

  it('should mask a short value (8 characters or fewer) only where no letter or digit touches it, and a passport or permit under an ID number name', () => {
    // given
    const values = personalValues([
      { name: 'mainDiagnosis', value: { code: 'F20', name: '精神分裂症' } },
      { name: 'diseaseCategory', value: 'general' },
      { name: 'diagnosisCode', value: '12' },
      { name: 'idNumber', value: 'E12345678' },
      { name: 'familyMembers', value: [{ idNumber: 'H1234567' }, { idNumber: '12345' }] },
    ]);

    // then: passports and permits are looked for (a 5-character one is not)
    expect(values.map((item) => item.value)).toEqual(['E12345678', 'H1234567', 'general', '精神分裂症', 'F20', '12']);
    expect(maskPersonalValuesIn('诊断F20，类别 general。', values)).toBe('诊断（已遮挡），类别 （已遮挡）。');
    // a value's side that is no letter or digit needs none: 精神分裂症 is masked next to letters too
    expect(maskPersonalValuesIn('诊断A精神分裂症B', values)).toBe('诊断A（已遮挡）B');
    expect(maskPersonalValuesIn('护照 E12345678，回乡证 h1234567', values)).toBe('护照 *********，回乡证 ********');
    const untouched = '单号 9f20c1d2-0a7e-4f20-b12c-generalized，日期 2026-12-05 10:12，3.12，编码 F201，AE12345678';
    expect(maskPersonalValuesIn(untouched, values)).toBe(untouched);
  });
});
