/**
 * How a case refused at intake reads where its 受理日期 would be, or undefined for any other case. Such a case only
 * waits for its notice to be handed over and has no 办理时限 to start: the task list's row, its case header and the
 * monitor's case page show the refusal instead of 尚未受理 / 受理后起算 (web-shared/src/dates/case-deadline.tsx). One
 * rule for all three.
 *
 * - 不予受理: FC18/FC22's late application at 送达不予受理告知书: the case holds the 不予受理告知书's number
 *   (`refusalNoticeNumber`) and no 受理 time.
 * - The decision itself (不予备案): FC17's filing the system refused at once, no clerk involved (怀孕未满三个月,
 *   手术已实施; `refusedBySystem`), at 送达不予备案告知书. No one 受理'd it and no one will, but it is not a 不予受理:
 *   the notice is the decision's (不予备案告知书, `decisionNoticeNumber` 西宁城中医保〔2026〕不予备案第0001号) and the
 *   monitor counts the case as that decision. The word is the number's (config/notices.json `numberWord`), so the
 *   header says what the notice says.
 */
import { zh } from '../i18n/zh-cn.js';

/** The case variables the rule reads: who shows it loads these (the task list's rows and header, the monitor's page). */
export const REFUSAL_AT_INTAKE_VARIABLES = ['acceptedAt', 'refusalNoticeNumber', 'refusedBySystem', 'decisionNoticeNumber'] as const;

export function refusalAtIntake(values: Readonly<Record<string, unknown>>): string | undefined {
  if (isText(values.acceptedAt)) return undefined;
  if (isText(values.refusalNoticeNumber)) return zh.caseDeadline.refused;
  if (values.refusedBySystem === true) {
    // before the notice is numbered (its job pending, or an incident), or with a number word not starting with 不予
    // (config/notices.json changed), the case is still the refusal it is, never 尚未受理
    const word = isText(values.decisionNoticeNumber) ? DECISION_WORD.exec(values.decisionNoticeNumber)?.[1] : undefined;
    return word ?? zh.caseDeadline.notRegistered;
  }
  return undefined;
}

/** The decision's word in a decision notice's number: 〔2026〕不予备案第0001号 → 不予备案. */
const DECISION_WORD = /〔\d{4}〕(不予[^第〔〕]+)第\d+号$/;

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}
