/**
 * Chinese capital numerals (大写金额) for amounts in yuan, as printed on 补缴通知单 and 返还支付通知单 next to the
 * figures. Rules (中国人民银行《支付结算办法》附件 and 财政部《会计基础工作规范》第五十二条):
 * - 壹贰叁肆伍陆柒捌玖 with 拾佰仟万亿元角分; "壹拾" is always written in full (10 → 壹拾元整);
 * - one 零 for any run of zeros between non-zero digits (6007.14 → 陆仟零柒元壹角肆分);
 * - 角 = 0 with 分 ≠ 0 needs 零 after 元 (325.04 → 叁佰贰拾伍元零肆分);
 * - ending at 元 or 角 adds 整, ending at 分 does not (101.50 → 壹佰零壹元伍角整). The bank rule only permits 整
 *   after 角, the accounting rule requires it, so writing it satisfies both;
 * - where a 零 is optional (元位 is 0 but 角 is not, 1680.32; 万位 is 0 but 千位 is not, 107000.53) we leave it out,
 *   as in ordinary reading: 壹仟陆佰捌拾元叁角贰分, 壹拾万柒仟元伍角叁分;
 * - amounts below one yuan have no 元 part: 0.05 → 伍分; zero is 零元整.
 * The caller adds the "人民币" prefix where the form has none printed.
 */
import { InvalidAmountError } from './errors.js';

/** An amount given as a whole number of fen (1 yuan = 100 fen), e.g. from a ledger stored in integers. */
export interface AmountInFen {
  readonly fen: number | bigint;
}

/** Largest amount we write: 9999亿9999万9999元9角9分 (the 亿 section holds four digits; 万亿 is never needed). */
export const MAX_AMOUNT_FEN = 99_999_999_999_999n;

/**
 * `amount` is either a yuan amount as a decimal string with at most two decimals ("1234.56", "100", "0.05") or
 * `{ fen }`. Throws {@link InvalidAmountError} for other strings, negative amounts and amounts above
 * {@link MAX_AMOUNT_FEN}; never rounds.
 */
export function amountInWords(amount: string | AmountInFen): string {
  const fen = typeof amount === 'string' ? parseYuan(amount) : checkFen(amount.fen);
  const yuan = fen / 100n;
  const jiao = Number((fen / 10n) % 10n);
  const cents = Number(fen % 10n);

  if (fen === 0n) return '零元整';
  let words = yuan > 0n ? `${integerInWords(yuan)}元` : '';
  if (jiao === 0 && cents === 0) return `${words}整`;
  if (jiao > 0) {
    words += `${DIGITS[jiao]}角`;
  } else if (yuan > 0n) {
    words += '零';
  }
  return cents > 0 ? `${words}${DIGITS[cents]}分` : `${words}整`;
}

// helpers

const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'] as const;
const PLACE_UNITS = ['', '拾', '佰', '仟'] as const;
const SECTION_UNITS = ['', '万', '亿'] as const;
const YUAN_AMOUNT = /^(0|[1-9]\d*)(?:\.(\d{1,2}))?$/;

function parseYuan(value: string): bigint {
  const text = value.trim();
  if (/^-\s*\d/.test(text)) throw new InvalidAmountError(value, 'negative');
  const match = YUAN_AMOUNT.exec(text);
  if (!match) throw new InvalidAmountError(value, 'format');
  const fen = BigInt(match[1] ?? '0') * 100n + BigInt((match[2] ?? '').padEnd(2, '0'));
  if (fen > MAX_AMOUNT_FEN) throw new InvalidAmountError(value, 'tooLarge');
  return fen;
}

function checkFen(fen: number | bigint): bigint {
  if (typeof fen === 'number' && !Number.isSafeInteger(fen)) throw new InvalidAmountError(String(fen), 'format');
  const value = BigInt(fen);
  if (value < 0n) throw new InvalidAmountError(String(fen), 'negative');
  if (value > MAX_AMOUNT_FEN) throw new InvalidAmountError(String(fen), 'tooLarge');
  return value;
}

/** 1 … 9999 9999 9999 in sections of four digits (个, 万, 亿). */
function integerInWords(n: bigint): string {
  const sections: number[] = [];
  for (let rest = n; rest > 0n; rest /= 10_000n) sections.push(Number(rest % 10_000n));

  let words = '';
  let zeroPending = false;
  for (let index = sections.length - 1; index >= 0; index -= 1) {
    const section = sections[index] ?? 0;
    if (section === 0) {
      zeroPending = words !== '';
      continue;
    }
    // A section below 1000 that follows a higher one reads with 零 (壹万零伍 = 10005), as does one after a zero section.
    if (words !== '' && (zeroPending || section < 1000)) words += '零';
    words += `${sectionInWords(section)}${SECTION_UNITS[index] ?? ''}`;
    zeroPending = false;
  }
  return words;
}

/** 1 … 9999 without leading 零; inner zeros collapse to one 零, trailing zeros are silent. */
function sectionInWords(section: number): string {
  let words = '';
  let zeroPending = false;
  for (let place = 3; place >= 0; place -= 1) {
    const digit = Math.floor(section / 10 ** place) % 10;
    if (digit === 0) {
      zeroPending = words !== '';
      continue;
    }
    if (zeroPending) words += '零';
    words += `${DIGITS[digit] ?? ''}${PLACE_UNITS[place] ?? ''}`;
    zeroPending = false;
  }
  return words;
}
