/**
 * Notice numbers in the style of 公文 字号: office code, year in 六角括号 〔〕, the notice type's word, and a
 * sequence of at least four digits: 西宁城中医保〔2026〕补缴第0001号. The sequence comes from the shared worker
 * state (gap-free per office, type and year); this module only formats it.
 */
export interface NoticeNumberParts {
  readonly officeCode: string;
  readonly year: number;
  readonly numberWord: string;
  readonly sequence: number;
}

export function formatNoticeNumber({ officeCode, year, numberWord, sequence }: NoticeNumberParts): string {
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError(`notice sequence must be a positive integer, got ${sequence}`);
  return `${officeCode}〔${year}〕${numberWord}第${String(sequence).padStart(4, '0')}号`;
}
