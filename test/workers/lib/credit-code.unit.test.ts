import { describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter, validateCreditCode } from '../../../workers/lib/credit-code.js';
import { InvalidInputError } from '../../../workers/lib/errors.js';

describe('validateCreditCode', () => {
  // docs/domain/identifiers.md, verified vectors
  it.each(['91110000101623741K', '911101066976941872', '91110108551385082Q', '91440300708461136T'])(
    'should accept %s',
    (code) => {
      // given / when
      const result = validateCreditCode(code);
      // then
      expect(result).toMatchObject({ valid: true, creditCode: code, organisationCodeCheckValid: true });
    },
  );

  it('should split the code into its parts', () => {
    // given / when
    const result = validateCreditCode('91110000101623741K');
    // then
    expect(result).toEqual({
      valid: true,
      creditCode: '91110000101623741K',
      registrationAuthorityCode: '9',
      organisationCategoryCode: '1',
      regionCode: '110000',
      organisationCode: '101623741',
      organisationCodeCheckValid: true,
    });
  });

  it('should reject the blog "sample" 91310115MA1H8R7C6D as checksum (the check character would be 7)', () => {
    // given / when / then
    expect(validateCreditCode('91310115MA1H8R7C6D')).toEqual({ valid: false, reason: 'checksum' });
    expect(creditCodeCheckCharacter('91310115MA1H8R7C6')).toBe('7');
  });

  it('should accept lower case and spaces, normalised', () => {
    // given / when / then
    expect(validateCreditCode(' 91110108551385082q ')).toMatchObject({ valid: true, creditCode: '91110108551385082Q' });
  });

  it.each([
    ['9111000010162374K', 'too short'],
    ['91110000101623741KK', 'too long'],
    ['9111000O101623741K', 'letter O in the region code'],
    ['91110000I01623741K', 'letter I is not in the alphabet'],
    ['911100001016237415', 'digit check character but wrong (checksum, not format)'],
  ])('should reject %s (%s)', (code) => {
    // given / when
    const result = validateCreditCode(code);
    // then
    expect(result.valid).toBe(false);
  });

  it('should report format for characters outside the alphabet and checksum for a wrong last character', () => {
    // given / when / then
    expect(validateCreditCode('91110000I01623741K')).toEqual({ valid: false, reason: 'format' });
    expect(validateCreditCode('91110000101623741A')).toEqual({ valid: false, reason: 'checksum' });
  });

  it('should flag an embedded organisation code that fails GB 11714 without rejecting the credit code', () => {
    // given a code whose 18th character is right but whose 组织机构代码 check digit (position 17) is not
    const first17 = '9111000010162374' + '2';
    const code = first17 + creditCodeCheckCharacter(first17);
    // when
    const result = validateCreditCode(code);
    // then
    expect(result).toMatchObject({ valid: true, organisationCodeCheckValid: false });
  });

  it('should refuse to compute a check character for malformed input', () => {
    // given / when / then
    expect(() => creditCodeCheckCharacter('9111000010162374')).toThrow(InvalidInputError);
  });
});
