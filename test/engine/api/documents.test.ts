/**
 * The Documents API (`/v2/documents`) of the embedded engine, through @camunda8/sdk's uploadDocument /
 * downloadDocument and plain fetch: bytes round-trip, reference shape, content type and UTF-8 file names,
 * RFC 7807 problems for unknown ids, wrong hashes, missing parts and taken ids, and durability across a restart.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngine, type EngineFixture } from '../../support/engine-fixture.js';

let fixture: EngineFixture;

beforeAll(async () => {
  fixture = await startEngine();
});

afterAll(async () => {
  await fixture?.stop();
});

describe('POST /v2/documents', () => {
  it('should round-trip the bytes through the SDK and answer a Camunda document reference', async () => {
    // given
    const bytes = randomBytes(64 * 1024);

    // when
    const reference = await upload(bytes, { contentType: 'application/pdf', fileName: '补缴通知单.pdf', customProperties: { noticeType: 'topUpNotice' } });
    const downloaded = await fixture.client.downloadDocument({ documentId: reference.documentId, storeId: reference.storeId, contentHash: reference.contentHash });

    // then
    expect(Buffer.compare(downloaded, bytes)).toBe(0);
    expect(reference).toMatchObject({
      'camunda.document.type': 'camunda',
      storeId: 'local',
      contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      metadata: { contentType: 'application/pdf', fileName: '补缴通知单.pdf', size: bytes.length, customProperties: { noticeType: 'topUpNotice' } },
    });
    expect(reference.documentId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('should answer 201 and take the content type and file name from the file part when metadata has none', async () => {
    // given
    const form = new FormData();
    form.append('file', new Blob([Buffer.from('%PDF-1.7 test')], { type: 'application/pdf' }), '参保凭证.pdf');

    // when
    const response = await fixture.fetch(`/v2/documents`, { method: 'POST', body: form });

    // then
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ metadata: { contentType: 'application/pdf', fileName: '参保凭证.pdf', size: 13 } });
  });

  it('should answer 409 for a client-chosen documentId that is taken', async () => {
    // given
    const documentId = `notice-${Date.now()}`;
    expect((await postFile(`?documentId=${documentId}`)).status).toBe(201);

    // when
    const response = await postFile(`?documentId=${documentId}`);

    // then
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ status: 409, title: 'ALREADY_EXISTS' });
  });

  it.each([
    ['no file part', () => postForm(new FormData())],
    ['a metadata part that is not JSON', () => postFile('', '{not json')],
    ['an unknown metadata field', () => postFile('', JSON.stringify({ colour: 'red' }))],
    ['an unknown store', () => postFile('?storeId=aws')],
    ['a documentId that is a path', () => postFile('?documentId=..%2Fengine.sqlite')],
  ])('should answer a 400 problem for %s', async (_case, send) => {
    // when
    const response = await send();

    // then
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await response.json()).toMatchObject({ type: 'about:blank', status: 400, title: 'INVALID_ARGUMENT' });
  });
});

describe('GET /v2/documents/{documentId}', () => {
  it('should answer the bytes with their content type and the UTF-8 file name', async () => {
    // given
    const reference = await upload(Buffer.from('%PDF-1.7 通知单'), { contentType: 'application/pdf', fileName: '一次性告知书.pdf' });

    // when
    const response = await fixture.fetch(`/v2/documents/${reference.documentId}?contentHash=${reference.contentHash}`);

    // then
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/pdf/);
    expect(response.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('一次性告知书.pdf')}`);
    expect(Buffer.from(await response.arrayBuffer()).toString()).toBe('%PDF-1.7 通知单');
  });

  it('should quote an ASCII file name and give a Chinese one an ASCII fallback, both shown inline', async () => {
    // given
    const ascii = await upload(Buffer.from('%PDF-1.7'), { contentType: 'application/pdf', fileName: 'notice "1".pdf' });
    const chinese = await upload(Buffer.from('%PDF-1.7'), { contentType: 'application/pdf', fileName: '补缴第0001号.pdf' });

    // when
    const [asciiResponse, chineseResponse] = await Promise.all([ascii, chinese].map((r) => fixture.fetch(`/v2/documents/${r.documentId}`)));

    // then
    expect(asciiResponse!.headers.get('content-disposition')).toBe('inline; filename="notice \\"1\\".pdf"');
    expect(chineseResponse!.headers.get('content-disposition')).toBe(
      `inline; filename="???0001?.pdf"; filename*=UTF-8''${encodeURIComponent('补缴第0001号.pdf')}`,
    );
  });

  it('should answer a 404 problem for an unknown id', async () => {
    // when
    const response = await fixture.fetch(`/v2/documents/00000000-0000-4000-8000-000000000000`);

    // then
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await response.json()).toEqual({
      type: 'about:blank',
      title: 'NOT_FOUND',
      status: 404,
      detail: "Document with id '00000000-0000-4000-8000-000000000000' not found",
      instance: '/v2/documents/00000000-0000-4000-8000-000000000000',
    });
  });

  it('should reject through the SDK a download with an unknown id', async () => {
    // when
    const download = fixture.client.downloadDocument({ documentId: 'no-such-document', contentHash: '0'.repeat(64) });

    // then
    await expect(download).rejects.toThrow(/404/);
  });

  it('should answer a 400 problem for a content hash that does not match', async () => {
    // given
    const reference = await upload(Buffer.from('abc'), { contentType: 'text/plain', fileName: 'a.txt' });

    // when
    const response = await fixture.fetch(`/v2/documents/${reference.documentId}?contentHash=${'0'.repeat(64)}`);

    // then
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ title: 'INVALID_ARGUMENT', status: 400 });
  });
});

describe('DELETE /v2/documents/{documentId}', () => {
  it('should remove the document, after which it is not found', async () => {
    // given
    const reference = await upload(Buffer.from('to delete'), { contentType: 'text/plain', fileName: 'x.txt' });

    // when
    await fixture.client.deleteDocument({ documentId: reference.documentId });

    // then
    expect((await fixture.fetch(`/v2/documents/${reference.documentId}`)).status).toBe(404);
  });
});

describe('documents across a restart', () => {
  it('should still serve a document after the engine restarted on the same data directory', async () => {
    // given
    const first = await startEngine();
    const reference = await uploadTo(first, Buffer.from('durable'), { contentType: 'text/plain', fileName: 'd.txt' });
    await first.stop({ keepData: true });

    // when
    const second = await startEngine({ dataDir: first.dataDir });
    try {
      const bytes = await second.client.downloadDocument({ documentId: reference.documentId, contentHash: reference.contentHash });

      // then
      expect(bytes.toString()).toBe('durable');
    } finally {
      await second.stop();
    }
  });
});

// helpers

interface Reference {
  'camunda.document.type': string;
  storeId: string;
  documentId: string;
  contentHash: string;
  metadata: Record<string, unknown>;
}

function upload(content: Buffer, metadata: { contentType: string; fileName: string; customProperties?: Record<string, string> }) {
  return uploadTo(fixture, content, metadata);
}

/** Through the SDK, which takes a file ReadStream (form-data needs a real file to measure the part). */
async function uploadTo(engine: EngineFixture, content: Buffer, metadata: { contentType: string; fileName: string; customProperties?: Record<string, string> }): Promise<Reference> {
  const dir = mkdtempSync(join(tmpdir(), 'documents-test-'));
  try {
    const path = join(dir, 'upload.bin');
    writeFileSync(path, content);
    const response = await engine.client.uploadDocument({ file: createReadStream(path), metadata });
    return JSON.parse(JSON.stringify(response)) as Reference;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function postFile(query: string, metadata?: string) {
  const form = new FormData();
  form.append('file', new Blob([Buffer.from('x')], { type: 'text/plain' }), 'x.txt');
  if (metadata !== undefined) form.append('metadata', metadata);
  return postForm(form, query);
}

function postForm(form: FormData, query = '') {
  return fixture.fetch(`/v2/documents${query}`, { method: 'POST', body: form });
}
