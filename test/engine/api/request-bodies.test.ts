/**
 * Hostile bodies over real HTTP: each is answered with a 4xx RFC 7807 problem (never a 500), nothing of it is
 * kept, and the engine keeps serving. Sizes: JSON over 4 MB → 413 (Camunda's default message size), a document
 * over 10 MB → 413; invalid UTF-8, nesting deeper than 1,000 levels and integers beyond 2^53 − 1 → 400; broken
 * multipart → 400.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_NESTING_DEPTH, scanJson } from '../../../engine/api/request-bodies.js';
import { bpmnProcess, flow } from '../../support/bpmn.js';
import { deploy, startEngine, type EngineFixture } from '../../support/engine-fixture.js';

let engine: EngineFixture;

beforeAll(async () => {
  engine = await startEngine();
  await deploy(engine.client, [
    {
      name: 'request-bodies.bpmn',
      content: bpmnProcess(
        'request-bodies',
        `<bpmn:startEvent id="start"/><bpmn:userTask id="wait"><bpmn:extensionElements><zeebe:userTask/></bpmn:extensionElements></bpmn:userTask>
         <bpmn:endEvent id="end"/>${flow('f1', 'start', 'wait')}${flow('f2', 'wait', 'end')}`,
      ),
    },
  ]);
});

afterAll(async () => {
  await engine?.stop();
});

const json = (body: string | Buffer) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: body as BodyInit });

async function problem(response: Response) {
  return { status: response.status, type: response.headers.get('content-type') ?? '', body: (await response.json()) as { title: string; detail: string } };
}

async function instanceCount(): Promise<number> {
  const { page } = await engine.client.searchProcessInstances({ filter: { processDefinitionId: 'request-bodies' } });
  return Number(page.totalItems);
}

describe('JSON bodies', () => {
  it('should answer 413 PAYLOAD_TOO_LARGE to variables over 4 MB and create nothing', async () => {
    // given
    const before = await instanceCount();
    const body = JSON.stringify({ processDefinitionId: 'request-bodies', variables: { scan: 'x'.repeat(4 * 1024 * 1024) } });

    // when
    const answer = await problem(await engine.fetch('/v2/process-instances', json(body)));

    // then
    expect(answer.status).toBe(413);
    expect(answer.type).toMatch(/^application\/problem\+json/);
    expect(answer.body.title).toBe('PAYLOAD_TOO_LARGE');
    expect(await instanceCount()).toBe(before);
  });

  it('should refuse a body that is not valid UTF-8 with 400, rather than keep a garbled name', async () => {
    // given
    const before = await instanceCount();
    const broken = Buffer.concat([Buffer.from('{"processDefinitionId":"request-bodies","variables":{"personName":"张'), Buffer.from([0xe4, 0xb8]), Buffer.from('"}}')]);

    // when
    const answer = await problem(await engine.fetch('/v2/process-instances', json(broken)));

    // then
    expect(answer.status).toBe(400);
    expect(answer.body.detail).toContain('UTF-8');
    expect(await instanceCount()).toBe(before);
  });

  it(`should refuse nesting deeper than ${MAX_NESTING_DEPTH} levels with 400, and accept it up to the limit`, async () => {
    // given
    // the body object and `variables` are two levels
    const nested = (depth: number) => `${'['.repeat(depth - 2)}${']'.repeat(depth - 2)}`;
    const body = (depth: number) => `{"processDefinitionId":"request-bodies","variables":{"deep":${nested(depth)}}}`;

    // when
    const tooDeep = await problem(await engine.fetch('/v2/process-instances', json(body(MAX_NESTING_DEPTH + 1))));
    const atLimit = await engine.fetch('/v2/process-instances', json(body(MAX_NESTING_DEPTH)));

    // then
    expect(tooDeep.status).toBe(400);
    expect(tooDeep.body.detail).toContain('1000');
    expect(atLimit.status).toBe(200);
  });

  it('should refuse an integer it would round (beyond 2^53 − 1) with 400 naming it and what it would become, and keep the same digits sent as a string', async () => {
    // given
    const before = await instanceCount();
    const body = (value: string) => `{"processDefinitionId":"request-bodies","variables":{"accountNumber":${value},"nested":{"ok":[1.5e300,-9007199254740991]}}}`;

    // when
    const rounded = await problem(await engine.fetch('/v2/process-instances', json(body('6222021234567890123'))));
    const negative = await problem(await engine.fetch('/v2/process-instances', json(body('-9007199254740993'))));
    const asString = await engine.fetch('/v2/process-instances', json(body('"6222021234567890123"')));
    const atLimit = await engine.fetch('/v2/process-instances', json(body('9007199254740991')));

    // then
    expect([rounded.status, negative.status, asString.status, atLimit.status]).toEqual([400, 400, 200, 200]);
    expect(rounded.type).toMatch(/^application\/problem\+json/);
    expect(rounded.body.detail).toContain('6222021234567890123');
    expect(rounded.body.detail).toContain('6222021234567890000');
    expect(rounded.body.detail).toContain('string');
    expect(negative.body.detail).toContain('-9007199254740993');
    expect(await instanceCount()).toBe(before + 2);
    const kept = (await asString.json()) as { processInstanceKey: string };
    const { items } = await engine.client.searchVariables({ filter: { processInstanceKey: kept.processInstanceKey, name: 'accountNumber' } });
    expect(items.map((v) => v.value)).toEqual(['"6222021234567890123"']);
  });

  it('should answer an integer of thousands of digits with a short 400 at once, and check a document\'s metadata the same way', async () => {
    // given
    const huge = '9'.repeat(400);

    // when
    const startedAt = performance.now();
    const answer = await problem(await engine.fetch('/v2/process-instances', json(`{"processDefinitionId":"request-bodies","variables":{"n":${'1'.repeat(1_000_000)}}}`)));
    const elapsed = performance.now() - startedAt;
    const overflow = await problem(await engine.fetch('/v2/process-instances', json(`{"processDefinitionId":"request-bodies","variables":{"n":${huge}}}`)));
    const data = new FormData();
    data.append('file', new Blob(['x']), 'a.txt');
    data.append('metadata', JSON.stringify({ customProperties: { ref: 'x' } }).replace('"x"', '12345678901234567890'));
    const metadata = await problem(await engine.fetch('/v2/documents', { method: 'POST', body: data }));
    const deep = new FormData();
    deep.append('file', new Blob(['x']), 'a.txt');
    deep.append('metadata', `{"customProperties":{"a":${'['.repeat(30_000)}${']'.repeat(30_000)}}}`);
    const deepMetadata = await problem(await engine.fetch('/v2/documents', { method: 'POST', body: deep }));

    // then
    expect(answer.status).toBe(400);
    expect(answer.body.detail).toContain('(1000000 digits)');
    const fraction = await problem(await engine.fetch('/v2/process-instances', json(`{"processDefinitionId":"request-bodies","variables":{"n":1${'0'.repeat(29)}.5e-10}}`)));
    expect(fraction.body.detail).toContain('(31 digits)');
    expect(answer.body.detail.length).toBeLessThan(300);
    // generous: the scan is linear; a BigInt of the literal took seconds
    expect(elapsed).toBeLessThan(2_000);
    expect(overflow.status).toBe(400);
    expect(overflow.body.detail).toContain('beyond the range of a double (it would become null)');
    expect([metadata.status, deepMetadata.status]).toEqual([400, 400]);
    expect(metadata.body.detail).toContain("'metadata'");
    expect(metadata.body.detail).toContain('12345678901234567890');
    expect(deepMetadata.body.detail).toContain('deeper than');
  });

  it('should answer malformed JSON, a login form with broken bytes and an oversized login with 4xx problems', async () => {
    // when
    const malformed = await engine.fetch('/v2/process-instances', json('{"processDefinitionId":'));
    const brokenLogin = await fetch(`${engine.url}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: Buffer.concat([Buffer.from('username=zhang-min&password='), Buffer.from([0xff, 0xfe])]),
    });
    const hugeLogin = await fetch(`${engine.url}/login`, json(JSON.stringify({ username: 'zhang-min', password: 'x'.repeat(20_000) })));

    // then
    expect([malformed.status, brokenLogin.status, hugeLogin.status]).toEqual([400, 400, 413]);
    for (const response of [malformed, brokenLogin, hugeLogin]) expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});

describe('multipart bodies', () => {
  const form = (parts: [string, Blob, string][]) => {
    const data = new FormData();
    for (const [field, blob, name] of parts) data.append(field, blob, name);
    return data;
  };

  it('should answer 413 to a document over 10 MB and 400 to two files or an unexpected field, storing nothing', async () => {
    // when
    const tooLarge = await problem(await engine.fetch('/v2/documents', { method: 'POST', body: form([['file', new Blob([new Uint8Array(10 * 1024 * 1024 + 1)]), 'big.pdf']]) }));
    const twoFiles = await problem(await engine.fetch('/v2/documents', { method: 'POST', body: form([['file', new Blob(['a']), 'a.txt'], ['file', new Blob(['b']), 'b.txt']]) }));
    const otherField = await problem(await engine.fetch('/v2/documents', { method: 'POST', body: form([['upload', new Blob(['a']), 'a.txt']]) }));

    // then
    expect([tooLarge.status, twoFiles.status, otherField.status]).toEqual([413, 413, 400]);
    expect(tooLarge.body.title).toBe('PAYLOAD_TOO_LARGE');
    expect(otherField.body.detail).toContain("'upload'");
  });

  it('should answer a truncated multipart deployment with 400', async () => {
    // when
    const truncated = await engine.fetch('/v2/deployments', {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=xx' },
      body: '--xx\r\nContent-Disposition: form-data; name="resources"; filename="a.bpmn"\r\n\r\n<bpmn:definitions',
    });

    // then
    expect(truncated.status).toBe(400);
    expect(truncated.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('should keep serving after all of the above', async () => {
    // when
    const topology = await engine.client.getTopology();

    // then
    expect(topology.clusterSize).toBe(1);
  });
});

describe('scanJson', () => {
  const text = (s: string) => Buffer.from(s);

  it('should count brackets outside strings only, escaped quotes included', () => {
    expect(scanJson(text('[[[]]]'), 3)).toBeUndefined();
    expect(scanJson(text('[[[[]]]]'), 3)).toBe('too-deep');
    expect(scanJson(text('["[[[[[\\"[[[[["]'), 1)).toBeUndefined();
    expect(scanJson(text('{"a":{"b":[{}]}}'), 4)).toBeUndefined();
    expect(scanJson(text('{"a":{"b":[{}]}}'), 3)).toBe('too-deep');
  });

  it('should find the first integer literal beyond 2^53 − 1 outside strings, at the end of the text too, and leave doubles, safe integers and digits in strings alone', () => {
    expect(scanJson(text('{"a":9007199254740993}'), 10)).toEqual({ unsafeNumber: '9007199254740993' });
    // doubles hold 2^53 and 1e20 exactly, but a client's safe-integer check (the SDK's lossless parser) refuses them read back
    expect(scanJson(text('[9007199254740992]'), 10)).toEqual({ unsafeNumber: '9007199254740992' });
    expect(scanJson(text('[100000000000000000000]'), 10)).toEqual({ unsafeNumber: '100000000000000000000' });
    expect(scanJson(text('[9007199254740991,8999999999999999,-1000000000000000]'), 10)).toBeUndefined();
    expect(scanJson(text('99999999999999999'), 10)).toEqual({ unsafeNumber: '99999999999999999' });
    expect(scanJson(text('[1,-12345678901234567890]'), 10)).toEqual({ unsafeNumber: '-12345678901234567890' });
    expect(scanJson(text('{"a":9007199254740991,"b":-9007199254740991}'), 10)).toBeUndefined();
    expect(scanJson(text('{"id":"630102199001011234","s":"\\"12345678901234567890"}'), 10)).toBeUndefined();
    expect(scanJson(text('[1.2345678901234567890,1E+300,0.000000000000000001,1.5e300,1e15,123456789012345.5]'), 10)).toBeUndefined();
    // written back as unsafe digits, or as null
    expect(scanJson(text('[1e16]'), 10)).toEqual({ unsafeNumber: '1e16' });
    expect(scanJson(text('[9007199254740993.0]'), 10)).toEqual({ unsafeNumber: '9007199254740993.0' });
    expect(scanJson(text('[12345678901234567e3]'), 10)).toEqual({ unsafeNumber: '12345678901234567e3' });
    expect(scanJson(text('{"a":-1e400}'), 10)).toEqual({ unsafeNumber: '-1e400' });
    // not JSON at all: left to the parser
    expect(scanJson(text('[00000000000000000001, 1-2-3-4-5-6-7-8-9]'), 10)).toBeUndefined();
    expect(scanJson(text('{"12345678901234567890":1}'), 10)).toBeUndefined();
  });
});
