/**
 * What the task list's 通知书 section (case-data.ts `caseNotices`) reads against what the models' notice tasks
 * write: for every notice job type of bpmn/ (its worker's spec), every notice type the worker issues is written by
 * `issueNotice` (the workers' own code, the PDF left out) as `<outputName>Document` with custom properties
 * `noticeType`, `noticeNumber` and `title` — and the page names it by config/notices.json's title of that type, with
 * its number. A worker whose output variables, or custom properties, drifted from what the page reads fails here,
 * not as a notice shown by its file name at the counter.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import type { Variable } from '../../web-shared/src/api/camunda-types.js';
import { caseNotices, noticeLabel } from '../../web-tasklist/src/case-data.js';
import { accountRefundNoticeSpec } from '../../workers/generate-account-refund-notice.js';
import { DECISIONS, decisionNoticeSpec } from '../../workers/generate-decision-notice.js';
import { enrolmentCertificateSpec } from '../../workers/generate-enrolment-certificate.js';
import { insuranceInfoSheetSpec } from '../../workers/generate-insurance-info-sheet.js';
import { maternityBenefitFormSpec } from '../../workers/generate-maternity-benefit-form.js';
import { missingMaterialsNoticeSpec } from '../../workers/generate-missing-materials-notice.js';
import { refusalNoticeSpec } from '../../workers/generate-refusal-notice.js';
import { settlementStatementSpec } from '../../workers/generate-settlement-statement.js';
import { topUpNoticeSpec } from '../../workers/generate-top-up-notice.js';
import { transferContactLetterSpec } from '../../workers/generate-transfer-contact-letter.js';
import { noticeOutputName } from '../../workers/lib/notices/define-notice-worker.js';
import { issueNotice } from '../../workers/lib/notices/issue-notice.js';
import { loadNoticeSettings, type NoticeType } from '../../workers/lib/notices/notice-settings.js';
import { variableSearchClient } from '../support/variable-search-client.js';

// (the PDF is not what the page reads: its name and number are)
vi.mock('../../workers/lib/notices/render-notice-pdf.js', () => ({ renderNoticePdf: () => Promise.resolve(Buffer.from('%PDF-')) }));

const CASE = '2251799813685249';
const SPECS = [
  accountRefundNoticeSpec,
  decisionNoticeSpec,
  enrolmentCertificateSpec,
  insuranceInfoSheetSpec,
  maternityBenefitFormSpec,
  missingMaterialsNoticeSpec,
  refusalNoticeSpec,
  settlementStatementSpec,
  topUpNoticeSpec,
  transferContactLetterSpec,
];

/** The notice types a worker issues: its one type, or (generate-decision-notice) one per decision. */
function typesOf(spec: (typeof SPECS)[number]): NoticeType[] {
  if (typeof spec.noticeType === 'string') return [spec.noticeType];
  if (spec === decisionNoticeSpec) return Object.values(DECISIONS).map((decision) => decision.noticeType);
  throw new Error(`${spec.type}: list the notice types it issues here`);
}

/** The notice job types the models' service tasks name (`generate-…`). */
function modelNoticeJobTypes(): string[] {
  const dir = new URL('../../bpmn/', import.meta.url);
  const types = new Set<string>();
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.bpmn'))) {
    for (const match of readFileSync(new URL(file, dir), 'utf8').matchAll(/zeebe:taskDefinition type="([^"]+)"/g)) {
      // (every notice worker's job type is generate-…, and every generate-… job issues a notice)
      if (match[1]!.startsWith('generate-')) types.add(match[1]!);
    }
  }
  return [...types].sort();
}

describe('caseNotices against the models’ notice tasks', () => {
  const settings = loadNoticeSettings();

  it('should know the worker of every notice task of the models', () => {
    const jobTypes = modelNoticeJobTypes();
    expect(jobTypes.length).toBeGreaterThan(0);
    expect(jobTypes.filter((type) => !SPECS.some((spec) => spec.type === type))).toEqual([]);
  });

  it('should name every notice the models issue by its type’s title and number, as the workers write it', async () => {
    const used = SPECS.filter((spec) => modelNoticeJobTypes().includes(spec.type));
    expect(used.length).toBeGreaterThan(0);
    for (const spec of used) {
      for (const noticeType of typesOf(spec)) {
        // given the notice as the worker issues it (its own issueNotice), in the case's variables
        let sequence = 0;
        const issued = await issueNotice(
          {
            state: { remember: (_key, compute) => compute(), nextNoticeNumber: () => Promise.resolve({ year: 2026, number: (sequence += 1) }), close: () => Promise.resolve() },
            documents: {
              upload: (_content, metadata, documentId) =>
                Promise.resolve({ 'camunda.document.type': 'camunda', storeId: 'local', documentId: documentId ?? 'd', contentHash: 'h', metadata: { ...metadata } }),
            },
            settings,
            today: () => '2026-03-02',
          },
          { noticeType, jobKey: `${spec.type}-${noticeType}`, processInstanceKey: CASE, content: () => ({ sections: [] }) as never },
        );
        const name = noticeOutputName(spec);
        const variables = [
          { name: `${name}Document`, value: JSON.stringify([issued.document]), processInstanceKey: CASE, scopeKey: CASE },
          { name: `${name}Number`, value: JSON.stringify(issued.noticeNumber), processInstanceKey: CASE, scopeKey: CASE },
        ] as Variable[];

        // when the task page reads the case's notices
        const { notices } = await caseNotices(variableSearchClient(variables), CASE);

        // then it names it by its type's title (from the document's custom properties) and its number
        expect({ spec: spec.type, noticeType, customProperties: issued.document.metadata.customProperties }).toMatchObject({
          customProperties: { noticeType, noticeNumber: issued.noticeNumber, title: settings.noticeTypes[noticeType].title },
        });
        expect(notices.map(noticeLabel), `${spec.type} → ${noticeType}`).toEqual([`${settings.noticeTypes[noticeType].title} ${issued.noticeNumber}`]);
      }
    }
  });
});
