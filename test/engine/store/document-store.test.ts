/**
 * What a killed write leaves in the document store: a temporary file (the bytes went to `<name>.<pid>.<uuid>.tmp`
 * and the process died before the rename). The next start removes it and keeps every whole document. And what a
 * restart does to links made while the engine clock was pinned ahead: they stay expired.
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

describe('DocumentStore links across a restart', () => {
  it('should keep a link expired that expired on a clock pinned ahead, once a restart turns the clock back', () => {
    // given a link made and expired while the engine clock was pinned a year ahead
    dataDir = mkdtempSync(join(tmpdir(), 'document-store-'));
    const ahead = Date.now() + 365 * 24 * 3600_000;
    const first = new DocumentStore(dataDir);
    const { documentId } = first.create({ content: Buffer.from('%PDF-1.7'), metadata: { contentType: 'application/pdf' } });
    first.clockMoved(Date.now(), ahead, ahead);
    const token = first.createLinkToken(documentId, ahead + 60_000);
    first.clockMoved(ahead, ahead + 60_001, ahead + 60_001);

    // when the engine restarts: its clock is the system time again
    const second = new DocumentStore(dataDir);

    // then
    expect(first.verifyLinkToken(documentId, token, ahead + 60_001)).toBe(false);
    expect(second.verifyLinkToken(documentId, token, Date.now())).toBe(false);
    expect(second.verifyLinkToken(documentId, second.createLinkToken(documentId, Date.now() + 60_000), Date.now())).toBe(true);
  });
});

describe('DocumentStore with an unreadable link clock file', () => {
  it('should start, refuse the links made before and grant new ones', () => {
    // given a link, then the set-back record damaged
    dataDir = mkdtempSync(join(tmpdir(), 'document-store-'));
    const first = new DocumentStore(dataDir);
    const { documentId } = first.create({ content: Buffer.from('%PDF-1.7'), metadata: { contentType: 'application/pdf' } });
    const earlier = first.createLinkToken(documentId, Date.now() + 60_000);
    writeFileSync(join(dataDir, 'documents', '.link-clock'), '{"epoch":');

    // when
    const second = new DocumentStore(dataDir);
    const granted = second.createLinkToken(documentId, Date.now() + 60_000);
    const third = new DocumentStore(dataDir);

    // then (also after the next restart)
    expect(second.verifyLinkToken(documentId, earlier, Date.now())).toBe(false);
    expect(second.verifyLinkToken(documentId, granted, Date.now())).toBe(true);
    expect(third.verifyLinkToken(documentId, granted, Date.now())).toBe(true);
  });
});
