/**
 * Uploads generated files through the Camunda 8.8 Documents API with the SDK's own `uploadDocument`, so the
 * same code stores notices in the embedded engine's local store and in a cluster's (GCP, AWS, …). The SDK wants
 * a file ReadStream (form-data measures the part from the file), so the bytes pass through a temporary file.
 */
import type { Camunda8 } from '@camunda8/sdk';
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
  upload(content: Buffer, metadata: DocumentMetadata): Promise<DocumentReference>;
}

export function sdkDocumentUploader(client: RestClient): DocumentUploader {
  return {
    async upload(content, metadata) {
      const dir = mkdtempSync(join(tmpdir(), 'worker-upload-'));
      try {
        const path = join(dir, 'document');
        writeFileSync(path, content);
        const response = await client.uploadDocument({ file: createReadStream(path), metadata });
        // the SDK answers a lossless DTO; the process variable is plain JSON
        return JSON.parse(JSON.stringify(response)) as DocumentReference;
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
