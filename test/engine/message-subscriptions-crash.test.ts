/**
 * A SIGKILL of a real engine process (`npm run engine`) after messages were correlated and acknowledged, but before
 * the projector wrote the rows of the message subscription searches (held back with ENGINE_PROJECTION_DELAY_MS):
 * the restart rebuilds them from the event log, so both searches answer every acknowledged correlation, and the
 * subscriptions go on changing state afterwards.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteReadonly } from '../../engine/store/sqlite-file.js';
import { bpmnProcess, flow, message } from '../support/bpmn.js';
import { basicAuth } from '../support/engine-fixture.js';

const dataDir = mkdtempSync(join(tmpdir(), 'message-subscriptions-crash-'));
let child: ChildProcess | undefined;
const output: string[] = [];

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
  rmSync(dataDir, { recursive: true, force: true });
});

/** Starts `npm run engine` on the data directory; answers its URL once it is ready. */
async function startEngineProcess(env: Record<string, string>): Promise<string> {
  output.length = 0;
  child = spawn(process.execPath, ['--import', 'tsx', 'scripts/engine.ts'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, ENGINE_SYNC: 'FULL', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const lines = createInterface({ input: child.stdout! });
  const ready = await new Promise<string>((resolve, reject) => {
    lines.on('line', (line) => (line.includes('ready:') ? resolve(line) : output.push(line)));
    child!.once('exit', (code) => reject(new Error(`scripts/engine.ts exited (${String(code)}): ${output.join('\n')}`)));
  });
  return /ready: (http:\/\/[^/\s]+)\/v2/.exec(ready)![1]!;
}

function api(url: string) {
  return async (path: string, body: unknown): Promise<{ status: number; json: { items?: Record<string, unknown>[] } & Record<string, unknown> }> => {
    const response = await fetch(`${url}/v2${path}`, {
      method: 'POST',
      headers: { authorization: basicAuth(), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, json: text ? JSON.parse(text) : {} };
  };
}

async function deploy(url: string, name: string, model: string): Promise<void> {
  const form = new FormData();
  form.append('resources', new Blob([model]), name);
  expect((await fetch(`${url}/v2/deployments`, { method: 'POST', headers: { authorization: basicAuth() }, body: form })).status).toBe(200);
}

function rowsInFile(table: string): number {
  const db = openSqliteReadonly(join(dataDir, 'engine.sqlite'));
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}


describe('a SIGKILL before the projector wrote the message subscription rows', () => {
  it('should answer both searches with every acknowledged correlation after the restart, and go on from there', async () => {
    // given: an engine whose projector waits an hour; a case waiting for 补件 twice in a row, and a process started by a message
    let url = await startEngineProcess({ ENGINE_PROJECTION_DELAY_MS: String(3_600_000) });
    let post = api(url);
    await deploy(url, 'crash-supplement.bpmn', bpmnProcess(
      'crash-supplement',
      `<bpmn:startEvent id="s"/>
       <bpmn:intermediateCatchEvent id="first"><bpmn:messageEventDefinition messageRef="m"/></bpmn:intermediateCatchEvent>
       <bpmn:intermediateCatchEvent id="second"><bpmn:messageEventDefinition messageRef="m"/></bpmn:intermediateCatchEvent>
       <bpmn:endEvent id="e"/>${flow('f1', 's', 'first')}${flow('f2', 'first', 'second')}${flow('f3', 'second', 'e')}`,
    ).replace('</bpmn:process>', `</bpmn:process>${message('m', '补件', '=caseId')}`));
    await deploy(url, 'crash-online.bpmn', bpmnProcess(
      'crash-online',
      `<bpmn:startEvent id="s"><bpmn:messageEventDefinition messageRef="st"/></bpmn:startEvent>
       <bpmn:intermediateCatchEvent id="wait"><bpmn:messageEventDefinition messageRef="m"/></bpmn:intermediateCatchEvent>
       <bpmn:endEvent id="e"/>${flow('f1', 's', 'wait')}${flow('f2', 'wait', 'e')}`,
    ).replace('</bpmn:process>', `</bpmn:process>${message('st', '网上申请')}${message('m', '网上补件', '=caseId')}`));
    // the first publication loads the waiting subscriptions from the table; done before the case so nothing is written then
    expect((await post('/messages/publication', { name: '补件', correlationKey: 'nobody', timeToLive: 0, variables: {} })).status).toBe(200);
    const created = await post('/process-instances', { processDefinitionId: 'crash-supplement', variables: { caseId: 'C-1' } });
    expect(created.status).toBe(200);
    const caseKey = created.json.processInstanceKey as string;
    const published = await post('/messages/publication', { name: '补件', correlationKey: 'C-1', timeToLive: 0, variables: {} });
    expect(published.status).toBe(200);
    const started = await post('/messages/publication', { name: '网上申请', correlationKey: 'W-1', timeToLive: 0, variables: { caseId: 'W-1' } });
    expect(started.status).toBe(200);
    expect([rowsInFile('message_subscription_history'), rowsInFile('correlated_message_subscriptions')]).toEqual([0, 0]);

    // when
    child!.kill('SIGKILL');
    await once(child!, 'exit');
    url = await startEngineProcess({});
    post = api(url);

    // then: the rows are there before anything is served
    expect(rowsInFile('message_subscription_history')).toBe(3);
    expect(rowsInFile('correlated_message_subscriptions')).toBe(2);
    const subscriptions = await post('/message-subscriptions/search', { filter: { processInstanceKey: caseKey }, sort: [{ field: 'elementId' }] });
    expect(subscriptions.json.items!.map((s) => [s.elementId, s.messageSubscriptionState])).toEqual([
      ['first', 'CORRELATED'],
      ['second', 'CREATED'],
    ]);
    const correlated = await post('/correlated-message-subscriptions/search', { sort: [{ field: 'messageName' }] });
    expect(correlated.json.items!.map((c) => [c.messageName, c.elementId, c.messageKey])).toEqual([
      ['网上申请', 's', started.json.messageKey],
      ['补件', 'first', published.json.messageKey],
    ]);

    // and the next correlation adds to them
    const next = await post('/messages/publication', { name: '补件', correlationKey: 'C-1', timeToLive: 0, variables: {} });
    expect(next.status).toBe(200);
    const after = await post('/correlated-message-subscriptions/search', { filter: { processInstanceKey: caseKey }, sort: [{ field: 'correlationTime' }, { field: 'elementId' }] });
    expect(after.json.items!.map((c) => c.elementId), output.join('\n')).toEqual(['first', 'second']);
  }, 120_000);
});
