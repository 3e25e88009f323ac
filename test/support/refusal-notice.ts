/**
 * What every path test that walks a 不予受理 path checks at its end: the case got ONE numbered 不予受理告知书, the
 * stored PDF names the case by its 件号 (the process instance key the task list and the monitor show), the applicant,
 * the item and the reason, and the monitor still reads the case's outcome as 不予受理 (the notice task sits before the
 * end event, web-shared/src/format/case-outcome.ts; in FC18/FC22's late path the window's 送达不予受理告知书 follows
 * it). The notice task maps nothing out: the job's number and document go to the case scope as on every notice
 * task; an output mapping would also keep them as the task's local variables, and the task list would list the
 * notice twice. A later task that shows the reason gets it by its own input mapping.
 */
import { expect } from 'vitest';
import { closingEndEvent, outcomeOfEndEvent, type EndedElement } from '../../web-shared/src/format/case-outcome.js';
import { pdfText } from '../workers/lib/notices/pdf-text.js';
import type { ProcessHarness } from './process-harness.js';

/** The notice type of each decision in config/notices.json. */
const NOTICE_TYPES = { 不予办理: 'notHandledNotice', 不予变更: 'notChangedNotice', 不予认定: 'notRecognisedNotice', 不予备案: 'notRegisteredNotice' } as const;

export async function expectRefusalNotice(
  h: ProcessHarness,
  processInstanceKey: string,
  expectedText: readonly string[],
  /** Text the notice must not print (a reason written for an earlier 退回补正). */
  unexpectedText: readonly string[] = [],
): Promise<void> {
  const variables = await h.variables(processInstanceKey);
  expect(variables.refusalNoticeNumber).toMatch(/^西宁城中医保〔\d{4}〕不予受理第\d{4}号$/);
  const documents = variables.refusalNoticeDocument as { endpoint: string }[];
  expect(documents).toHaveLength(1);
  const response = await h.fixture.fetch(documents[0]!.endpoint);
  expect(response.status).toBe(200);
  const text = pdfText(Buffer.from(await response.arrayBuffer()));
  for (const expected of ['不予受理告知书', String(variables.refusalNoticeNumber), `件号${processInstanceKey}`, '申请行政复议', '提起行政诉讼', ...expectedText]) {
    expect(text).toContain(expected.replace(/\s+/g, ''));
  }
  for (const unexpected of unexpectedText) expect(text).not.toContain(unexpected.replace(/\s+/g, ''));

  const { items } = await h.client.searchElementInstances({ filter: { processInstanceKey }, page: { limit: 100 } } as never);
  const elements = items as unknown as EndedElement[];
  expect(elements.some((element) => element.elementId === 'refusalNotice' && element.state === 'COMPLETED')).toBe(true);
  expect(outcomeOfEndEvent(closingEndEvent(elements)?.elementName)).toBe('notAccepted');
}

/**
 * The same for a decision after 受理 that refuses (不予办理, 不予变更, 不予认定, 不予备案): ONE numbered notice of that
 * decision (`decisionNoticeNumber` with the decision's number word, its title on the PDF), issued by the task
 * `noticeTask` before the end, and the monitor reads the case as 不予办理 (refused), not 不予受理.
 */
export async function expectDecisionNotice(
  h: ProcessHarness,
  processInstanceKey: string,
  options: {
    decision: '不予办理' | '不予变更' | '不予认定' | '不予备案';
    expectedText: readonly string[];
    /** Text the notice must not print (a reason written for an earlier 退回补正). */
    unexpectedText?: readonly string[];
    noticeTask?: string;
  },
): Promise<void> {
  const { decision, expectedText, unexpectedText = [], noticeTask = 'decisionNotice' } = options;
  const variables = await h.variables(processInstanceKey);
  expect(variables.decisionNoticeNumber).toMatch(new RegExp(`^西宁城中医保〔\\d{4}〕${decision}第\\d{4}号$`));
  expect(variables.refusalNoticeNumber).toBeUndefined();
  const documents = variables.decisionNoticeDocument as { endpoint: string; metadata: { fileName: string; customProperties?: unknown } }[];
  expect(documents).toHaveLength(1);
  // the title of the decision's own notice type, which the task list names the notice by (issue-notice.ts)
  expect(documents[0]!.metadata.customProperties).toEqual({
    noticeType: NOTICE_TYPES[decision],
    noticeNumber: variables.decisionNoticeNumber,
    title: `${decision}告知书`,
  });
  // the file name's title names a notice issued before customProperties held it (web-tasklist/src/case-data.ts noticeTitle)
  expect(documents[0]!.metadata.fileName).toBe(`${decision}告知书-${String(variables.decisionNoticeNumber)}.pdf`);
  const response = await h.fixture.fetch(documents[0]!.endpoint);
  expect(response.status).toBe(200);
  const text = pdfText(Buffer.from(await response.arrayBuffer()));
  for (const expected of [`${decision}告知书`, String(variables.decisionNoticeNumber), `件号${processInstanceKey}`, `决定${decision}`, `${decision}理由`, '申请行政复议', '提起行政诉讼', ...expectedText]) {
    expect(text).toContain(expected.replace(/\s+/g, ''));
  }
  for (const unexpected of unexpectedText) expect(text).not.toContain(unexpected.replace(/\s+/g, ''));

  const { items } = await h.client.searchElementInstances({ filter: { processInstanceKey }, page: { limit: 100 } } as never);
  const elements = items as unknown as EndedElement[];
  expect(elements.some((element) => element.elementId === noticeTask && element.state === 'COMPLETED')).toBe(true);
  expect(outcomeOfEndEvent(closingEndEvent(elements)?.elementName)).toBe('refused');
}
