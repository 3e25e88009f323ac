/**
 * What every notice needs besides the case: the issuing office, the title and number word of each notice type,
 * and the fonts, from `config/notices.json`. Loaded once; a typo stops the worker with the file and field named.
 */
import { z } from 'zod';
import { CONFIG_DIR, loadJsonConfig } from '../load-json-config.js';

/** The notice types, as named in process variables (`<noticeType>Number`, `<noticeType>Document`). */
export const NOTICE_TYPES = [
  'topUpNotice',
  'accountRefundNotice',
  'enrolmentCertificate',
  'transferContactLetter',
  'insuranceInfoSheet',
  'maternityBenefitForm',
  'settlementStatement',
  'missingMaterialsNotice',
  'refusalNotice',
  // generate-decision-notice: one type per decision, each numbered on its own (不予办理第0001号, 不予变更第0001号 …)
  'notHandledNotice',
  'notChangedNotice',
  'notRecognisedNotice',
  'notRegisteredNotice',
] as const;

export type NoticeType = (typeof NOTICE_TYPES)[number];

const fontSchema = z.strictObject({
  /** A .ttf/.otf, or a .ttc collection with the face picked by PostScript name. */
  file: z.string().min(1),
  postscriptName: z.string().min(1).optional(),
});

const officeSchema = z.strictObject({
  /** Prefix of every notice number: 西宁城中医保〔2026〕补缴第0001号. Counters are kept per code. */
  code: z.string().min(1),
  /** 经办机构名称 as printed. */
  name: z.string().min(1),
  /** 参保统筹区 (名称) printed on 参保凭证 and 信息表. */
  poolingAreaName: z.string().min(1),
  /** 行政区划代码 (GB/T 2260), 城中区 630103. */
  administrativeDivisionCode: z.string().regex(/^\d{6}$/),
  address: z.string().min(1).nullable(),
  postcode: z.string().regex(/^\d{6}$/).nullable(),
  phone: z.string().min(1).nullable(),
  /** 转移接续 money goes here (联系函). */
  bank: z.strictObject({ accountName: z.string().min(1), bankName: z.string().min(1), accountNumber: z.string().min(1) }).nullable(),
});

export const noticeSettingsSchema = z.strictObject({
  $comment: z.string().optional(),
  office: officeSchema,
  /** Every type must be listed (zod 4 records over an enum are exhaustive). */
  noticeTypes: z.record(z.enum(NOTICE_TYPES), z.strictObject({ title: z.string().min(1), numberWord: z.string().min(1) })),
  fonts: z.strictObject({ regular: fontSchema, bold: fontSchema, heading: fontSchema }),
});

export type NoticeSettings = z.output<typeof noticeSettingsSchema>;
export type OfficeSettings = NoticeSettings['office'];
export type FontSettings = NoticeSettings['fonts'];

export const NOTICE_SETTINGS_FILE = new URL('notices.json', CONFIG_DIR);

export function loadNoticeSettings(file: string | URL = NOTICE_SETTINGS_FILE): NoticeSettings {
  return loadJsonConfig(file, noticeSettingsSchema);
}
