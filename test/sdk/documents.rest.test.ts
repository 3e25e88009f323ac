/**
 * Conformance: POST /v2/documents/batch (CamundaRestClient.uploadDocuments) and document links
 * (CamundaRestClient.createDocumentLink → POST /v2/documents/{id}/link, and the spec's /links): a link reads the
 * document without credentials until it expires on the engine clock (setting that clock back gives it no more time).
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngine, type EngineFixture } from '../support/engine-fixture.js';
import { problemOf } from '../support/problem-of.js';
import { TEST_CLUSTER } from '../support/test-cluster.js';

let engine: EngineFixture;
let folder: string;

beforeAll(async () => {
  engine = await startEngine();
  folder = mkdtempSync(join(tmpdir(), 'documents-batch-'));
});

afterAll(async () => {
  await engine.stop();
  rmSync(folder, { recursive: true, force: true });
});

describe('POST /v2/documents/batch', () => {
  it('should store every file and answer 201 with their references', async () => {
    // given
    const first = file('申请表.pdf', randomBytes(2048));
    const second = file('身份证明.png', randomBytes(1024));

    // when
    const result = await engine.client.uploadDocuments({ files: [createReadStream(first.path), createReadStream(second.path)] });

    // then
    expect(result.failedDocuments).toEqual([]);
    expect(result.createdDocuments.map((d) => d.metadata.fileName)).toEqual(['申请表.pdf', '身份证明.png']);
    for (const [i, reference] of result.createdDocuments.entries()) {
      const bytes = await engine.client.downloadDocument({ documentId: reference.documentId, contentHash: reference.contentHash });
      expect(Buffer.compare(bytes, [first, second][i]!.bytes)).toBe(0);
      expect(reference.metadata.size).toBe([first, second][i]!.bytes.length);
    }
  });

  it('should answer 207 naming the file whose metadata was refused, and keep the others', async () => {
    // given
    const form = new FormData();
    form.append('files', new Blob([Buffer.from('a')], { type: 'text/plain' }), 'good.txt');
    form.append('files', new Blob([Buffer.from('b')], { type: 'text/plain' }), 'bad.txt');
    form.append('metadataList', JSON.stringify([{ customProperties: { caseNo: '1' } }, { expiresAt: 'tomorrow' }]));

    // when
    const response = await engine.fetch('/v2/documents/batch', { method: 'POST', body: form });

    // then
    expect(response.status).toBe(207);
    const body = (await response.json()) as { createdDocuments: { metadata: { fileName: string } }[]; failedDocuments: { fileName: string; detail: string }[] };
    expect(body.createdDocuments.map((d) => d.metadata.fileName)).toEqual(['good.txt']);
    expect(body.failedDocuments).toEqual([{ fileName: 'bad.txt', detail: expect.stringMatching(/expiresAt/) }]);
  });

  it('should answer 400 without files or with a metadataList of another length', async () => {
    // given
    const noFiles = new FormData();
    noFiles.append('metadataList', '[]');
    const mismatch = new FormData();
    mismatch.append('files', new Blob([Buffer.from('a')]), 'a.txt');
    mismatch.append('metadataList', '[{}, {}]');

    // when
    const empty = await engine.fetch('/v2/documents/batch', { method: 'POST', body: noFiles });
    const wrong = await engine.fetch('/v2/documents/batch', { method: 'POST', body: mismatch });

    // then
    expect(empty.status).toBe(400);
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { detail: string }).detail).toMatch(/one entry per file/);
  });
});

describe('POST /v2/documents/{documentId}/links', () => {
  it('should answer a link that reads the document until it expires', async () => {
    // given
    const now = Date.parse('2026-03-02T01:00:00Z');
    await engine.client.pinInternalClock(now);
    try {
      const { bytes, path } = file('结算单.pdf', randomBytes(512));
      const [reference] = (await engine.client.uploadDocuments({ files: [createReadStream(path)] })).createdDocuments;

      // when
      const link = (await engine.client.createDocumentLink({ documentId: reference!.documentId, contentHash: reference!.contentHash, timeToLive: 60_000 })) as {
        url: string;
        expiresAt: string;
      };
      const read = await fetch(link.url); // no login: the link itself is the authorization
      const readBytes = Buffer.from(await read.arrayBuffer());
      await engine.client.pinInternalClock(now + 60_001);
      const expired = await fetch(link.url);

      // then
      expect(link.expiresAt).toBe(new Date(now + 60_000).toISOString());
      expect(link.url.startsWith(`${engine.url}/v2/documents/${reference!.documentId}/links/`)).toBe(true);
      expect(read.status).toBe(200);
      expect(Buffer.compare(readBytes, bytes)).toBe(0);
      expect(expired.status).toBe(404);
    } finally {
      await engine.client.resetClock();
    }
  });

  it('should keep an expired link expired when the engine clock is set back, and give a link made after it its full time', async () => {
    // given a link that expired at 09:01
    const now = Date.parse('2026-03-02T01:00:00Z');
    await engine.client.pinInternalClock(now);
    try {
      const { path } = file('告知书.pdf', randomBytes(256));
      const [reference] = (await engine.client.uploadDocuments({ files: [createReadStream(path)] })).createdDocuments;
      const early = (await engine.client.createDocumentLink({ documentId: reference!.documentId, timeToLive: 60_000 })) as { url: string };
      await engine.client.pinInternalClock(now + 60_001);
      const expired = await fetch(early.url);

      // when the clock is set back to 09:00, and a new link made then
      await engine.client.pinInternalClock(now);
      const revived = await fetch(early.url);
      const late = (await engine.client.createDocumentLink({ documentId: reference!.documentId, timeToLive: 60_000 })) as { url: string };
      const fresh = await fetch(late.url);
      await engine.client.resetClock(); // the system time (later still): both have expired
      const afterReset = await fetch(late.url);

      // then
      expect([expired.status, revived.status, fresh.status, afterReset.status]).toEqual([404, 404, 200, 404]);
    } finally {
      await engine.client.resetClock();
    }
  });

  it('should give a link made on a clock pinned ahead only the rest of its time once the clock is reset', async () => {
    // given a one-minute link made on a clock pinned a year ahead
    await engine.client.pinInternalClock(Date.now() + 365 * 24 * 3600_000);
    try {
      const { path } = file('告知书.pdf', randomBytes(128));
      const [reference] = (await engine.client.uploadDocuments({ files: [createReadStream(path)] })).createdDocuments;
      const link = (await engine.client.createDocumentLink({ documentId: reference!.documentId, timeToLive: 60_000 })) as { url: string };

      // when the clock is reset, and then pinned a minute past the reset
      await engine.client.resetClock();
      const reset = Date.now();
      const afterReset = await fetch(link.url);
      await engine.client.pinInternalClock(reset + 60_001);
      const aMinuteLater = await fetch(link.url);

      // then
      expect([afterReset.status, aMinuteLater.status]).toEqual([200, 404]);
    } finally {
      await engine.client.resetClock();
    }
  });

  it('should answer 400 to a clock pinned outside the times a date can show, and keep granting links', async () => {
    // given
    const pin = (timestamp: number) =>
      engine.fetch('/v2/clock', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ timestamp }) });
    const { path } = file('告知书.pdf', randomBytes(64));
    const [reference] = (await engine.client.uploadDocuments({ files: [createReadStream(path)] })).createdDocuments;

    // when
    const answers = [await pin(9e15), await pin(-9e15), await pin(-1)];
    const link = (await engine.client.createDocumentLink({ documentId: reference!.documentId, timeToLive: 60_000 })) as { url: string };

    // then
    expect(answers.map((answer) => answer.status)).toEqual([400, 400, 400]);
    for (const answer of answers) {
      expect(((await answer.json()) as { title: string; detail: string })).toEqual(
        expect.objectContaining({ title: 'INVALID_ARGUMENT', detail: expect.stringMatching(/^timestamp: must be epoch milliseconds from 0/) }),
      );
    }
    expect((await fetch(link.url)).status).toBe(200);
  });

  it.skipIf(TEST_CLUSTER)('should answer an error and leave the clock where it was when the link clock cannot be saved', async () => {
    // given the clock pinned at 09:00, then .link-clock made unwritable (a directory in its place)
    const now = Date.parse('2026-03-02T01:00:00Z');
    await engine.client.pinInternalClock(now);
    const linkClock = join(engine.dataDir, 'documents', '.link-clock');
    const saved = readFileSync(linkClock);
    rmSync(linkClock);
    mkdirSync(join(linkClock, 'blocked'), { recursive: true });
    try {
      const { path } = file('告知书.pdf', randomBytes(64));
      const [reference] = (await engine.client.uploadDocuments({ files: [createReadStream(path)] })).createdDocuments;

      // when the clock is pinned an hour earlier, and reset
      const setBack = await engine.fetch('/v2/clock', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ timestamp: now - 3600_000 }) });
      const reset = await engine.fetch('/v2/clock/reset', { method: 'POST' });
      const link = (await engine.client.createDocumentLink({ documentId: reference!.documentId, timeToLive: 60_000 })) as { expiresAt: string };

      // then both are refused as a problem, and the clock still shows 09:00
      expect([setBack.status, reset.status]).toEqual([500, 500]);
      expect(setBack.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(link.expiresAt).toBe(new Date(now + 60_000).toISOString());
    } finally {
      rmSync(linkClock, { recursive: true, force: true });
      writeFileSync(linkClock, saved);
      await engine.client.resetClock();
    }
  });

  it('should refuse a forged link, a wrong content hash and an unknown document', async () => {
    // given
    const { path } = file('a.txt', Buffer.from('hello'));
    const [reference] = (await engine.client.uploadDocuments({ files: [createReadStream(path)] })).createdDocuments;
    const link = (await engine.client.callApiEndpoint({ method: 'POST', urlPath: `documents/${reference!.documentId}/links`, body: {} })) as { url: string };

    // when
    const forged = await fetch(link.url.replace(/\.[^.]+$/, '.AAAA'));
    const extended = await fetch(link.url.replace(/\/links\/\d+/, `/links/${Date.now() + 10 * 3600_000}`));
    const wrongHash = await problemOf(engine.client.createDocumentLink({ documentId: reference!.documentId, contentHash: 'f'.repeat(64) }));
    const unknown = await problemOf(engine.client.createDocumentLink({ documentId: 'no-such-document' }));

    // then
    expect(forged.status).toBe(404);
    expect(extended.status).toBe(404);
    expect(wrongHash.status).toBe(400);
    expect(unknown.status).toBe(404);
  });
});

// helpers

function file(name: string, bytes: Buffer) {
  const path = join(folder, name);
  writeFileSync(path, bytes);
  return { path, bytes };
}
