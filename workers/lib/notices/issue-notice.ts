/**
 * Issues one notice for one job, idempotently: claim the next number (gap-free per office, type and year),
 * render the PDF, upload it through the Documents API, and remember the outcome under the job key. A retried
 * job (timed out, failed after the upload, or running twice at once) gets the same number and the same
 * document back; a failure before the outcome is stored keeps the number claimed for the retry.
 *
 * A worker killed between its upload and recording the outcome must not upload a second copy: the number and the
 * date of issue are remembered first, the PDF is rendered from them byte for byte the same, and it is uploaded
 * under an id derived from the number, which the store accepts once (document-uploader.ts).
 */
import { createHash } from 'node:crypto';
import type { DocumentReference, DocumentUploader } from '../../runtime/document-uploader.js';
import { documentEndpoint } from '../../runtime/document-uploader.js';
import type { WorkerState } from '../../runtime/worker-state.js';
import type { NoticeContent } from './notice-content.js';
import { formatNoticeNumber } from './notice-number.js';
import type { NoticeSettings, NoticeType, OfficeSettings } from './notice-settings.js';
import { renderNoticePdf } from './render-notice-pdf.js';

export interface NoticeServices {
  readonly state: WorkerState;
  readonly documents: DocumentUploader;
  readonly settings: NoticeSettings;
  /** Today in the office's zone, YYYY-MM-DD. */
  today(): string;
}

/** The reference plus the `endpoint` a form's documentPreview needs. */
export type NoticeDocumentReference = DocumentReference & { endpoint: string };

export interface IssuedNotice {
  readonly noticeNumber: string;
  readonly issuedOn: string;
  readonly document: NoticeDocumentReference;
}

export interface NoticeRequest {
  readonly noticeType: NoticeType;
  readonly jobKey: string;
  readonly processInstanceKey?: string;
  readonly content: (office: OfficeSettings, issuedOn: string) => NoticeContent;
}

export function issueNotice(services: NoticeServices, request: NoticeRequest): Promise<IssuedNotice> {
  const { state, documents, settings } = services;
  const { noticeType, jobKey } = request;
  return state.remember(`notice:${noticeType}:${jobKey}`, async (): Promise<IssuedNotice> => {
    const office = settings.office;
    const { title, numberWord } = settings.noticeTypes[noticeType];
    const { issuedOn, year, sequence } = await state.remember(`notice-number:${noticeType}:${jobKey}`, async () => {
      const today = services.today();
      const claimed = await state.nextNoticeNumber(office.code, noticeType, Number(today.slice(0, 4)), jobKey);
      return { issuedOn: today, year: claimed.year, sequence: claimed.number };
    });
    const noticeNumber = formatNoticeNumber({ officeCode: office.code, year, numberWord, sequence });
    const pdf = await renderNoticePdf({ title, noticeNumber, issuedOn, office, content: request.content(office, issuedOn) }, settings.fonts);
    const reference = await documents.upload(pdf, {
      contentType: 'application/pdf',
      // no personal data in names or properties: they show up in lists and logs
      fileName: `${title}-${noticeNumber}.pdf`,
      processInstanceKey: request.processInstanceKey,
      // the title too, so that readers (the task list) name the notice from data, not by parsing the file name
      customProperties: { noticeType, noticeNumber, title },
    }, noticeDocumentId(office.code, noticeType, year, sequence));
    return { noticeNumber, issuedOn, document: { ...reference, endpoint: documentEndpoint(reference) } };
  });
}

/** One document id per notice number (letters and digits only: the office code is Chinese). */
export function noticeDocumentId(officeCode: string, noticeType: string, year: number, sequence: number): string {
  const digest = createHash('sha256').update(`${officeCode}\n${noticeType}\n${year}\n${sequence}`).digest('hex').slice(0, 32);
  return `notice-${year}-${digest}`;
}
