/**
 * Issues one notice for one job, idempotently: claim the next number (gap-free per office, type and year),
 * render the PDF, upload it through the Documents API, and remember the outcome under the job key. A retried
 * job (timed out, failed after the upload, or running twice at once) gets the same number and the same
 * document back; a failure before the outcome is stored keeps the number claimed for the retry.
 */
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
    const issuedOn = services.today();
    const office = settings.office;
    const { title, numberWord } = settings.noticeTypes[noticeType];
    const claimed = await state.nextNoticeNumber(office.code, noticeType, Number(issuedOn.slice(0, 4)), jobKey);
    const noticeNumber = formatNoticeNumber({ officeCode: office.code, year: claimed.year, numberWord, sequence: claimed.number });
    const pdf = await renderNoticePdf({ title, noticeNumber, issuedOn, office, content: request.content(office, issuedOn) }, settings.fonts);
    const reference = await documents.upload(pdf, {
      contentType: 'application/pdf',
      // no personal data in names or properties: they show up in lists and logs
      fileName: `${title}-${noticeNumber}.pdf`,
      processInstanceKey: request.processInstanceKey,
      customProperties: { noticeType, noticeNumber },
    });
    return { noticeNumber, issuedOn, document: { ...reference, endpoint: documentEndpoint(reference) } };
  });
}
