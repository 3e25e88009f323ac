/**
 * How a completed case ended (办理结果), from the end event its process reached — the models name their end events
 * in the processes' own words (`不予受理`, `超过申报期限，不予受理`, `不予备案`, `待遇已发放`, …), so the outcome is
 * read from that name:
 *
 * - 不予受理 (`notAccepted`): refused at intake, the application was never 受理'd — counted apart from 办结;
 * - 不予办理 (`refused`): accepted, then refused (不予办理, 不予变更, 不予认定, 不予备案, 不予查询, 暂不予备案);
 * - 已退回 (`returned`): sent back to another office (FC16's 结算单有误，退回业务科室重新结算);
 * - 未生效 (`notEffective`): the applicant did not pay, the enrolment did not take effect;
 * - 办结 (`granted`): every other end (准予, 同意, 已发放, 备案完成, …).
 *
 * The reminder and escalation paths (`已提醒`, `督办完毕`) are side paths: their end events say nothing of the
 * outcome, and they may end after the main path did (an overdue step refused at intake while its 超期督办 task is
 * still open: the case completes when the supervisor finishes). The end event that ended the case is the last one
 * completed on the main path; a side path's only when no main-path end completed. Pure functions, used by the
 * monitor's read model and its pages.
 */

export type CaseOutcome = 'granted' | 'notAccepted' | 'refused' | 'returned' | 'notEffective';

export const OUTCOME_WORDS: Readonly<Record<CaseOutcome, string>> = {
  granted: '办结',
  notAccepted: '不予受理',
  refused: '不予办理',
  returned: '已退回',
  notEffective: '未生效',
};

/** The outcome an end event's name says. */
export function outcomeOfEndEvent(name: string | null | undefined): CaseOutcome {
  const text = name ?? '';
  if (text.includes('不予受理')) return 'notAccepted';
  if (text.includes('不予')) return 'refused';
  if (text.includes('退回')) return 'returned';
  if (text.includes('未生效')) return 'notEffective';
  return 'granted';
}

export interface EndedElement {
  type: string;
  state: string;
  elementId: string;
  elementName?: string | null;
  endDate?: string | null;
  elementInstanceKey?: string;
}

/**
 * The end event that ended a case among its element instances (the completed END_EVENT ended last), or undefined
 * when none is (an open or cancelled case, or one whose history is gone).
 */
export function closingEndEvent<T extends EndedElement>(elements: readonly T[]): T | undefined {
  let last: T | undefined;
  let lastSide: T | undefined;
  for (const element of elements) {
    if (element.type !== 'END_EVENT' || element.state !== 'COMPLETED') continue;
    if (isSidePathEnd(element)) {
      if (!lastSide || laterThan(element, lastSide)) lastSide = element;
    } else if (!last || laterThan(element, last)) last = element;
  }
  return last ?? lastSide;
}

/** The names and ids the models give the reminder and escalation paths' end events (endFirstReviewReminded, endEscalated, …). */
const SIDE_PATH_NAMES = new Set(['已提醒', '督办完毕']);
const SIDE_PATH_ID = /Reminded|Escalated/;

/** A reminder's or escalation's end event (已提醒, 督办完毕), which says nothing of the outcome. */
export function isSidePathEnd(element: Pick<EndedElement, 'elementId' | 'elementName'>): boolean {
  return SIDE_PATH_NAMES.has(element.elementName ?? '') || SIDE_PATH_ID.test(element.elementId);
}

function laterThan(a: EndedElement, b: EndedElement): boolean {
  const [at, bt] = [Date.parse(a.endDate ?? ''), Date.parse(b.endDate ?? '')];
  if (at !== bt) return (Number.isNaN(bt) && !Number.isNaN(at)) || at > bt;
  // the same instant: the later key was created later
  const [ak, bk] = [a.elementInstanceKey ?? '', b.elementInstanceKey ?? ''];
  return ak.length !== bk.length ? ak.length > bk.length : ak > bk;
}
