/**
 * What a notice says, independent of PDF: a notice type's worker maps its variables to a {@link NoticeContent}
 * (labelled fields, tables, paragraphs, signature lines), and `render-notice-pdf.ts` lays every type out the
 * same way. Also the few formatting rules all notices share (dates, months, amounts in figures and in words).
 */
import { amountInWords } from '../amount-in-words.js';
import { parseIsoDate } from '../iso-date.js';

export interface NoticeField {
  readonly label: string;
  /** Empty: printed as a blank cell to fill in by hand. */
  readonly value: string;
  /** Takes the whole row instead of half of it. */
  readonly wide?: boolean;
}

export interface NoticeTable {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

export interface NoticeSection {
  readonly heading?: string;
  readonly fields?: readonly NoticeField[];
  readonly table?: NoticeTable;
  readonly paragraphs?: readonly string[];
}

export interface NoticeContent {
  /** 「张三：」 line of letters and 告知书. */
  readonly addressee?: string;
  readonly opening?: readonly string[];
  readonly sections: readonly NoticeSection[];
  readonly closing?: readonly string[];
  /** Signature lines, e.g. 初审人, 复审人, 参保人签字确认. */
  readonly signatures?: readonly string[];
  /** A red line under the title, e.g. when parameters are not yet confirmed by the office. */
  readonly provisional?: string;
}

/** 2026-01-05 → 2026年1月5日 */
export function chineseDate(date: string | undefined): string {
  if (!date) return '';
  const { year, month, day } = parseIsoDate(date);
  return `${year}年${month}月${day}日`;
}

/** 2020-01 → 2020年1月 */
export function chineseYearMonth(yearMonth: string | undefined): string {
  if (!yearMonth) return '';
  const [year, month] = yearMonth.split('-');
  return `${year}年${Number(month)}月`;
}

export function months(count: number | undefined): string {
  return count === undefined ? '' : `${count}个月`;
}

/** "12000" → "¥12,000.00" (figures as on a 收据: thousands separated, two decimals). */
export function yuanInFigures(amount: string | undefined): string {
  if (amount === undefined) return '';
  const [whole = '0', fraction = ''] = amount.split('.');
  return `¥${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction.padEnd(2, '0')}`;
}

/** "12000.00" → "人民币壹万贰仟元整" (大写, workers/lib/amount-in-words.ts). */
export function yuanInWords(amount: string | undefined): string {
  return amount === undefined ? '' : `人民币${amountInWords(amount)}`;
}

/** An amount as two fields, 小写 and 大写, as 通知单 print it. */
export function amountFields(label: string, amount: string | undefined): NoticeField[] {
  return [
    { label: `${label}（小写）`, value: yuanInFigures(amount) },
    { label: `${label}（大写）`, value: yuanInWords(amount) },
  ];
}

export const SEX_TEXT: Readonly<Record<'male' | 'female', string>> = { male: '男', female: '女' };

export const INSURANCE_TYPE_TEXT: Readonly<Record<'employee' | 'resident', string>> = {
  employee: '职工基本医疗保险',
  resident: '城乡居民基本医疗保险',
};
