/**
 * Where a form's documentPreview downloads a notice. form-js ignores a document `endpoint` that is not an
 * absolute URL, and the notices carry `/v2/documents/{id}?…` relative to the web apps' origin (which serves or
 * proxies `/v2`), so the endpoint is resolved against the page's origin; a reference without one gets Camunda's
 * documents path. The browser sends the session cookie with it (same origin).
 */
import type { DocumentReference } from '../api/camunda-types.js';

export const documentEndpointBuilder = {
  buildUrl(document: DocumentReference): string {
    return documentUrl(document);
  },
};

export function documentUrl(document: DocumentReference): string {
  if (document.endpoint) return new URL(document.endpoint, window.location.origin).href;
  const query = new URLSearchParams();
  if (document.storeId) query.set('storeId', document.storeId);
  if (document.contentHash) query.set('contentHash', document.contentHash);
  return new URL(`/v2/documents/${encodeURIComponent(document.documentId)}?${query}`, window.location.origin).href;
}
