/**
 * What a killed write leaves in the document store: a temporary file (the bytes went to `<name>.<pid>.<uuid>.tmp`
 * and the process died before the rename). The next start removes it and keeps every whole document.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DocumentStore } from '../../../engine/store/document-store.js';

let dataDir: string;

afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe('DocumentStore after a killed write', () => {
  it('should remove temporary files on start and keep every whole document', () => {
    // given
    dataDir = mkdtempSync(join(tmpdir(), 'document-store-'));
    const first = new DocumentStore(dataDir);
    const kept = first.create({ content: Buffer.from('%PDF-1.7 一次性告知书'), metadata: { contentType: 'application/pdf', fileName: '告知书.pdf' } });
    const leftover = join(dataDir, 'documents', `${kept.documentId}.json.4242.0f0e.tmp`);
    writeFileSync(leftover, '{"half":');

    // when
    const second = new DocumentStore(dataDir);

    // then
    expect(existsSync(leftover)).toBe(false);
    expect(readdirSync(join(dataDir, 'documents')).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(second.find(kept.documentId)?.documentId).toBe(kept.documentId);
    expect(second.content(kept.documentId).toString()).toBe('%PDF-1.7 一次性告知书');
  });
});
