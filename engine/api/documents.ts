/**
 * Documents (Camunda 8.8): `POST /v2/documents` (multipart `file` + optional JSON `metadata` part, query
 * `storeId`, `documentId`) answers 201 with a document reference; `POST /v2/documents/batch` (multipart `files`
 * + optional JSON `metadataList`, one entry per file) answers 201, or 207 when some failed, with the created and
 * the failed documents; `GET /v2/documents/{documentId}` (query `storeId`, `contentHash`) answers the bytes with
 * their content type; `DELETE` removes one. `POST /v2/documents/{documentId}/links` (the SDK 8.8 calls `/link`)
 * answers a URL that reads the document without a login until it expires (`timeToLive` ms, default one hour on
 * the engine clock). A process keeps the reference in a variable, and a form's `documentPreview` reads the bytes
 * back through the GET.
 */
import type { CamundaRestApiTypes } from '@camunda8/sdk';
import { create as contentDisposition } from 'content-disposition';
import { Router, type Request, type Response } from 'express';
import multer from 'multer';
import { z } from 'zod';
import { InvalidArgumentError, NotFoundError } from '../errors.js';
import { LOCAL_STORE_ID, type Engine, type StoredDocument } from '../engine.js';
import { multipartBody, parseCheckedJson } from './request-bodies.js';
import { answerJson } from './json-answer.js';

/** Camunda SaaS allows 10 MB per document; notices are ~100 KB. */
const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

const storeIdSchema = z
  .string()
  .optional()
  .refine((id) => id === undefined || id === LOCAL_STORE_ID, { message: `only the document store '${LOCAL_STORE_ID}' exists` });

const createQuerySchema = z.object({ storeId: storeIdSchema, documentId: z.string().min(1).optional() });
const readQuerySchema = z.object({ storeId: storeIdSchema, contentHash: z.string().min(1).optional() });
const linkSchema = z.object({ timeToLive: z.number().int().positive().max(7 * 24 * 3600_000).optional() }).nullish();

/** Camunda's default link lifetime. */
const DEFAULT_LINK_TTL = 3600_000;
const MAX_BATCH_FILES = 50;

const metadataSchema = z
  .object({
    contentType: z.string().min(1).max(255).optional(),
    fileName: z.string().min(1).max(255).optional(),
    expiresAt: z.iso.datetime({ offset: true }).optional(),
    /** Computed from the bytes; a client value is ignored. */
    size: z.number().int().nonnegative().optional(),
    processDefinitionId: z.string().min(1).optional(),
    processInstanceKey: z.union([z.string().regex(/^[0-9]{1,25}$/), z.number().int()]).transform(String).optional(),
    customProperties: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

export function documentsRouter(engine: Engine): Router {
  const router = Router();
  // file names are UTF-8 on the wire (form-data, browsers): 补缴通知单.pdf must not arrive as latin1
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: MAX_DOCUMENT_BYTES, files: 1, fields: 4, fieldSize: 64 * 1024 },
    defParamCharset: 'utf8',
  });

  router.post('/', multipartBody(upload.single('file')), (req, res) => {
    const { documentId } = createQuerySchema.parse(req.query);
    const file = req.file;
    if (!file) throw new InvalidArgumentError("the multipart part 'file' is missing");
    const metadata = parseMetadata(req);
    const stored = engine.documents.create({
      documentId,
      content: file.buffer,
      metadata: {
        ...metadata,
        contentType: metadata.contentType ?? (file.mimetype || 'application/octet-stream'),
        fileName: metadata.fileName ?? (file.originalname || undefined),
      },
    });
    answerJson(res.status(201), documentReference(stored));
  });

  const batchUpload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: MAX_DOCUMENT_BYTES, files: MAX_BATCH_FILES, fields: 4, fieldSize: 256 * 1024 },
    defParamCharset: 'utf8',
  });

  router.post('/batch', batchUpload.array('files', MAX_BATCH_FILES), (req, res) => {
    createQuerySchema.pick({ storeId: true }).parse(req.query);
    const files = (req.files as Express.Multer.File[] | undefined) ?? [];
    if (files.length === 0) throw new InvalidArgumentError("the multipart part 'files' is missing");
    const metadataList = parseMetadataList(req, files.length);
    const createdDocuments: DocumentReference[] = [];
    const failedDocuments: CamundaRestApiTypes.UploadDocumentsResponse['failedDocuments'] = [];
    files.forEach((file, i) => {
      try {
        const metadata = metadataSchema.parse(metadataList[i] ?? {});
        const stored = engine.documents.create({
          content: file.buffer,
          metadata: {
            ...metadata,
            contentType: metadata.contentType ?? (file.mimetype || 'application/octet-stream'),
            fileName: metadata.fileName ?? (file.originalname || undefined),
          },
        });
        createdDocuments.push(documentReference(stored));
      } catch (error) {
        const detail = error instanceof z.ZodError ? error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ') : (error as Error).message;
        failedDocuments.push({ fileName: file.originalname, detail });
      }
    });
    answerJson(res.status(failedDocuments.length > 0 ? 207 : 201), { createdDocuments, failedDocuments } satisfies DocumentsCreatedResult);
  });

  const createLink = (req: Request, res: Response) => {
    const { contentHash } = readQuerySchema.parse(req.query);
    const body = linkSchema.parse(req.body);
    const stored = findDocument(engine, req.params.documentId as string);
    if (contentHash !== undefined && contentHash !== stored.contentHash) {
      throw new InvalidArgumentError(`Document hash for document ${stored.documentId} doesn't match the provided hash ${contentHash}`);
    }
    const expiresAt = engine.clock.now() + (body?.timeToLive ?? DEFAULT_LINK_TTL);
    const token = engine.documents.createLinkToken(stored.documentId, expiresAt);
    const url = `${req.protocol}://${req.get('host')}${req.baseUrl}/${encodeURIComponent(stored.documentId)}/links/${token}`;
    answerJson(res.status(201), { url, expiresAt: new Date(expiresAt).toISOString() } satisfies CamundaRestApiTypes.CreateDocumentLinkResponse);
  };
  router.post('/:documentId/links', createLink);
  // @camunda8/sdk 8.8's createDocumentLink calls this path
  router.post('/:documentId/link', createLink);

  // what a link points to: the token is the authorization
  router.get('/:documentId/links/:token', (req, res) => {
    const { documentId, token } = req.params;
    const stored = engine.documents.find(documentId);
    if (!stored || !engine.documents.verifyLinkToken(documentId, token, engine.clock.now())) {
      throw new NotFoundError('the document link is unknown or has expired');
    }
    sendContent(engine, res, stored);
  });

  router.get('/:documentId', (req, res) => {
    const { contentHash } = readQuerySchema.parse(req.query);
    const stored = findDocument(engine, req.params.documentId);
    if (contentHash !== undefined && contentHash !== stored.contentHash) {
      throw new InvalidArgumentError(`Document hash for document ${stored.documentId} doesn't match the provided hash ${contentHash}`);
    }
    sendContent(engine, res, stored);
  });

  router.delete('/:documentId', (req, res) => {
    readQuerySchema.parse(req.query);
    const stored = findDocument(engine, req.params.documentId);
    engine.documents.delete(stored.documentId);
    res.status(204).end();
  });

  return router;
}

// helpers

function sendContent(engine: Engine, res: Response, stored: StoredDocument): void {
  res.type(stored.metadata.contentType);
  if (stored.metadata.fileName) res.setHeader('Content-Disposition', contentDisposition(stored.metadata.fileName, { type: 'inline' }));
  res.send(engine.documents.content(stored.documentId));
}

/** The optional `metadataList` part: a JSON array with one metadata object per file, in file order. */
function parseMetadataList(req: Request, files: number): unknown[] {
  const raw = (req.body as Record<string, unknown> | undefined)?.metadataList;
  if (raw === undefined || raw === '') return [];
  const json = parseCheckedJson(String(raw), 'metadataList');
  if (!Array.isArray(json) || json.length !== files) {
    throw new InvalidArgumentError(`the multipart part 'metadataList' must be a JSON array with one entry per file (${files})`);
  }
  return json;
}

function parseMetadata(req: Request): z.output<typeof metadataSchema> {
  const raw = (req.body as Record<string, unknown> | undefined)?.metadata;
  if (raw === undefined || raw === '') return {};
  return metadataSchema.parse(parseCheckedJson(String(raw), 'metadata'));
}

function findDocument(engine: Engine, documentId: string): StoredDocument {
  const stored = engine.documents.find(documentId);
  if (!stored) throw new NotFoundError(`Document with id '${documentId}' not found`);
  return stored;
}

/** The reference a process variable holds (Camunda's DocumentReference). */
/**
 * A document reference: the SDK's UploadDocumentResponse, except that custom properties may hold any JSON value
 * (Camunda 8.8 takes any; the SDK's type allows only strings, numbers, booleans and null).
 */
type DocumentReference = Omit<CamundaRestApiTypes.UploadDocumentResponse, 'metadata'> & { metadata: StoredDocument['metadata'] };

type DocumentsCreatedResult = Omit<CamundaRestApiTypes.UploadDocumentsResponse, 'createdDocuments'> & { createdDocuments: DocumentReference[] };

function documentReference(stored: StoredDocument): DocumentReference {
  return {
    'camunda.document.type': 'camunda',
    storeId: LOCAL_STORE_ID,
    documentId: stored.documentId,
    contentHash: stored.contentHash,
    metadata: stored.metadata,
  };
}
