/**
 * The notices the case's workers generated, each named by its Chinese name and number (一次性告知书, 不予受理告知书 …),
 * shown with form-js's documentPreview (the PDF is downloaded from /v2/documents through the documentEndpointBuilder)
 * and printable: 打印 loads the PDF into a frame and opens the browser's print dialog. `leftOut`: the case holds more
 * notice data than was read; the page says a notice may be missing (never 尚未生成 for a list that may be cut short).
 */
import { useMemo } from 'preact/hooks';
import type { DocumentReference } from '../../../web-shared/src/api/camunda-types.js';
import { documentUrl } from '../../../web-shared/src/form-js/document-endpoint-builder.js';
import { LazyFormView as FormView } from '../../../web-shared/src/form-js/lazy-form-view.js';
import { noticeLabel, type Notice } from '../case-data.js';
import type { LeftOut } from '../capped-search.js';
import { t } from '../texts.js';

export function CaseNotices({ notices, leftOut }: { notices: Notice[]; leftOut?: LeftOut }) {
  const { schema, data } = useMemo(() => previewForm(notices), [notices]);
  const note = leftOut && (
    <p class="muted notices-left-out" role="note">
      {t.notices.leftOut(leftOut.shown, leftOut.total)}
    </p>
  );
  if (notices.length === 0) return note ?? <p class="muted">{t.notices.none}</p>;
  return (
    <div class="notices">
      {note}
      <ul class="notice-actions no-print">
        {notices.flatMap((notice) =>
          notice.documents.map((document) => (
            <li key={document.documentId}>
              <span>{notice.number ? noticeLabel(notice) : document.metadata.fileName}</span>
              <button onClick={() => void printDocument(document)}>{t.notices.print}</button>
              <a href={documentUrl(document)} target="_blank" rel="noopener">
                {t.notices.open}
              </a>
            </li>
          )),
        )}
      </ul>
      <FormView schema={schema} data={data} readOnly />
    </div>
  );
}

// helpers

function previewForm(notices: Notice[]) {
  const data: Record<string, unknown> = {};
  const components = notices.map((notice, index) => {
    const key = `notice${index}`;
    data[key] = notice.documents;
    return { type: 'documentPreview', id: `notice-preview-${index}`, label: noticeLabel(notice), dataSource: `=${key}`, maxHeight: 640 };
  });
  return { schema: { type: 'default', id: 'case-notices', schemaVersion: 18, components }, data };
}

async function printDocument(document: DocumentReference): Promise<void> {
  const response = await fetch(documentUrl(document), { credentials: 'same-origin' });
  if (!response.ok) return;
  const url = URL.createObjectURL(await response.blob());
  const frame = window.document.createElement('iframe');
  frame.className = 'print-frame';
  frame.src = url;
  frame.onload = () => {
    try {
      frame.contentWindow?.print();
    } catch {
      window.open(url, '_blank');
    }
  };
  window.document.body.appendChild(frame);
  window.setTimeout(() => {
    frame.remove();
    URL.revokeObjectURL(url);
  }, 60_000);
}
