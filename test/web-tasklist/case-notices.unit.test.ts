/**
 * The 通知书 section's names (case-data.ts `caseNotices`): every `<type>Document` of the case, from a /v2 client
 * answering as the engine does, is listed with its Chinese name (from the file name the notice workers give,
 * `<title>-<number>.pdf`) and its number — the 不予受理告知书 of a refused case as the 一次性告知书 of a returned one.
 */
import { describe, expect, it } from 'vitest';
import type { Variable } from '../../web-shared/src/api/camunda-types.js';
import type { V2Client } from '../../web-shared/src/api/v2-client.js';
import { caseNotices, noticeLabel, noticeTitle } from '../../web-tasklist/src/case-data.js';

const CASE = '2251799813685249';
const MISSING = '西宁城中医保〔2026〕告知第0001号';
const REFUSAL = '西宁城中医保〔2026〕不予受理第0001号';

const reference = (documentId: string, fileName: string) => ({
  'camunda.document.type': 'camunda',
  storeId: 'local',
  documentId,
  contentHash: 'h',
  metadata: { fileName, contentType: 'application/pdf' },
  endpoint: `/v2/documents/${documentId}`,
});

const variable = (name: string, value: unknown): Variable => ({ name, value: JSON.stringify(value), processInstanceKey: CASE, scopeKey: CASE }) as Variable;

const VARIABLES: Variable[] = [
  variable('missingMaterialsNoticeDocument', [reference('notice-2026-a', `一次性告知书-${MISSING}.pdf`)]),
  variable('refusalNoticeDocument', [reference('notice-2026-b', `不予受理告知书-${REFUSAL}.pdf`)]),
  variable('missingMaterialsNoticeNumber', MISSING),
  variable('refusalNoticeNumber', REFUSAL),
];

/** Answers variable searches by `name` `$like` as the engine does (`*` any text). */
function client(variables: Variable[]): V2Client {
  return {
    async searchVariables(body: { filter: { name?: { $like?: string } } }) {
      const pattern = new RegExp(`^${(body.filter.name?.$like ?? '*').replace(/\*/g, '.*')}$`);
      const items = variables.filter((v) => pattern.test(v.name));
      return { items, page: { totalItems: items.length } };
    },
  } as unknown as V2Client;
}

describe('caseNotices', () => {
  it('should name the 不予受理告知书 and the 一次性告知书 of a case by their Chinese names and numbers', async () => {
    // given a case returned once (一次性告知书) and then refused (不予受理告知书)
    // when
    const notices = await caseNotices(client(VARIABLES), CASE);

    // then
    expect(notices.map(noticeLabel).sort()).toEqual([`一次性告知书 ${MISSING}`, `不予受理告知书 ${REFUSAL}`].sort());
    expect(notices.find((n) => n.name === 'refusalNoticeDocument')).toMatchObject({ title: '不予受理告知书', number: REFUSAL });
  });

  it('should list a notice once when a task scope holds a copy of it (an output mapping on the notice task)', async () => {
    // given the notice task's local copy, found before the case's
    const TASK = '2251799813685301';
    const local = (name: string, value: unknown): Variable => ({ ...variable(name, value), scopeKey: TASK }) as Variable;
    const copies = [local('refusalNoticeDocument', [reference('notice-2026-b', `不予受理告知书-${REFUSAL}.pdf`)]), local('refusalNoticeNumber', REFUSAL), ...VARIABLES];

    // when
    const notices = await caseNotices(client(copies), CASE);

    // then
    expect(notices.map(noticeLabel).sort()).toEqual([`一次性告知书 ${MISSING}`, `不予受理告知书 ${REFUSAL}`].sort());
    expect(notices.flatMap((n) => n.documents.map((d) => d.documentId)).sort()).toEqual(['notice-2026-a', 'notice-2026-b']);
  });
});

describe('noticeTitle', () => {
  it('should read the name before the number and NOT guess one from a file named otherwise', () => {
    // given
    // when
    // then
    expect(noticeTitle(`不予受理告知书-${REFUSAL}.pdf`, REFUSAL)).toBe('不予受理告知书');
    expect(noticeTitle('scan.pdf', REFUSAL)).toBeUndefined();
    expect(noticeTitle(`不予受理告知书-${REFUSAL}.pdf`, undefined)).toBeUndefined();
    expect(noticeTitle(`-${REFUSAL}.pdf`, REFUSAL)).toBeUndefined();
  });

  it('should label a notice without a number by its file name', () => {
    // given
    const notice = { name: 'uploadDocument', documents: [reference('d', '申请表.pdf')] };

    // when
    // then
    expect(noticeLabel(notice)).toBe('申请表.pdf');
  });
});
