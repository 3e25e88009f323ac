/**
 * Uploads generated files through the Camunda 8.8 Documents API with the SDK's own `uploadDocument`, so the
 * same code stores notices in the embedded engine's local store and in a cluster's (GCP, AWS, …). The SDK wants
 * a file ReadStream (form-data measures the part from the file), so the bytes pass through a temporary file.
 *
 * With a `documentId` chosen by the caller an upload happens at most once: a worker that died after its upload
 * but before it recorded the answer gets 409 the next time, and the reference is rebuilt from the same bytes
 * (the SHA-256 content hash) after reading the stored copy back with that hash. If the stored copy differs, the
 * upload fails instead of storing a second document.
 */
import type { Camunda8 } from '@camunda8/sdk';
import { createHash } from 'node:crypto';
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isEngineUnreachable } from './engine-unreachable.js';

type RestClient = ReturnType<Camunda8['getCamundaRestClient']>;

export interface DocumentMetadata {
  contentType: string;
  fileName: string;
  processInstanceKey?: string;
  customProperties?: Record<string, string | number | boolean | null>;
}

/** Camunda's document reference, as a process variable holds it. */
export interface DocumentReference {
  'camunda.document.type': 'camunda';
  storeId: string;
  documentId: string;
  contentHash: string;
  metadata: Record<string, unknown>;
}

export interface DocumentUploader {
  /** `documentId`: the caller's id, so that a repeated upload of the same document is refused (see above). */
  upload(content: Buffer, metadata: DocumentMetadata, documentId?: string): Promise<DocumentReference>;
}

/** The store the embedded engine has; a reference rebuilt after a 409 names it. */
const DEFAULT_STORE_ID = 'local';

export function sdkDocumentUploader(client: RestClient): DocumentUploader {
  return {
    async upload(content, metadata, documentId) {
      const dir = mkdtempSync(join(tmpdir(), 'worker-upload-'));
      try {
        const path = join(dir, 'document');
        writeFileSync(path, content);
        const response = await client.uploadDocument({ file: createReadStream(path), metadata, documentId });
        // the SDK answers a lossless DTO; the process variable is plain JSON
        return JSON.parse(JSON.stringify(response)) as DocumentReference;
      } catch (error) {
        if (documentId === undefined || statusOf(error) !== 409) throw error;
        return alreadyUploaded(client, content, metadata, documentId);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * The `endpoint` a form's documentPreview fetches, relative to the web apps' origin (they serve `/v2`), with
 * the content hash Camunda checks on download.
 */
export function documentEndpoint(reference: DocumentReference): string {
  const query = new URLSearchParams({ storeId: reference.storeId, contentHash: reference.contentHash });
  return `/v2/documents/${encodeURIComponent(reference.documentId)}?${query.toString()}`;
}

// helpers

/** The reference of a document an earlier attempt uploaded, checked against the stored bytes. */
async function alreadyUploaded(client: RestClient, content: Buffer, metadata: DocumentMetadata, documentId: string): Promise<DocumentReference> {
  const contentHash = createHash('sha256').update(content).digest('hex');
  const stored = await client.downloadDocument({ documentId, contentHash }).catch((error: unknown) => {
    if (isEngineUnreachable(error)) throw error; // says nothing about the stored copy: the job tries again
    throw new Error(`document ${documentId} was uploaded before with other content (${statusOf(error) ?? (error as Error).message}); not uploading it twice`);
  });
  if (!Buffer.from(stored).equals(content)) throw new Error(`document ${documentId} was uploaded before with other content; not uploading it twice`);
  return {
    'camunda.document.type': 'camunda',
    storeId: DEFAULT_STORE_ID,
    documentId,
    contentHash,
    metadata: { ...metadata, size: content.length },
  };
}

function statusOf(error: unknown): number | undefined {
  return (error as { response?: { statusCode?: number } } | undefined)?.response?.statusCode;
}
