import { describe, expect, it } from 'vitest';
import { maskBankAccount, maskIdNumber, maskPersonalData, personalDataKind } from '../../../web-shared/src/masking/personal-data.js';

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

  it('should mask nested values and leave the rest', () => {
    // given
    const data = { personName: '韩永福', idNumber: '630103196503152014', family: [{ idNumber: '630103199001011235' }], payeeBankAccount: '6217002870001234567' };

    // when
    const masked = maskPersonalData(data);

    // then
    expect(masked).toEqual({ personName: '韩永福', idNumber: '630103********2014', family: [{ idNumber: '630103********1235' }], payeeBankAccount: '****4567' });
    expect(data.idNumber).toBe('630103196503152014');
  });
});
