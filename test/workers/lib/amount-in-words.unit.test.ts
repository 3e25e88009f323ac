import { describe, expect, it } from 'vitest';
import { amountInWords } from '../../../workers/lib/amount-in-words.js';
import { InvalidAmountError } from '../../../workers/lib/errors.js';

describe('amountInWords', () => {
  it.each([
    ['1234.56', '壹仟贰佰叁拾肆元伍角陆分'],
    ['100', '壹佰元整'],
    ['1005.00', '壹仟零伍元整'],
    ['0.05', '伍分'],
    ['100000', '壹拾万元整'],
    ['10.00', '壹拾元整'],
    ['0.00', '零元整'],
    ['0.5', '伍角整'],
    ['0.55', '伍角伍分'],
    ['532.00', '伍佰叁拾贰元整'],
    ['101.50', '壹佰零壹元伍角整'],
    ['1409.50', '壹仟肆佰零玖元伍角整'],
    ['6007.14', '陆仟零柒元壹角肆分'],
    ['1004.56', '壹仟零肆元伍角陆分'],
    ['325.04', '叁佰贰拾伍元零肆分'],
    ['16409.02', '壹万陆仟肆佰零玖元零贰分'],
    ['1680.32', '壹仟陆佰捌拾元叁角贰分'],
    ['107000.53', '壹拾万柒仟元伍角叁分'],
    ['289546.52', '贰拾捌万玖仟伍佰肆拾陆元伍角贰分'],
    ['7560.31', '柒仟伍佰陆拾元叁角壹分'],
    ['10005', '壹万零伍元整'],
    ['100100', '壹拾万零壹佰元整'],
    ['100000001', '壹亿零壹元整'],
    ['100010000', '壹亿零壹万元整'],
    ['1000000000', '壹拾亿元整'],
    ['1010000000.10', '壹拾亿壹仟万元壹角整'],
    ['999999999999.99', '玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分'],
  ])('should write %s yuan as %s', (amount, words) => {
    // given a yuan amount as a decimal string
    // when
    const result = amountInWords(amount);
    // then
    expect(result).toBe(words);
  });

  it('should accept an amount in fen', () => {
    // given / when / then
    expect(amountInWords({ fen: 123456 })).toBe('壹仟贰佰叁拾肆元伍角陆分');
    expect(amountInWords({ fen: 5 })).toBe('伍分');
    expect(amountInWords({ fen: 9_999_999_999_999_999n / 100n })).toBe(
      '玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分',
    );
  });

  it.each([
    ['-1', 'negative'],
    ['-0.01', 'negative'],
    ['1000000000000', 'tooLarge'],
    ['1.234', 'format'],
    ['1,234.56', 'format'],
    ['1e3', 'format'],
    ['01.00', 'format'],
    ['', 'format'],
  ])('should reject %s (%s) instead of rounding or guessing', (amount, reason) => {
    // given / when
    const attempt = () => amountInWords(amount);
    // then
    expect(attempt).toThrow(InvalidAmountError);
    expect(attempt).toThrow(expect.objectContaining({ reason }));
  });

  it('should reject negative, fractional and too large fen amounts', () => {
    // given / when / then
    expect(() => amountInWords({ fen: -1 })).toThrow(expect.objectContaining({ reason: 'negative' }));
    expect(() => amountInWords({ fen: 1.5 })).toThrow(expect.objectContaining({ reason: 'format' }));
    expect(() => amountInWords({ fen: 100_000_000_000_000n })).toThrow(expect.objectContaining({ reason: 'tooLarge' }));
  });
});
