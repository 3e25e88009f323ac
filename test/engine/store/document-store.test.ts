/**
 * What a killed write leaves in the document store: a temporary file (the bytes went to `<name>.<pid>.<uuid>.tmp`
 * and the process died before the rename). The next start removes it and keeps every whole document. And what
 * set-backs of the engine clock do to links (a restart or reset from a clock pinned ahead): a link lives the rest of
 * its time, no longer, and one that expired stays expired, also when the set-backs' record (.link-clock) is lost.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

describe('DocumentStore whose link clock file cannot be read', () => {
  it('should stop the start rather than expire every link for good', () => {
    // given a link, then the file unreadable (a directory in its place: EISDIR, as EACCES or EIO would be)
    dataDir = mkdtempSync(join(tmpdir(), 'document-store-'));
    const first = new DocumentStore(dataDir);
    const { documentId } = first.create({ content: Buffer.from('%PDF-1.7'), metadata: { contentType: 'application/pdf' } });
    const token = first.createLinkToken(documentId, Date.now() + 60_000);
    const file = join(dataDir, 'documents', '.link-clock');
    const saved = readFileSync(file);
    rmSync(file);
    mkdirSync(file);

    // when / then: the start fails, and once the fault is gone the link is still good
    expect(() => new DocumentStore(dataDir!)).toThrow(/EISDIR/);
    rmSync(file, { recursive: true });
    writeFileSync(file, saved);
    expect(new DocumentStore(dataDir).verifyLinkToken(documentId, token, Date.now())).toBe(true);
  });
});

describe('DocumentStore links made on a clock pinned ahead', () => {
  it('should give a link the rest of its time once the clock is reset, not the time the clock was ahead', () => {
    // given a one-minute link made on a clock pinned a year ahead, 10 s before the clock is reset
    dataDir = mkdtempSync(join(tmpdir(), 'document-store-'));
    const now = Date.parse('2026-12-05T09:00:00Z');
    const ahead = now + 365 * 24 * 3600_000;
    const store = new DocumentStore(dataDir);
    const { documentId } = store.create({ content: Buffer.from('%PDF-1.7'), metadata: { contentType: 'application/pdf' } });
    store.clockMoved(now, ahead, ahead);
    const token = store.createLinkToken(documentId, ahead + 60_000);

    // when the clock is reset to the system time
    store.clockMoved(ahead + 10_000, now + 10_000, null);
    const restarted = new DocumentStore(dataDir);

    // then it lives its remaining 50 s, also after a restart
    for (const reader of [store, restarted]) {
      expect(reader.verifyLinkToken(documentId, token, now + 59_999)).toBe(true);
      expect(reader.verifyLinkToken(documentId, token, now + 60_000)).toBe(false);
      expect(reader.verifyLinkToken(documentId, token, ahead)).toBe(false);
    }
  });
});

describe('DocumentStore without its link clock file', () => {
  it('should refuse the links a set-back had expired, and every other earlier one, once .link-clock is deleted', () => {
    // given a link that expired at 09:01 when the clock was then set back to 09:00, and one still valid
    dataDir = mkdtempSync(join(tmpdir(), 'document-store-'));
    const nine = Date.parse('2026-03-02T01:00:00Z');
    const first = new DocumentStore(dataDir);
    const { documentId } = first.create({ content: Buffer.from('%PDF-1.7'), metadata: { contentType: 'application/pdf' } });
    first.clockMoved(Date.now(), nine, nine);
    const expired = first.createLinkToken(documentId, nine + 60_000);
    first.clockMoved(nine, nine + 60_001, nine + 60_001);
    first.clockMoved(nine + 60_001, nine, nine);
    const valid = first.createLinkToken(documentId, nine + 3600_000);
    expect(first.verifyLinkToken(documentId, expired, nine)).toBe(false);
    expect(first.verifyLinkToken(documentId, valid, nine)).toBe(true);

    // when the file is deleted, and the engine restarts
    rmSync(join(dataDir, 'documents', '.link-clock'));
    const second = new DocumentStore(dataDir);
    const granted = second.createLinkToken(documentId, Date.now() + 60_000);
    const third = new DocumentStore(dataDir);

    // then nothing made before is proven valid, and the links made since are (also after the next restart)
    expect(second.verifyLinkToken(documentId, expired, nine)).toBe(false);
    expect(second.verifyLinkToken(documentId, valid, nine)).toBe(false);
    expect(second.verifyLinkToken(documentId, granted, Date.now())).toBe(true);
    expect(third.verifyLinkToken(documentId, granted, Date.now())).toBe(true);
  });

  it('should grant the links of a fresh install, also after a restart', () => {
    // given an empty data directory
    dataDir = mkdtempSync(join(tmpdir(), 'document-store-'));
    const fresh = new DocumentStore(dataDir);
    const { documentId } = fresh.create({ content: Buffer.from('%PDF-1.7'), metadata: { contentType: 'application/pdf' } });

    // when
    const token = fresh.createLinkToken(documentId, Date.now() + 60_000);
    const restarted = new DocumentStore(dataDir);

    // then
    expect(fresh.verifyLinkToken(documentId, token, Date.now())).toBe(true);
    expect(restarted.verifyLinkToken(documentId, token, Date.now())).toBe(true);
  });

  it('should keep refusing the links made before the file was lost, however far the clock is set back since', () => {
    // given a 30-day link made after a reset from a clock pinned a year ahead, then the file deleted and a restart
    dataDir = mkdtempSync(join(tmpdir(), 'document-store-'));
    const year = 365 * 24 * 3600_000;
    const first = new DocumentStore(dataDir);
    const { documentId } = first.create({ content: Buffer.from('%PDF-1.7'), metadata: { contentType: 'application/pdf' } });
    first.clockMoved(Date.now(), Date.now() + year, Date.now() + year);
    first.clockMoved(Date.now() + year, Date.now(), null);
    const old = first.createLinkToken(documentId, Date.now() + 30 * 24 * 3600_000);
    rmSync(join(dataDir, 'documents', '.link-clock'));
    const second = new DocumentStore(dataDir);
    expect(second.verifyLinkToken(documentId, old, Date.now())).toBe(false);

    // when the clock is pinned a year ahead and reset again
    second.clockMoved(Date.now(), Date.now() + year + 3600_000, Date.now() + year + 3600_000);
    second.clockMoved(Date.now() + year + 3600_000, Date.now(), null);
    const third = new DocumentStore(dataDir);

    // then the old link stays refused, and a new one is granted
    expect(second.verifyLinkToken(documentId, old, Date.now())).toBe(false);
    expect(third.verifyLinkToken(documentId, old, Date.now())).toBe(false);
    expect(third.verifyLinkToken(documentId, third.createLinkToken(documentId, Date.now() + 60_000), Date.now())).toBe(true);
  });

  it('should start a new generation when the set-backs would sum past the safe integers, and grant its links', () => {
    // given a link, and the clock set back from the latest date to 0 once
    dataDir = mkdtempSync(join(tmpdir(), 'document-store-'));
    const latest = 8.64e15;
    const store = new DocumentStore(dataDir);
    const { documentId } = store.create({ content: Buffer.from('%PDF-1.7'), metadata: { contentType: 'application/pdf' } });
    const early = store.createLinkToken(documentId, Date.now() + 3600_000);
    store.clockMoved(latest, 0, 0);
    store.clockMoved(0, latest, latest);

    // when it is set back as far again (the sum would pass Number.MAX_SAFE_INTEGER)
    store.clockMoved(latest, 0, null);
    const restarted = new DocumentStore(dataDir);

    // then the earlier link is refused, and the new ones granted, also after a restart
    const granted = store.createLinkToken(documentId, 60_000);
    expect(store.verifyLinkToken(documentId, early, 0)).toBe(false);
    expect(store.verifyLinkToken(documentId, granted, 0)).toBe(true);
    expect(restarted.verifyLinkToken(documentId, granted, 0)).toBe(true);
    expect(Number(granted.split('.')[1])).toBe(0);
  });

  it('should keep the links made when the file counted set-backs and had counted none', () => {
    // given a link of mark 0 from a store whose file is of the earliest form, without set-backs
    dataDir = mkdtempSync(join(tmpdir(), 'document-store-'));
    const earlier = new DocumentStore(dataDir);
    const { documentId } = earlier.create({ content: Buffer.from('%PDF-1.7'), metadata: { contentType: 'application/pdf' } });
    const file = join(dataDir, 'documents', '.link-clock');
    writeFileSync(file, JSON.stringify({ epoch: 0, setBacks: [], pinned: null }));
    const token = earlierToken(documentId, Date.now() + 60_000, 0);

    // when
    const upgraded = new DocumentStore(dataDir);
    const restarted = new DocumentStore(dataDir);

    // then
    expect(upgraded.verifyLinkToken(documentId, token, Date.now())).toBe(true);
    expect(restarted.verifyLinkToken(documentId, token, Date.now())).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ setBack: 0, unmarked: true, pinned: null });
  });

  it('should keep the links of a file without generations that recorded no set-back, and move their expiry back with later ones', () => {
    // given a one-hour link of mark 0 made under a file of the form before generations, that never recorded a set-back
    dataDir = mkdtempSync(join(tmpdir(), 'document-store-'));
    const nine = Date.parse('2026-12-05T01:00:00Z');
    const earlier = new DocumentStore(dataDir);
    const { documentId } = earlier.create({ content: Buffer.from('%PDF-1.7'), metadata: { contentType: 'application/pdf' } });
    writeFileSync(join(dataDir, 'documents', '.link-clock'), JSON.stringify({ setBack: 0, since: 0, pinned: null }));
    const token = earlierToken(documentId, nine + 3600_000, 0);
    const unmarked = earlierToken(documentId, nine + 3600_000);

    // when the store is upgraded, and the clock later set back ten minutes
    const upgraded = new DocumentStore(dataDir);
    const valid = upgraded.verifyLinkToken(documentId, token, nine) && upgraded.verifyLinkToken(documentId, unmarked, nine);
    upgraded.clockMoved(nine + 1800_000, nine + 1200_000, nine + 1200_000);

    // then both live their time, less the set-back
    expect(valid).toBe(true);
    expect(upgraded.verifyLinkToken(documentId, token, nine + 2999_999)).toBe(true);
    expect(upgraded.verifyLinkToken(documentId, token, nine + 3000_000)).toBe(false);
    expect(upgraded.verifyLinkToken(documentId, unmarked, nine + 3000_000)).toBe(false);
  });

  it('should expire the links of a file without generations once it had recorded a set-back', () => {
    // given a link of mark 5 made under a file of the form before generations that had recorded set-backs
    dataDir = mkdtempSync(join(tmpdir(), 'document-store-'));
    const earlier = new DocumentStore(dataDir);
    const { documentId } = earlier.create({ content: Buffer.from('%PDF-1.7'), metadata: { contentType: 'application/pdf' } });
    writeFileSync(join(dataDir, 'documents', '.link-clock'), JSON.stringify({ setBack: 5, since: 0, pinned: null }));
    const token = earlierToken(documentId, Date.now() + 3600_000, 5);

    // when
    const upgraded = new DocumentStore(dataDir);

    // then it expires, and the new links are granted
    expect(upgraded.verifyLinkToken(documentId, token, Date.now())).toBe(false);
    expect(upgraded.verifyLinkToken(documentId, upgraded.createLinkToken(documentId, Date.now() + 60_000), Date.now())).toBe(true);
  });
});

/** A token as the store made them before links carried a generation (with a mark) or a mark (without). */
function earlierToken(documentId: string, expiresAt: number, mark?: number): string {
  const path = join(dataDir, 'documents', '.link-secret');
  if (!existsSync(path)) writeFileSync(path, randomBytes(32));
  const secret = readFileSync(path);
  const signed = mark === undefined ? `${documentId}.${expiresAt}` : `${documentId}.${expiresAt}.${mark}`;
  const signature = createHmac('sha256', secret).update(signed).digest('base64url');
  return mark === undefined ? `${expiresAt}.${signature}` : `${expiresAt}.${mark}.${signature}`;
}
