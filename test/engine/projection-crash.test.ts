/**
 * A SIGKILL of a real engine process (`npm run engine`) after batches committed and were acknowledged, but before
 * the projector wrote their rows (held back with ENGINE_PROJECTION_DELAY_MS): the restart rebuilds the rows from
 * the event log before it serves, so the searches and the next commands see every acknowledged change.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteReadonly } from '../../engine/store/sqlite-file.js';
import { bpmnProcess, flow, serviceTask } from '../support/bpmn.js';
import { basicAuth } from '../support/engine-fixture.js';

const dataDir = mkdtempSync(join(tmpdir(), 'projection-crash-'));
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
  const headers = { authorization: basicAuth(), 'content-type': 'application/json' };
  return async (path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> => {
    const response = await fetch(`${url}/v2${path}`, { method: 'POST', headers, body: JSON.stringify(body ?? {}) });
    const text = await response.text();
    return { status: response.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };
}

function rowsInFile(table: string): number {
  const db = openSqliteReadonly(join(dataDir, 'engine.sqlite'));
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('a SIGKILL before the projector ran', () => {
  it('should serve every acknowledged change after the restart, to searches and to the next commands', async () => {
    // given: an engine whose projector waits an hour
    const url = await startEngineProcess({ ENGINE_PROJECTION_DELAY_MS: String(3_600_000) });
    let post = api(url);
    const form = new FormData();
    const model = bpmnProcess('crash-projection', `<bpmn:startEvent id="s"/>${serviceTask('work', 'crash-work')}<bpmn:endEvent id="e"/>${flow('f1', 's', 'work')}${flow('f2', 'work', 'e')}`);
    form.append('resources', new Blob([model]), 'crash-projection.bpmn');
    expect((await fetch(`${url}/v2/deployments`, { method: 'POST', headers: { authorization: basicAuth() }, body: form })).status).toBe(200);
    // the first poll of the type loads its open jobs from the table; done before the cases so nothing is written then
    expect((await post('/jobs/activation', { type: 'crash-work', worker: 'w', timeout: 60_000, maxJobsToActivate: 10, requestTimeout: 1 })).status).toBe(200);
    const keys: string[] = [];
    for (const caseId of ['K-1', 'K-2', 'K-3']) {
      const created = await post('/process-instances', { processDefinitionId: 'crash-projection', variables: { caseId } });
      expect(created.status).toBe(200);
      keys.push(created.json.processInstanceKey as string);
    }
    const activated = await post('/jobs/activation', { type: 'crash-work', worker: 'w', timeout: 60_000, maxJobsToActivate: 1, requestTimeout: 1 });
    const firstJob = (activated.json.jobs as { jobKey: string; processInstanceKey: string }[])[0]!;
    expect((await post(`/jobs/${firstJob.jobKey}/completion`, { variables: { done: true } })).status).toBe(204);
    expect(rowsInFile('process_instances')).toBe(0);

    // when
    child!.kill('SIGKILL');
    await once(child!, 'exit');
    post = api(await startEngineProcess({}));

    // then: the rows are there before anything is served, and the API sees every acknowledged change
    expect(rowsInFile('process_instances')).toBe(3);
    const search = await post('/process-instances/search', { filter: { processDefinitionId: 'crash-projection' } });
    const states = Object.fromEntries((search.json.items as { processInstanceKey: string; state: string }[]).map((i) => [i.processInstanceKey, i.state]));
    expect(states).toEqual(Object.fromEntries(keys.map((key) => [key, key === firstJob.processInstanceKey ? 'COMPLETED' : 'ACTIVE'])));
    const variables = await post('/variables/search', { filter: { processInstanceKey: firstJob.processInstanceKey } });
    expect(Object.fromEntries((variables.json.items as { name: string; value: string }[]).map((v) => [v.name, v.value]))).toEqual({
      caseId: '"K-1"',
      done: 'true',
    });
    const jobs = await post('/jobs/search', { filter: { type: 'crash-work' } });
    expect((jobs.json.items as { state: string }[]).map((j) => j.state).sort()).toEqual(['COMPLETED', 'CREATED', 'CREATED']);

    // and the next commands work on them
    const next = await post('/jobs/activation', { type: 'crash-work', worker: 'w', timeout: 60_000, maxJobsToActivate: 10, requestTimeout: 1 });
    const rest = next.json.jobs as { jobKey: string }[];
    expect(rest).toHaveLength(2);
    for (const job of rest) expect((await post(`/jobs/${job.jobKey}/completion`, {})).status).toBe(204);
    const after = await post('/process-instances/search', { filter: { processDefinitionId: 'crash-projection', state: 'COMPLETED' } });
    expect(after.json.items, output.join('\n')).toHaveLength(3);
  }, 120_000);
});
