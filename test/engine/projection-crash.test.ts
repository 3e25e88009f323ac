/**
 * A SIGKILL of a real engine process (`npm run engine`) after batches committed and were acknowledged, but before
 * the projector wrote their rows (held back with ENGINE_PROJECTION_DELAY_MS): the restart rebuilds the rows from
 * the event log before it serves, so the searches and the next commands see every acknowledged change: process
 * instances, element instances, variables and jobs, and user tasks (with the candidates triggers derive), incidents,
 * timers and message subscriptions, signal subscriptions, message start subscriptions and buffered messages,
 * decision instances, the audit log's entries of users' operations, and the tokens waiting at a half-arrived join
 * and the correlations of messages.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteReadonly } from '../../engine/store/sqlite-file.js';
import { bpmnProcess, flow, serviceTask } from '../support/bpmn.js';
import { decisionTable, dmnDefinitions } from '../support/dmn.js';
import { basicAuth } from '../support/engine-fixture.js';

/** The wal-index reader of the store's writer thread: the WAL's frames and how many are in the database file. */
const { openWalIndexFile, WalIndex } = createRequire(import.meta.url)('../../engine/store/wal-index.cjs') as {
  openWalIndexFile: (databasePath: string) => number | undefined;
  WalIndex: new (fd: number | undefined) => { read(): { frames: number; backfilled: number } | undefined };
};

const dataDirs: string[] = [];
let dataDir = '';
let child: ChildProcess | undefined;
const output: string[] = [];

async function stopRunningEngine(): Promise<void> {
  if (child && child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
}

afterAll(async () => {
  await stopRunningEngine();
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

function freshDataDir(): void {
  dataDir = mkdtempSync(join(tmpdir(), 'projection-crash-'));
  dataDirs.push(dataDir);
}

async function deploy(url: string, name: string, model: string): Promise<void> {
  const form = new FormData();
  form.append('resources', new Blob([model]), name);
  expect((await fetch(`${url}/v2/deployments`, { method: 'POST', headers: { authorization: basicAuth() }, body: form })).status).toBe(200);
}

/** Starts `npm run engine` on the data directory; answers its URL once it is ready. */
async function startEngineProcess(env: Record<string, string>): Promise<string> {
  await stopRunningEngine();
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

function rowsInFile(table: string, where = '1 = 1'): number {
  const db = openSqliteReadonly(join(dataDir, 'engine.sqlite'));
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${where}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('a SIGKILL before the projector ran', () => {
  it('should serve every acknowledged change after the restart, to searches and to the next commands', async () => {
    // given: an engine whose projector waits an hour
    freshDataDir();
    const url = await startEngineProcess({ ENGINE_PROJECTION_DELAY_MS: String(3_600_000) });
    let post = api(url);
    const model = bpmnProcess('crash-projection', `<bpmn:startEvent id="s"/>${serviceTask('work', 'crash-work')}<bpmn:endEvent id="e"/>${flow('f1', 's', 'work')}${flow('f2', 'work', 'e')}`);
    await deploy(url, 'crash-projection.bpmn', model);
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
    const failing = await post('/jobs/activation', { type: 'crash-work', worker: 'w2', timeout: 60_000, maxJobsToActivate: 1, requestTimeout: 1 });
    const failedJob = (failing.json.jobs as { jobKey: string; deadline: number }[])[0]!;
    expect((await post(`/jobs/${failedJob.jobKey}/failure`, { retries: 2, errorMessage: '暂不可用' })).status).toBe(204);
    expect(rowsInFile('process_instances')).toBe(0);
    // the audit log's entries of the three creations are held too
    expect(rowsInFile('audit_log')).toBe(0);
    // and the acknowledged batches are in the WAL only: the restart recovers them from it
    // (this process has no connection to the file open: closing its descriptor of the -shm drops no lock of SQLite's)
    const walIndexFd = openWalIndexFile(join(dataDir, 'engine.sqlite'));
    const wal = new WalIndex(walIndexFd).read();
    if (walIndexFd !== undefined) closeSync(walIndexFd);
    expect(wal!.frames).toBeGreaterThan(wal!.backfilled);

    // when
    child!.kill('SIGKILL');
    await once(child!, 'exit');
    post = api(await startEngineProcess({}));

    // then: the rows are there before anything is served, and the API sees every acknowledged change
    expect(rowsInFile('process_instances')).toBe(3);
    expect(rowsInFile('audit_log')).toBe(3);
    const audit = await post('/audit-logs/search', { filter: { entityType: 'PROCESS_INSTANCE' } });
    const entries = (audit.json.items as { actorId: string; operationType: string; processInstanceKey: string }[]).map(
      (entry) => `${entry.actorId} ${entry.operationType} ${entry.processInstanceKey}`,
    );
    expect(entries.sort()).toEqual(keys.map((key) => `demo CREATE ${key}`).sort());
    const search = await post('/process-instances/search', { filter: { processDefinitionId: 'crash-projection' } });
    const states = Object.fromEntries((search.json.items as { processInstanceKey: string; state: string }[]).map((i) => [i.processInstanceKey, i.state]));
    expect(states).toEqual(Object.fromEntries(keys.map((key) => [key, key === firstJob.processInstanceKey ? 'COMPLETED' : 'ACTIVE'])));
    const variables = await post('/variables/search', { filter: { processInstanceKey: firstJob.processInstanceKey } });
    expect(Object.fromEntries((variables.json.items as { name: string; value: string }[]).map((v) => [v.name, v.value]))).toEqual({
      caseId: '"K-1"',
      done: 'true',
    });
    const jobs = await post('/jobs/search', { filter: { type: 'crash-work' } });
    expect((jobs.json.items as { state: string }[]).map((j) => j.state).sort()).toEqual(['COMPLETED', 'CREATED', 'FAILED']);
    // the failed job as the replayed failure left it: the worker and deadline of the activation that failed
    expect((jobs.json.items as { jobKey: string }[]).find((j) => j.jobKey === failedJob.jobKey)).toMatchObject({
      state: 'FAILED',
      worker: 'w2',
      deadline: new Date(failedJob.deadline).toISOString(),
      errorMessage: '暂不可用',
      hasFailedWithRetriesLeft: true,
    });

    // and the next commands work on them
    const next = await post('/jobs/activation', { type: 'crash-work', worker: 'w', timeout: 60_000, maxJobsToActivate: 10, requestTimeout: 1 });
    const rest = next.json.jobs as { jobKey: string }[];
    expect(rest).toHaveLength(2);
    for (const job of rest) expect((await post(`/jobs/${job.jobKey}/completion`, {})).status).toBe(204);
    const after = await post('/process-instances/search', { filter: { processDefinitionId: 'crash-projection', state: 'COMPLETED' } });
    expect(after.json.items, output.join('\n')).toHaveLength(3);
  }, 120_000);

  it('should serve every acknowledged user task change, its candidates, incidents, timers and subscriptions after the restart', async () => {
    // given: an engine whose projector waits an hour, user tasks with candidate groups and a job that will fail
    freshDataDir();
    const url = await startEngineProcess({ ENGINE_PROJECTION_DELAY_MS: String(3_600_000) });
    let post = api(url);
    const review = `<bpmn:userTask id="review" name="审核"><bpmn:extensionElements><zeebe:userTask/>
      <zeebe:assignmentDefinition candidateGroups="window-clerks"/></bpmn:extensionElements></bpmn:userTask>`;
    await deploy(url, 'crash-task.bpmn', bpmnProcess('crash-task', `<bpmn:startEvent id="s"/>${review}<bpmn:endEvent id="e"/>${flow('f1', 's', 'review')}${flow('f2', 'review', 'e')}`));
    const wait = `<bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>`;
    await deploy(url, 'crash-timer.bpmn', bpmnProcess('crash-timer', `<bpmn:startEvent id="s"/>${wait}<bpmn:endEvent id="e"/>${flow('f1', 's', 'wait')}${flow('f2', 'wait', 'e')}`));
    await deploy(url, 'crash-message.bpmn', bpmnProcess(
      'crash-message',
      `<bpmn:startEvent id="start"/>
      <bpmn:intermediateCatchEvent id="material"><bpmn:messageEventDefinition messageRef="m"/></bpmn:intermediateCatchEvent>
      <bpmn:endEvent id="end"/>${flow('f1', 'start', 'material')}${flow('f2', 'material', 'end')}`,
    ).replace(
      '</bpmn:process>',
      `</bpmn:process><bpmn:message id="m" name="crash-material"><bpmn:extensionElements><zeebe:subscription correlationKey="=caseId"/></bpmn:extensionElements></bpmn:message>`,
    ));
    await deploy(url, 'crash-fail.bpmn', bpmnProcess('crash-fail', `<bpmn:startEvent id="s"/>${serviceTask('work', 'crash-fail')}<bpmn:endEvent id="e"/>${flow('f1', 's', 'work')}${flow('f2', 'work', 'e')}`));
    expect((await post('/jobs/activation', { type: 'crash-fail', worker: 'w', timeout: 60_000, maxJobsToActivate: 10, requestTimeout: 1 })).status).toBe(200);
    const create = async (processDefinitionId: string, caseId: string) => {
      const created = await post('/process-instances', { processDefinitionId, variables: { caseId } });
      expect(created.status).toBe(200);
      return created.json.processInstanceKey as string;
    };
    // two tasks, then a search (it projects what is held) for their keys
    const first = await create('crash-task', 'T-1');
    const second = await create('crash-task', 'T-2');
    const found = await post('/user-tasks/search', { filter: { processDefinitionId: 'crash-task' } });
    const taskOf = Object.fromEntries((found.json.items as { processInstanceKey: string; userTaskKey: string }[]).map((t) => [t.processInstanceKey, t.userTaskKey]));
    expect(rowsInFile('user_tasks')).toBe(2);
    // then held changes only: a completion (an update), a new task (an insert), an incident
    expect((await post(`/user-tasks/${taskOf[first]}/completion`, { variables: { decision: 'approve' } })).status).toBe(204);
    const third = await create('crash-task', 'T-3');
    const failing = await create('crash-fail', 'F-1');
    const activated = await post('/jobs/activation', { type: 'crash-fail', worker: 'w', timeout: 60_000, maxJobsToActivate: 1, requestTimeout: 1 });
    const job = (activated.json.jobs as { jobKey: string }[])[0]!;
    expect((await post(`/jobs/${job.jobKey}/failure`, { retries: 0, errorMessage: '接口不可用' })).status).toBe(204);
    const timed = await create('crash-timer', 'W-1');
    const subscribed = await create('crash-message', 'M-1');
    const held = [rowsInFile('user_tasks', `state = 'COMPLETED'`), ...['incidents', 'timers', 'message_subscriptions'].map((table) => rowsInFile(table))];
    expect(held).toEqual([0, 0, 0, 0]);
    expect(rowsInFile('user_tasks')).toBe(2);

    // when
    child!.kill('SIGKILL');
    await once(child!, 'exit');
    const url2 = await startEngineProcess({});
    post = api(url2);

    // then: the rows and the candidates their triggers derive are there, and the API sees every acknowledged change
    expect(rowsInFile('user_tasks')).toBe(3);
    expect(rowsInFile('user_task_candidates')).toBe(3);
    expect(rowsInFile('timers')).toBe(1);
    expect(rowsInFile('message_subscriptions')).toBe(1);
    const tasks = await post('/user-tasks/search', { filter: { processDefinitionId: 'crash-task' } });
    expect(Object.fromEntries((tasks.json.items as { processInstanceKey: string; state: string }[]).map((t) => [t.processInstanceKey, t.state]))).toEqual({
      [first]: 'COMPLETED',
      [second]: 'CREATED',
      [third]: 'CREATED',
    });
    const open = await post('/user-tasks/search', { filter: { candidateGroup: 'window-clerks', state: 'CREATED' } });
    expect((open.json.items as { processInstanceKey: string }[]).map((t) => t.processInstanceKey).sort()).toEqual([second, third].sort());
    const incidents = await post('/incidents/search', { filter: { processInstanceKey: failing } });
    expect(incidents.json.items).toMatchObject([{ errorType: 'JOB_NO_RETRIES', errorMessage: '接口不可用', state: 'ACTIVE', jobKey: job.jobKey }]);

    // and the next commands work on them
    const thirdTask = (open.json.items as { processInstanceKey: string; userTaskKey: string }[]).find((t) => t.processInstanceKey === third)!.userTaskKey;
    expect((await post(`/user-tasks/${thirdTask}/completion`, { variables: { decision: 'approve' } })).status).toBe(204);
    const clock = await fetch(`${url2}/v2/clock`, {
      method: 'PUT',
      headers: { authorization: basicAuth(), 'content-type': 'application/json' },
      body: JSON.stringify({ timestamp: Date.now() + 2 * 3_600_000 }),
    });
    expect(clock.status).toBe(204);
    const fired = await post('/process-instances/search', { filter: { processDefinitionId: 'crash-timer' } });
    expect(fired.json.items).toMatchObject([{ processInstanceKey: timed, state: 'COMPLETED' }]);
    expect((await post('/messages/correlation', { name: 'crash-material', correlationKey: 'M-1', variables: {} })).status).toBe(200);
    const received = await post('/process-instances/search', { filter: { processDefinitionId: 'crash-message' } });
    expect(received.json.items).toMatchObject([{ processInstanceKey: subscribed, state: 'COMPLETED' }]);
    const done = await post('/process-instances/search', { filter: { processDefinitionId: 'crash-task', state: 'COMPLETED' } });
    expect((done.json.items as { processInstanceKey: string }[]).map((i) => i.processInstanceKey).sort(), output.join('\n')).toEqual([first, third].sort());
  }, 120_000);

  it('should serve every acknowledged signal subscription, message start subscription and buffered message after the restart', async () => {
    // given: an engine whose projector waits an hour, a process started by a message, one waiting for a signal
    freshDataDir();
    const url = await startEngineProcess({ ENGINE_PROJECTION_DELAY_MS: String(3_600_000) });
    let post = api(url);
    const withRoot = (xml: string, root: string) => xml.replace('</bpmn:process>', `</bpmn:process>${root}`);
    await deploy(url, 'crash-catch.bpmn', withRoot(
      bpmnProcess('crash-catch', `<bpmn:startEvent id="s"/>
        <bpmn:intermediateCatchEvent id="material"><bpmn:messageEventDefinition messageRef="m"/></bpmn:intermediateCatchEvent>
        <bpmn:endEvent id="e"/>${flow('f1', 's', 'material')}${flow('f2', 'material', 'e')}`),
      `<bpmn:message id="m" name="crash-material"><bpmn:extensionElements><zeebe:subscription correlationKey="=caseId"/></bpmn:extensionElements></bpmn:message>`,
    ));
    await deploy(url, 'crash-signal.bpmn', withRoot(
      bpmnProcess('crash-signal', `<bpmn:startEvent id="s"/>
        <bpmn:intermediateCatchEvent id="wait"><bpmn:signalEventDefinition signalRef="sg"/></bpmn:intermediateCatchEvent>
        <bpmn:endEvent id="e"/>${flow('f1', 's', 'wait')}${flow('f2', 'wait', 'e')}`),
      '<bpmn:signal id="sg" name="crash-policy"/>',
    ));
    await deploy(url, 'crash-message-start.bpmn', withRoot(
      bpmnProcess('crash-message-start', `<bpmn:startEvent id="s"><bpmn:messageEventDefinition messageRef="st"/></bpmn:startEvent><bpmn:endEvent id="e"/>${flow('f1', 's', 'e')}`),
      '<bpmn:message id="st" name="crash-application"/>',
    ));
    const waiting = await post('/process-instances', { processDefinitionId: 'crash-signal', variables: {} });
    expect(waiting.status).toBe(200);
    const published = await post('/messages/publication', { name: 'crash-material', correlationKey: 'B-1', timeToLive: 3_600_000, messageId: 'page-1' });
    expect(published.status).toBe(200);
    const held = [rowsInFile('message_start_subscriptions', `message_name = 'crash-application'`), rowsInFile('signal_subscriptions'), rowsInFile('messages')];
    expect(held).toEqual([0, 0, 0]);

    // when
    child!.kill('SIGKILL');
    await once(child!, 'exit');
    post = api(await startEngineProcess({}));

    // then: the rows are there before anything is served, and the next commands find them
    expect([rowsInFile('message_start_subscriptions', `message_name = 'crash-application'`), rowsInFile('signal_subscriptions'), rowsInFile('messages')]).toEqual([1, 1, 1]);
    const duplicate = await post('/messages/publication', { name: 'crash-material', correlationKey: 'B-1', timeToLive: 3_600_000, messageId: 'page-1' });
    expect(duplicate.status, output.join('\n')).toBe(409);
    const taking = await post('/process-instances', { processDefinitionId: 'crash-catch', variables: { caseId: 'B-1' } });
    expect((await post('/messages/correlation', { name: 'crash-application', correlationKey: '' })).status).toBe(200);
    expect((await post('/signals/broadcast', { signalName: 'crash-policy' })).status).toBe(200);
    const states = async (processDefinitionId: string) =>
      ((await post('/process-instances/search', { filter: { processDefinitionId } })).json.items as { processInstanceKey: string; state: string }[]).map(
        (i) => [i.processInstanceKey, i.state],
      );
    expect(await states('crash-catch')).toEqual([[taking.json.processInstanceKey, 'COMPLETED']]);
    expect((await states('crash-message-start')).map(([, state]) => state)).toEqual(['COMPLETED']);
    expect(await states('crash-signal')).toEqual([[waiting.json.processInstanceKey, 'COMPLETED']]);
  }, 120_000);
  it('should serve every acknowledged decision instance after the restart, evaluated through the API or by a business rule task', async () => {
    // given: an engine whose projector waits an hour, a business rule task and its decision table
    freshDataDir();
    const url = await startEngineProcess({ ENGINE_PROJECTION_DELAY_MS: String(3_600_000) });
    let post = api(url);
    await deploy(url, 'crash-rule.bpmn', bpmnProcess('crash-rule', `<bpmn:startEvent id="s"/>
      <bpmn:businessRuleTask id="rules" name="确定所需材料"><bpmn:extensionElements>
        <zeebe:calledDecision decisionId="crash_proofs" resultVariable="proofs"/></bpmn:extensionElements></bpmn:businessRuleTask>
      <bpmn:endEvent id="e"/>${flow('f1', 's', 'rules')}${flow('f2', 'rules', 'e')}`));
    await deploy(url, 'crash-proofs.dmn', dmnDefinitions('crash-drd', [decisionTable({
      id: 'crash_proofs',
      hitPolicy: 'COLLECT',
      inputs: [{ label: '支取原因', expression: 'reason', typeRef: 'string' }],
      outputs: [{ name: 'proof', typeRef: 'string' }],
      rules: [{ inputs: ['"出国定居"'], outputs: ['"护照"'] }, { inputs: ['"死亡"'], outputs: ['"死亡证明"'] }],
    })]));
    const evaluated = await post('/decision-definitions/evaluation', { decisionDefinitionId: 'crash_proofs', variables: { reason: '死亡' } });
    const failed = await post('/decision-definitions/evaluation', { decisionDefinitionId: 'crash_proofs', variables: { reason: 3 } });
    const created = await post('/process-instances', { processDefinitionId: 'crash-rule', variables: { reason: '出国定居' } });
    expect([evaluated.status, failed.status, created.status]).toEqual([200, 200, 200]);
    expect(rowsInFile('decision_instances')).toBe(0);

    // when
    child!.kill('SIGKILL');
    await once(child!, 'exit');
    const url2 = await startEngineProcess({});
    post = api(url2);

    // then: the rows are there before anything is served, and the search and GET answer them
    expect(rowsInFile('decision_instances')).toBe(3);
    const search = await post('/decision-instances/search', { filter: { decisionDefinitionId: 'crash_proofs' } });
    const items = search.json.items as { decisionEvaluationInstanceKey: string; state: string; result?: string; processInstanceKey?: string }[];
    const byApi = `${evaluated.json.decisionEvaluationKey as string}-1`;
    expect(items.find((i) => i.decisionEvaluationInstanceKey === byApi)).toMatchObject({ state: 'EVALUATED', result: '["死亡证明"]' });
    expect(items.find((i) => i.decisionEvaluationInstanceKey === `${failed.json.decisionEvaluationKey as string}-1`)).toMatchObject({ state: 'FAILED' });
    expect(items.find((i) => i.processInstanceKey === created.json.processInstanceKey)).toMatchObject({ state: 'EVALUATED', result: '["护照"]' });
    const one = await fetch(`${url2}/v2/decision-instances/${byApi}`, { headers: { authorization: basicAuth() } });
    expect(one.status).toBe(200);
    expect(await one.json()).toMatchObject({ decisionDefinitionId: 'crash_proofs', evaluatedInputs: [{ inputValue: '"死亡"' }] });
    // and the next evaluation finds its place beside them
    expect((await post('/decision-definitions/evaluation', { decisionDefinitionId: 'crash_proofs', variables: { reason: '死亡' } })).status).toBe(200);
    const after = await post('/decision-instances/search', { filter: { decisionDefinitionId: 'crash_proofs' } });
    expect(after.json.items, output.join('\n')).toHaveLength(4);
  }, 120_000);

  it('should keep a half-arrived join and the correlations of messages acknowledged just before the kill', async () => {
    // given: an engine whose projector waits an hour
    freshDataDir();
    const url = await startEngineProcess({ ENGINE_PROJECTION_DELAY_MS: String(3_600_000) });
    let post = api(url);
    const withRoot = (xml: string, root: string) => xml.replace('</bpmn:process>', `</bpmn:process>${root}`);
    // a parallel split into two checks, joined before the end
    await deploy(url, 'crash-join.bpmn', bpmnProcess('crash-join', `<bpmn:startEvent id="s"/><bpmn:parallelGateway id="split"/>
      ${serviceTask('check-a', 'crash-check')}${serviceTask('check-b', 'crash-check')}<bpmn:parallelGateway id="join"/><bpmn:endEvent id="e"/>
      ${flow('f1', 's', 'split')}${flow('f2', 'split', 'check-a')}${flow('f3', 'split', 'check-b')}${flow('f4', 'check-a', 'join')}
      ${flow('f5', 'check-b', 'join')}${flow('f6', 'join', 'e')}`));
    // a case that waits for a document twice, with work in between: a buffered document reaches it once
    const waitFor = (id: string) => `<bpmn:intermediateCatchEvent id="${id}"><bpmn:messageEventDefinition messageRef="doc"/></bpmn:intermediateCatchEvent>`;
    await deploy(url, 'crash-twice.bpmn', withRoot(
      bpmnProcess('crash-twice', `<bpmn:startEvent id="s"/>${waitFor('first')}${serviceTask('file', 'crash-file')}${waitFor('second')}<bpmn:endEvent id="e"/>
        ${flow('f1', 's', 'first')}${flow('f2', 'first', 'file')}${flow('f3', 'file', 'second')}${flow('f4', 'second', 'e')}`),
      `<bpmn:message id="doc" name="crash-document"><bpmn:extensionElements><zeebe:subscription correlationKey="=caseId"/></bpmn:extensionElements></bpmn:message>`,
    ));
    // a case started by an application message, one active case per correlation key
    await deploy(url, 'crash-apply.bpmn', withRoot(
      bpmnProcess('crash-apply', `<bpmn:startEvent id="s"><bpmn:messageEventDefinition messageRef="apply"/></bpmn:startEvent>
        ${serviceTask('handle', 'crash-handle')}<bpmn:endEvent id="e"/>${flow('f1', 's', 'handle')}${flow('f2', 'handle', 'e')}`),
      '<bpmn:message id="apply" name="crash-application"/>',
    ));
    const activate = async (type: string, max: number) =>
      (await post('/jobs/activation', { type, worker: 'w', timeout: 600_000, maxJobsToActivate: max, requestTimeout: 1 })).json.jobs as { jobKey: string }[];
    expect(await activate('crash-check', 10)).toEqual([]);
    expect(await activate('crash-file', 10)).toEqual([]);
    // the join: one of the two checks done, its token waits at the join
    const joining = await post('/process-instances', { processDefinitionId: 'crash-join', variables: {} });
    expect(joining.status).toBe(200);
    const checks = await activate('crash-check', 10);
    expect(checks).toHaveLength(2);
    expect((await post(`/jobs/${checks[0]!.jobKey}/completion`, {})).status).toBe(204);
    // a buffered document taken by the case's first wait, and a case started by an application
    expect((await post('/messages/publication', { name: 'crash-document', correlationKey: 'D-1', timeToLive: 3_600_000 })).status).toBe(200);
    const twice = await post('/process-instances', { processDefinitionId: 'crash-twice', variables: { caseId: 'D-1' } });
    expect(twice.status).toBe(200);
    expect((await post('/messages/publication', { name: 'crash-application', correlationKey: 'A-1', timeToLive: 0 })).status).toBe(200);
    expect([rowsInFile('join_tokens'), rowsInFile('message_correlations')]).toEqual([0, 0]);

    // when
    child!.kill('SIGKILL');
    await once(child!, 'exit');
    post = api(await startEngineProcess({}));

    // then: the token and the correlations are in the file before anything is served
    expect([rowsInFile('join_tokens'), rowsInFile('message_correlations')]).toEqual([1, 2]);
    const states = async (processDefinitionId: string) =>
      ((await post('/process-instances/search', { filter: { processDefinitionId } })).json.items as { processInstanceKey: string; state: string }[]).map(
        (i) => [i.processInstanceKey, i.state],
      );
    // the join fires with the second check, not before
    expect(await states('crash-join')).toEqual([[joining.json.processInstanceKey, 'ACTIVE']]);
    expect((await post(`/jobs/${checks[1]!.jobKey}/completion`, {})).status).toBe(204);
    expect(await states('crash-join'), output.join('\n')).toEqual([[joining.json.processInstanceKey, 'COMPLETED']]);
    // the buffered document does not reach the case a second time: its second wait needs a new one
    const filing = await activate('crash-file', 10);
    expect(filing).toHaveLength(1);
    expect((await post(`/jobs/${filing[0]!.jobKey}/completion`, {})).status).toBe(204);
    expect(await states('crash-twice')).toEqual([[twice.json.processInstanceKey, 'ACTIVE']]);
    expect((await post('/messages/publication', { name: 'crash-document', correlationKey: 'D-1', timeToLive: 0 })).status).toBe(200);
    expect(await states('crash-twice')).toEqual([[twice.json.processInstanceKey, 'COMPLETED']]);
    // an application with the key of the active case it started starts no second case; another key does
    const started = await states('crash-apply');
    expect(started).toHaveLength(1);
    expect((await post('/messages/publication', { name: 'crash-application', correlationKey: 'A-1', timeToLive: 0 })).status).toBe(200);
    expect(await states('crash-apply')).toEqual(started);
    expect((await post('/messages/publication', { name: 'crash-application', correlationKey: 'A-2', timeToLive: 0 })).status).toBe(200);
    expect(await states('crash-apply')).toHaveLength(2);
  }, 120_000);
});
