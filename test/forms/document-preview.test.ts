/**
 * A notice in a task form: the reference a notice worker stores (Documents API of the embedded engine) fed to the
 * form-js viewer's documentPreview, in headless Chromium on the engine's origin, downloads the very PDF.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderNoticePdf } from '../../workers/lib/notices/render-notice-pdf.js';
import { loadNoticeSettings } from '../../workers/lib/notices/notice-settings.js';
import { documentEndpoint, sdkDocumentUploader } from '../../workers/runtime/document-uploader.js';
import { startEngine, type EngineFixture } from '../support/engine-fixture.js';
import { openFormViewerPage, type FormViewerPage } from '../support/form-viewer-page.js';

let engine: EngineFixture;
let viewer: FormViewerPage;

beforeAll(async () => {
  engine = await startEngine();
  viewer = await openFormViewerPage({ origin: engine.url });
}, 60_000);

afterAll(async () => {
  await viewer?.close();
  await engine?.stop();
});

describe('documentPreview of a stored notice', () => {
  it('should fetch the notice PDF from the Documents API when the FC3 payment task opens', async () => {
    // given a top-up notice stored as the notice workers store it
    const settings = loadNoticeSettings();
    const pdf = await renderNoticePdf(
      { title: '医疗保险费核定通知单', noticeNumber: '西宁城中医保〔2026〕补缴第0001号', issuedOn: '2026-03-02', office: settings.office, content: { sections: [{ paragraphs: ['应缴金额：人民币壹万贰仟元整'] }] } },
      settings.fonts,
    );
    const reference = await sdkDocumentUploader(engine.client).upload(pdf, { contentType: 'application/pdf', fileName: '医疗保险费核定通知单.pdf' });
    const topUpNoticeDocument = [{ ...reference, endpoint: documentEndpoint(reference) }];
    const schema = JSON.parse(readFileSync('forms/fc03-top-up-payment.form', 'utf8'));

    // when
    const download = viewer.page.waitForResponse((response) => response.url().includes(`/v2/documents/${reference.documentId}`));
    await viewer.open(schema, { topUpNoticeDocument });
    const response = await download;

    // then
    expect(response.status()).toBe(200);
    // (the PDF viewer streams the body, which the browser does not keep: compare what the server sent)
    expect(response.headers()).toMatchObject({ 'content-type': 'application/pdf', 'content-length': String(pdf.length) });
    await expect.poll(() => viewer.page.locator('embed.fjs-documentPreview-pdf-viewer').count()).toBe(1);
    expect(await viewer.text()).not.toContain('Unable to download document');
  });
});
