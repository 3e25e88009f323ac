import { LosslessNumber } from 'lossless-json';
import { describe, expect, it } from 'vitest';
import { digitsAsText, jsonOrText, parseExact, stringifyExact } from '../../../web-shared/src/api/exact-json.js';

describe('exact JSON of variable values', () => {
  it('should keep an integer beyond 2^53 exact and every other number a plain number', () => {
    // when
    const read = parseExact('{"applicantCode":630102199001011234,"key":2251799813685249,"rate":1.5e3,"change":-0.25,"count":12,"negative":-12345678901234567}');

    // then: only the unsafe integers as their digits (not …011200); an engine key of 16 digits stays a number
    expect(read).toEqual({
      applicantCode: new LosslessNumber('630102199001011234'),
      key: 2251799813685249,
      rate: 1500,
      change: -0.25,
      count: 12,
      negative: new LosslessNumber('-12345678901234567'),
    });
    expect(typeof (read as { key: unknown }).key).toBe('number');
  });

  it('should read strings with escaped quotes and nested arrays as JSON.parse does', () => {
    // given
    const text = '{"note":"他说\\"630102199001011234\\"","lists":[[1,[2,[630102199001011234]]],[]],"none":null,"yes":true}';

    // when
    const read = parseExact(text);

    // then: digits inside a string stay the string's
    expect(read).toEqual({
      note: '他说"630102199001011234"',
      lists: [[1, [2, [new LosslessNumber('630102199001011234')]]], []],
      none: null,
      yes: true,
    });
  });

  it('should write back exactly what it read', () => {
    // given
    const text = '{"applicantCode":630102199001011234,"key":2251799813685249,"change":-0.25,"lists":[[1,[630102199001011234]]],"note":"a\\"b"}';

    // then: the same text, and pretty-printed the same digits
    expect(stringifyExact(parseExact(text))).toBe(text);
    expect(stringifyExact(parseExact('[630102199001011234]'), 2)).toBe('[\n  630102199001011234\n]');
    expect(stringifyExact(parseExact('-12345678901234567'))).toBe('-12345678901234567');
  });

  it('should throw for a text that is no JSON, and take it as it is for jsonOrText', () => {
    expect(() => parseExact('{"cut":"63010')).toThrow(SyntaxError);
    expect(jsonOrText('{"cut":"63010')).toBe('{"cut":"63010');
    expect(jsonOrText('-12345678901234567')).toEqual(new LosslessNumber('-12345678901234567'));
  });
});

describe('long integers for what holds no LosslessNumber', () => {
  it('should give each long integer as its digits in a string, nested ones too, and leave the rest', () => {
    // given
    const read = parseExact('{"applicantCode":630102199001011234,"count":12,"members":[{"idNumber":630102199001011234,"age":3}],"none":null}');

    // then
    expect(digitsAsText(read)).toEqual({ applicantCode: '630102199001011234', count: 12, members: [{ idNumber: '630102199001011234', age: 3 }], none: null });
  });
});
