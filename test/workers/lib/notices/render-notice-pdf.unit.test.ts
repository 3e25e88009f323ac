/**
 * Every notice type renders to a PDF whose text (read back with poppler's pdftotext) holds the title, the number,
 * the office and the case's key values: the fonts are embedded as searchable CID fonts, not outlines.
 */
import { describe, expect, it } from 'vitest';
import { NOTICE_TYPES, loadNoticeSettings } from '../../../../workers/lib/notices/notice-settings.js';
import { renderNoticePdf } from '../../../../workers/lib/notices/render-notice-pdf.js';
import { NOTICE_SAMPLES, sampleNoticeType } from './notice-samples.js';
import { loadWorkerParameters } from '../../../../workers/runtime/worker-parameters.js';
import { pdfText } from './pdf-text.js';

const settings = loadNoticeSettings();
const ISSUED_ON = '2026-03-02';

describe('renderNoticePdf', () => {
  it('should have a sample for every notice type', () => {
    // given
    // when
    const types = NOTICE_SAMPLES.map(sampleNoticeType);

    // then
    expect([...types].sort()).toEqual([...NOTICE_TYPES].sort());
  });

  it.each(NOTICE_SAMPLES.map((sample) => [sampleNoticeType(sample), sample] as const))('should render %s with its title and values', async (_type, sample) => {
    // given
    const { title, numberWord } = settings.noticeTypes[sampleNoticeType(sample)];
    const variables = sample.spec.input.parse(sample.variables);
    const noticeNumber = `西宁城中医保〔2026〕${numberWord}第0007号`;

    // when
    const pdf = await renderNoticePdf({ title, noticeNumber, issuedOn: ISSUED_ON, office: settings.office, content: sample.spec.content(variables, settings.office, ISSUED_ON, loadWorkerParameters(), { caseNumber: '2251799813685249' }) }, settings.fonts);

    // then
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf);
    for (const expected of [title, noticeNumber, settings.office.name, '2026年3月2日', ...sample.expectedText]) expect(text).toContain(expected.replace(/\s+/g, ''));
  });
});
