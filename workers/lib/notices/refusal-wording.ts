/**
 * What every written refusal says alike — the 不予受理告知书 (generate-refusal-notice) and the notices of a decision
 * after 受理 (generate-decision-notice: 不予办理, 不予变更, 不予认定, 不予备案告知书): how the applicant is
 * addressed, the line that marks it provisional while the office has not confirmed its settings, the remedies and
 * the signatures. One wording, so the two can never tell an applicant different periods to object.
 */
import type { RefusalNoticeParameters } from '../refusal-notice-parameters.js';
import { chineseDate, type NoticeField } from './notice-content.js';
import type { OfficeSettings } from './notice-settings.js';

/** What the application was: the item, its code, and the day it was filed (unknown: left out). */
export interface RefusedApplication {
  readonly serviceItem: string;
  readonly serviceItemCode?: string | undefined;
  readonly applicationDate?: string | undefined;
}

/** The 你 / 你单位 the notice addresses the applicant by; not given: 你（单位）, the form that fits either. */
export function you(applicantIsUnit: boolean | null | undefined): string {
  if (applicantIsUnit === true) return '你单位';
  if (applicantIsUnit === false) return '你';
  return '你（单位）';
}

/** The insured person or unit, with the 代办人 after: 李国栋（代办人：李梅）：. */
export function refusalAddressee(applicantName: string, agentName: string | null | undefined): string {
  return `${applicantName}${agentName ? `（代办人：${agentName}）` : ''}：`;
}

/**
 * Printed under the title while a setting is unconfirmed, as unconfirmed parameters mark the 个人账户返还通知单;
 * `unconfirmed`: whether any setting the notice printed is.
 */
export function provisionalLine(unconfirmed: boolean): string | undefined {
  return unconfirmed ? '（所引依据及复议机关、诉讼期限尚待医保部门确认，本告知书仅供核对）' : undefined;
}

/** 行政复议 within N days to the named body, 行政诉讼 within N months, both from receipt of the notice. */
export function remediesSection(parameters: RefusalNoticeParameters) {
  const court = parameters.court.value ?? '人民法院';
  return {
    heading: '救济途径',
    paragraphs: [
      `如对本决定不服，可以自收到本告知书之日起${parameters.reconsiderationDays.value}日内向${parameters.reconsiderationBody.value}申请行政复议，` +
        `也可以自收到本告知书之日起${parameters.litigationMonths.value}个月内依法向${court}提起行政诉讼。`,
    ],
  };
}

/** The periods run from receipt: the applicant's signature dates it. */
export const REFUSAL_SIGNATURES = ['申请人签收', '签收日期', '经办人'];

/** The opening's first sentence: 你于2026年1月10日申请办理“…”（事项编码…）事项。 */
export function appliedSentence(applicant: string, application: RefusedApplication): string {
  const applied = application.applicationDate ? `${applicant}于${chineseDate(application.applicationDate)}申请办理` : `${applicant}申请办理`;
  return `${applied}“${application.serviceItem}”${application.serviceItemCode ? `（事项编码${application.serviceItemCode}）` : ''}事项。`;
}

/**
 * The table of the case: the 件号 the task list and the monitor show (the applicant quotes it when asking or
 * objecting), the 申请日期 beside it when known, the item, and the reason under its label (不予受理理由 …).
 */
export function caseFields(caseNumber: string, application: RefusedApplication, reason: { label: string; value: string }): NoticeField[] {
  return [
    ...(application.applicationDate
      ? [{ label: '件号', value: caseNumber }, { label: '申请日期', value: chineseDate(application.applicationDate) }]
      : [{ label: '件号', value: caseNumber, wide: true }]),
    { label: '申请事项', value: application.serviceItem, wide: true },
    { label: reason.label, value: reason.value, wide: true },
  ];
}

/** Where to ask: the office's telephone, or its window. */
export function closingLine(office: OfficeSettings): string {
  return `如有疑问，请咨询${office.phone ?? `${office.name}服务窗口`}。`;
}
