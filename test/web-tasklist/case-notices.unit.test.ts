/**
 * The 通知书 section's names (case-data.ts `caseNotices`): every `<type>Document` of the case, from a /v2 client
 * answering as the engine does, is listed with its Chinese name (the `title` the notice workers write into the
 * document's custom properties; for older documents the file name they give, `<title>-<number>.pdf`) and its
 * number — the 不予受理告知书 of a refused case as the 一次性告知书 of a returned one.
 */
import { describe, expect, it } from 'vitest';
import type { Variable } from '../../web-shared/src/api/camunda-types.js';
import { caseNotices, noticeLabel, noticeTitle } from '../../web-tasklist/src/case-data.js';
import { loadNoticeSettings } from '../../workers/lib/notices/notice-settings.js';
import { variableSearchClient } from '../support/variable-search-client.js';

const CASE = '2251799813685249';
const MISSING = '西宁城中医保〔2026〕告知第0001号';
const REFUSAL = '西宁城中医保〔2026〕不予受理第0001号';

const reference = (documentId: string, fileName: string, customProperties?: Record<string, unknown>) => ({
  'camunda.document.type': 'camunda',
  storeId: 'local',
  documentId,
  contentHash: 'h',
  metadata: { fileName, contentType: 'application/pdf', ...(customProperties ? { customProperties } : {}) },
  endpoint: `/v2/documents/${documentId}`,
});

const variable = (name: string, value: unknown): Variable => ({ name, value: JSON.stringify(value), processInstanceKey: CASE, scopeKey: CASE }) as Variable;

const VARIABLES: Variable[] = [
  variable('missingMaterialsNoticeDocument', [reference('notice-2026-a', `一次性告知书-${MISSING}.pdf`)]),
  variable('refusalNoticeDocument', [reference('notice-2026-b', `不予受理告知书-${REFUSAL}.pdf`)]),
  variable('missingMaterialsNoticeNumber', MISSING),
  variable('refusalNoticeNumber', REFUSAL),
];

describe('caseNotices', () => {
  it('should name the 不予受理告知书 and the 一次性告知书 of a case by their Chinese names and numbers', async () => {
    // given a case returned once (一次性告知书) and then refused (不予受理告知书)
    // when
    const { notices } = await caseNotices(variableSearchClient(VARIABLES), CASE);

    // then
    expect(notices.map(noticeLabel).sort()).toEqual([`一次性告知书 ${MISSING}`, `不予受理告知书 ${REFUSAL}`].sort());
    expect(notices.find((n) => n.name === 'refusalNoticeDocument')).toMatchObject({ title: '不予受理告知书', number: REFUSAL });
  });

  it('should name a notice by the title its document holds, whatever its file is called', async () => {
    // given a 不予受理告知书 whose document says its title (the workers write it) under another file name
    const titled = [variable('refusalNoticeDocument', [reference('notice-2026-b', 'notice.pdf', { noticeType: 'refusalNotice', noticeNumber: REFUSAL, title: '不予受理告知书' })]), variable('refusalNoticeNumber', REFUSAL)];

    // when
    const { notices } = await caseNotices(variableSearchClient(titled), CASE);

    // then
    expect(notices.map(noticeLabel)).toEqual([`不予受理告知书 ${REFUSAL}`]);
  });

  it('should list a notice once when a task scope holds a copy of it (an output mapping on the notice task)', async () => {
    // given the notice task's local copy, found before the case's
    const TASK = '2251799813685301';
    const local = (name: string, value: unknown): Variable => ({ ...variable(name, value), scopeKey: TASK }) as Variable;
    const copies = [local('refusalNoticeDocument', [reference('notice-2026-b', `不予受理告知书-${REFUSAL}.pdf`)]), local('refusalNoticeNumber', REFUSAL), ...VARIABLES];

    // when
    const { notices } = await caseNotices(variableSearchClient(copies), CASE);

    // then
    expect(notices.map(noticeLabel).sort()).toEqual([`一次性告知书 ${MISSING}`, `不予受理告知书 ${REFUSAL}`].sort());
    expect(notices.flatMap((n) => n.documents.map((d) => d.documentId)).sort()).toEqual(['notice-2026-a', 'notice-2026-b']);
  });
});

describe('noticeTitle', () => {
  it('should take the title the document holds (trimmed) before its file name, when the document names this notice', () => {
    expect(noticeTitle(reference('d', `一次性告知书-${REFUSAL}.pdf`, { noticeNumber: REFUSAL, title: ' 不予受理告知书 ' }), REFUSAL)).toBe('不予受理告知书');
    expect(noticeTitle(reference('d', 'scan.pdf', { noticeNumber: REFUSAL, title: '不予受理告知书' }), REFUSAL)).toBe('不予受理告知书');
    expect(noticeTitle(reference('d', `不予受理告知书-${REFUSAL}.pdf`, { noticeNumber: REFUSAL, title: ' ' }), REFUSAL)).toBe('不予受理告知书');
  });

  it('should NOT take the title of a document that names another notice, or none: the file name instead', () => {
    // given a document of another notice (another number), one naming no number, and a notice without a number
    const other = '西宁城中医保〔2026〕告知第0009号';

    // then
    expect(noticeTitle(reference('d', `不予受理告知书-${REFUSAL}.pdf`, { noticeNumber: other, title: '一次性告知书' }), REFUSAL)).toBe('不予受理告知书');
    expect(noticeTitle(reference('d', `不予受理告知书-${REFUSAL}.pdf`, { title: '一次性告知书' }), REFUSAL)).toBe('不予受理告知书');
    expect(noticeTitle(reference('d', 'scan.pdf', { noticeNumber: other, title: '一次性告知书' }), REFUSAL)).toBeUndefined();
    expect(noticeTitle(reference('d', 'scan.pdf', { title: '不予受理告知书' }), undefined)).toBeUndefined();
  });

  it('should read the name of an older document before the number and NOT guess one from a file named otherwise', () => {
    // given documents without a title in their metadata (issued before the workers wrote one)
    // when
    // then
    expect(noticeTitle(reference('d', `不予受理告知书-${REFUSAL}.pdf`), REFUSAL)).toBe('不予受理告知书');
    expect(noticeTitle(reference('d', 'scan.pdf'), REFUSAL)).toBeUndefined();
    expect(noticeTitle(reference('d', `不予受理告知书-${REFUSAL}.pdf`), undefined)).toBeUndefined();
    expect(noticeTitle(reference('d', `-${REFUSAL}.pdf`), REFUSAL)).toBeUndefined();
    expect(noticeTitle(undefined, REFUSAL)).toBeUndefined();
  });

  it('should name each decision notice by its own title (one decisionNotice variable, the title config/notices.json gives the decision)', () => {
    // given the documents generate-decision-notice gives (title in customProperties, `<title>-<number>.pdf`, issue-notice.ts)
    const titles = Object.values(loadNoticeSettings().noticeTypes).map(({ title, numberWord }) => ({ title, number: `西宁城中医保〔2026〕${numberWord}第0001号` }));

    // when / then
    for (const decision of ['不予办理', '不予变更', '不予认定', '不予备案']) {
      const { title, number } = titles.find((t) => t.title === `${decision}告知书`)!;
      // the title the worker writes into the document (issue-notice.ts), and the file name for a document without it
      expect(noticeTitle(reference('d', 'notice.pdf', { noticeNumber: number, title }), number)).toBe(`${decision}告知书`);
      expect(noticeTitle(reference('d', `${title}-${number}.pdf`), number)).toBe(`${decision}告知书`);
    }
  });

  it('should label a notice without a number by its file name', () => {
    // given
    const notice = { name: 'uploadDocument', documents: [reference('d', '申请表.pdf')] };

    // when
    // then
    expect(noticeLabel(notice)).toBe('申请表.pdf');
  });
});
