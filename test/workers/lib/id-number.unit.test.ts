import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../workers/lib/errors.js';
import {
  convertLegacyIdNumber,
  idNumberCheckCharacter,
  maskIdNumber,
  validateIdNumber,
} from '../../../workers/lib/id-number.js';

const today = '2026-03-02';

describe('validateIdNumber', () => {
  it('should accept the GB 11643 example with check character X (docs/domain/identifiers.md)', () => {
    // given / when
    const result = validateIdNumber('11010519491231002X', { today });
    // then
    expect(result).toEqual({
      valid: true,
      idNumber: '11010519491231002X',
      regionCode: '110105',
      birthDate: '1949-12-31',
      sex: 'female',
    });
  });

  it('should accept 440524188001010014 and read a male from the odd 17th digit', () => {
    // given / when
    const result = validateIdNumber('440524188001010014', { today });
    // then
    expect(result).toMatchObject({ valid: true, birthDate: '1880-01-01', sex: 'male' });
  });

  it('should accept Xining 城中区 numbers of both sexes', () => {
    // given / when / then
    expect(validateIdNumber('630103198001010015', { today })).toMatchObject({ valid: true, sex: 'male' });
    expect(validateIdNumber('630103198506150021', { today })).toMatchObject({ valid: true, sex: 'female' });
  });

  it('should accept a lower-case x and surrounding spaces, normalised', () => {
    // given / when
    const result = validateIdNumber(' 11010519491231002x ', { today });
    // then
    expect(result).toMatchObject({ valid: true, idNumber: '11010519491231002X' });
  });

  it('should reject 11010519491231002Y as format (Y is never a check character)', () => {
    // given / when / then
    expect(validateIdNumber('11010519491231002Y', { today })).toEqual({ valid: false, reason: 'format' });
  });

  it.each(['110105194912310021', '11010519491231002X'.replace('X', '0'), '630103198001010016'])(
    'should reject %s with a wrong check character as checksum',
    (idNumber) => {
      // given / when / then
      expect(validateIdNumber(idNumber, { today })).toEqual({ valid: false, reason: 'checksum' });
    },
  );

  it.each(['1101051949123100', '010105194912310021', '110105194913310021', '110105170012310021', '110105491231002'])(
    'should reject %s as format',
    (idNumber) => {
      // given / when / then
      expect(validateIdNumber(idNumber, { today })).toEqual({ valid: false, reason: 'format' });
    },
  );

  it('should reject a birth date that does not exist or lies in the future', () => {
    // given 1949-02-30 and a birth date after "today"
    // when / then
    expect(validateIdNumber('110105194902300021', { today })).toEqual({ valid: false, reason: 'birthDate' });
    expect(validateIdNumber('630103202603030015', { today })).toEqual({ valid: false, reason: 'birthDate' });
  });
});

describe('idNumberCheckCharacter', () => {
  it('should compute the check character, X for 10', () => {
    // given / when / then
    expect(idNumberCheckCharacter('11010519491231002')).toBe('X');
    expect(idNumberCheckCharacter('44052418800101001')).toBe('4');
    expect(() => idNumberCheckCharacter('1101051949123100')).toThrow(InvalidInputError);
  });
});

describe('convertLegacyIdNumber', () => {
  it('should insert 19 and append the check character', () => {
    // given a 15-digit number issued before 1999
    // when
    const converted = convertLegacyIdNumber('110105491231002');
    // then
    expect(converted).toBe('11010519491231002X');
  });

  it('should reject anything but 15 digits with a real birth date', () => {
    // given / when / then
    expect(() => convertLegacyIdNumber('11010549123100')).toThrow(InvalidInputError);
    expect(() => convertLegacyIdNumber('110105490230002')).toThrow(InvalidInputError);
  });
});

describe('maskIdNumber', () => {
  it('should keep the first six and last four characters', () => {
    // given / when / then
    expect(maskIdNumber('630103198001010015')).toBe('630103********0015');
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });

  it('should NOT leak more than four characters of a malformed value', () => {
    // given / when / then
    expect(maskIdNumber('110105491231002')).toBe('***********1002');
    expect(maskIdNumber('123')).toBe('***');
  });
});
