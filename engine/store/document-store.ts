/**
 * The Documents API's store (Camunda's "local" document store): one content file and one metadata file per
 * document under `<dataDir>/documents/`. The only code that touches those files.
 *
 * - A document exists once its metadata file exists: content is written first, metadata last, each through a
 *   temporary file renamed into place, so a crash never leaves a half-written document visible.
 * - `contentHash` is the SHA-256 of the bytes (hex), as Camunda's stores compute it; readers may pass it back
 *   to prove they hold a reference rather than a guessed id.
 * - Ids are UUIDs unless the client chooses one; chosen ids are restricted to a safe file-name alphabet.
 * - Links: a link token is the expiry time, the link clock's mark and generation (link-clock.ts) and an HMAC of
 *   document id, expiry, mark and generation, keyed with a secret kept in the store (`.link-secret`, made once), so links survive a restart
 *   and cannot be forged or extended, and a link lives no longer when the engine clock is set back.
 */
import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { AlreadyExistsError, InvalidArgumentError } from '../errors.js';
import { writeAtomically } from './atomic-write.js';
import { LinkClock } from './link-clock.js';

/** The id of the only store this engine has; `storeId` parameters must be absent or equal to it. */
export const LOCAL_STORE_ID = 'local';

/** Client-chosen ids: letters, digits, `.`, `_`, `-`; no `..`, so never a path. */
export const DOCUMENT_ID_PATTERN = /^(?!.*\.\.)[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export interface StoredDocumentMetadata {
  contentType: string;
  fileName?: string;
  expiresAt?: string;
  size: number;
  processDefinitionId?: string;
  processInstanceKey?: string;
  customProperties?: Record<string, unknown>;
}

export interface StoredDocument {
  documentId: string;
  contentHash: string;
  metadata: StoredDocumentMetadata;
}

export interface NewDocument {
  content: Buffer;
  metadata: Omit<StoredDocumentMetadata, 'size'>;
  /** Client-chosen id; a fresh UUID when absent. */
  documentId?: string;
}

export class DocumentStore {
  private readonly dir: string;

  private readonly linkClock: LinkClock;

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'documents');
    mkdirSync(this.dir, { recursive: true });
    // a restart unpins the engine clock
    this.linkClock = new LinkClock(this.dir, Date.now());
    // a temporary file can only be left by a write the process did not live to finish (killed, disk full)
    for (const name of readdirSync(this.dir)) if (name.endsWith('.tmp')) rmSync(join(this.dir, name), { force: true });
  }

  create(document: NewDocument): StoredDocument {
    const documentId = document.documentId ?? randomUUID();
    if (!DOCUMENT_ID_PATTERN.test(documentId)) {
      throw new InvalidArgumentError(`documentId '${documentId}' must be 1–128 letters, digits, '.', '_' or '-' (no '..')`);
    }
    if (existsSync(this.metadataPath(documentId))) throw new AlreadyExistsError(`Document with id '${documentId}' already exists`);
    const stored: StoredDocument = {
      documentId,
      contentHash: createHash('sha256').update(document.content).digest('hex'),
      metadata: { ...document.metadata, size: document.content.length },
    };
    writeAtomically(this.contentPath(documentId), document.content);
    try {
      writeAtomically(this.metadataPath(documentId), Buffer.from(JSON.stringify(stored)));
    } catch (error) {
      rmSync(this.contentPath(documentId), { force: true });
      throw error;
    }
    return stored;
  }

  /** The document's reference data, or `undefined` when there is none with this id. */
  find(documentId: string): StoredDocument | undefined {
    if (!DOCUMENT_ID_PATTERN.test(documentId)) return undefined;
    try {
      return JSON.parse(readFileSync(this.metadataPath(documentId), 'utf8')) as StoredDocument;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  content(documentId: string): Buffer {
    return readFileSync(this.contentPath(documentId));
  }

  /** Removes the document; answers whether there was one. */
  delete(documentId: string): boolean {
    if (!this.find(documentId)) return false;
    rmSync(this.metadataPath(documentId), { force: true });
    rmSync(this.contentPath(documentId), { force: true });
    return true;
  }

  /** A token that grants reading the document until `expiresAt` (epoch ms). */
  createLinkToken(documentId: string, expiresAt: number): string {
    const { generation, mark } = this.linkClock.mark;
    return `${expiresAt}.${mark}.${generation}.${this.sign(documentId, expiresAt, mark, generation)}`;
  }

  /**
   * Whether `token` was made for this document and has not expired by `now` (epoch ms), its expiry moved back by
   * every set-back of the engine clock since it was made.
   */
  verifyLinkToken(documentId: string, token: string, now: number): boolean {
    const parts = token.split('.');
    // tokens made before links carried the clock's generation (3 parts) or its mark (2 parts: mark 0, expiry signed alone)
    const [expiry, markText, generation, signature] =
      parts.length === 2 ? [parts[0], undefined, undefined, parts[1]] : parts.length === 3 ? [parts[0], parts[1], undefined, parts[2]] : parts;
    const expiresAt = Number(expiry);
    const mark = markText === undefined ? 0 : Number(markText);
    if (parts.length > 4 || !Number.isSafeInteger(expiresAt) || !Number.isSafeInteger(mark) || mark < 0 || !signature) return false;
    if (this.linkClock.expired(generation, mark, expiresAt, now)) return false;
    const expected = Buffer.from(this.sign(documentId, expiresAt, markText === undefined ? undefined : mark, generation));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  /**
   * The engine clock showed `before` and is to show `after` from now on, pinned there or not (null): called before
   * the clock moves, so a failed save (disk full) throws and the clock stays where it was.
   */
  clockMoved(before: number, after: number, pinned: number | null): void {
    this.linkClock.moved(before, after, pinned);
  }

  // helpers

  private sign(documentId: string, expiresAt: number, mark: number | undefined, generation: string | undefined): string {
    const signed = [documentId, expiresAt, mark, generation].filter((part) => part !== undefined).join('.');
    return createHmac('sha256', this.linkSecret()).update(signed).digest('base64url');
  }

  private secret: Buffer | undefined;

  private linkSecret(): Buffer {
    if (this.secret) return this.secret;
    const path = join(this.dir, '.link-secret');
    if (!existsSync(path)) writeAtomically(path, randomBytes(32));
    return (this.secret = readFileSync(path));
  }

  private contentPath(documentId: string): string {
    return join(this.dir, `${documentId}.content`);
  }

  private metadataPath(documentId: string): string {
    return join(this.dir, `${documentId}.json`);
  }
}
