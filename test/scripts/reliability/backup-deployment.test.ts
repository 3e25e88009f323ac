/**
 * `npm run backup` while the engine serves, then a restore into empty directories: the case waiting in the
 * backup continues to its end on the restored engine (its user task completed, its job worked), its document
 * reads back byte for byte, what was written after the backup is not there, and the workers' notice counter goes
 * on from where the backup left it.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backupDeployment, restoreDeployment } from '../../../scripts/reliability/backup-deployment.js';
import { openWorkerState } from '../../../workers/runtime/worker-state.js';
import { bpmnProcess, flow, serviceTask } from '../../support/bpmn.js';
import { deploy, startEngine, type EngineFixture } from '../../support/engine-fixture.js';

const dirs: string[] = [];
const engines: EngineFixture[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};

afterAll(async () => {
  for (const engine of engines) await engine.stop().catch(() => undefined);
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const MODEL = bpmnProcess(
  'backup-case',
  `<bpmn:startEvent id="start"/>
   <bpmn:userTask id="review"><bpmn:extensionElements><zeebe:userTask/></bpmn:extensionElements></bpmn:userTask>
   ${serviceTask('archive', 'backup-archive')}<bpmn:endEvent id="end"/>
   ${flow('f1', 'start', 'review')}${flow('f2', 'review', 'archive')}${flow('f3', 'archive', 'end')}`,
);

describe('backup and restore', () => {
  it('should continue a case from an online backup on a restored engine, without what came after the backup', async () => {
    // given: a running engine with a case waiting at its review, a stored document, a worker notice counter at 2
    const dataDir = tempDir('backup-source-');
    const workerDataDir = tempDir('backup-workers-');
    const source = await startEngine({ dataDir });
    engines.push(source);
    await deploy(source.client, [{ name: 'backup-case.bpmn', content: MODEL }]);
    const bytes = randomBytes(32 * 1024);
    const form = new FormData();
    form.append('file', new Blob([bytes], { type: 'application/pdf' }), '一次性告知书.pdf');
    const uploaded = (await (await source.fetch('/v2/documents', { method: 'POST', body: form })).json()) as { documentId: string };
    const kept = await source.client.createProcessInstance({ processDefinitionId: 'backup-case', variables: { caseId: 'B-1', notice: uploaded.documentId } } as never);
    const state = await openWorkerState({ dataDir: workerDataDir });
    await state.nextNoticeNumber('城中区', 'missingMaterials', 2026, 'case-B-1');
    const second = await state.nextNoticeNumber('城中区', 'missingMaterials', 2026, 'case-B-2');

    // when: backed up while the engine serves, then more work that the backup must not hold
    const target = join(tempDir('backup-target-'), 'backup');
    const manifest = await backupDeployment({ dataDir, workerDataDir, target });
    const after = await source.client.createProcessInstance({ processDefinitionId: 'backup-case', variables: { caseId: 'B-2' } } as never);
    await state.nextNoticeNumber('城中区', 'missingMaterials', 2026, 'case-B-3');
    await state.close();
    await source.stop();
    engines.pop();
    const restoredData = tempDir('restored-engine-');
    const restoredWorkers = tempDir('restored-workers-');
    restoreDeployment({ source: target, dataDir: restoredData, workerDataDir: restoredWorkers });
    const restored = await startEngine({ dataDir: restoredData });
    engines.push(restored);

    // then: the backup is whole
    expect(manifest).toMatchObject({ engine: { integrity: 'ok' }, documents: 1, workerState: { integrity: 'ok' } });
    expect(second.number).toBe(2);

    // the case continues: review completed, job worked, case ended
    const tasks = await restored.client.searchUserTasks({ filter: { processInstanceKey: kept.processInstanceKey, state: 'CREATED' } } as never);
    expect(tasks.items).toHaveLength(1);
    await restored.client.completeUserTask({ userTaskKey: tasks.items[0]!.userTaskKey, variables: { reviewedBy: 'zhang-min' } } as never);
    const jobs = await restored.client.activateJobs({ type: 'backup-archive', worker: 'backup-test', timeout: 60_000, maxJobsToActivate: 5 } as never);
    expect(jobs.map((job) => job.processInstanceKey)).toEqual([kept.processInstanceKey]);
    await restored.client.completeJob({ jobKey: jobs[0]!.jobKey, variables: {} });
    const instance = (await (await restored.fetch(`/v2/process-instances/${kept.processInstanceKey}`)).json()) as { state: string };
    expect(instance.state).toBe('COMPLETED');

    // the document reads back; the case created after the backup does not exist
    const document = await restored.fetch(`/v2/documents/${uploaded.documentId}`);
    expect(document.status).toBe(200);
    expect(Buffer.compare(Buffer.from(await document.arrayBuffer()), bytes)).toBe(0);
    const missing = await restored.fetch(`/v2/process-instances/${after.processInstanceKey}`);
    expect(missing.status).toBe(404);

    // the notice counter goes on from the backup's value
    const restoredState = await openWorkerState({ dataDir: restoredWorkers });
    try {
      expect((await restoredState.nextNoticeNumber('城中区', 'missingMaterials', 2026, 'case-B-4')).number).toBe(3);
    } finally {
      await restoredState.close();
    }
  }, 120_000);

  it('should refuse to restore over an existing engine database', async () => {
    // given
    const dataDir = tempDir('backup-refuse-');
    const engine = await startEngine({ dataDir });
    engines.push(engine);
    const target = join(tempDir('backup-refuse-target-'), 'backup');
    await backupDeployment({ dataDir, workerDataDir: tempDir('backup-refuse-workers-'), target });

    // when / then
    expect(() => restoreDeployment({ source: target, dataDir, workerDataDir: tempDir('backup-refuse-w2-') })).toThrow(/already holds an engine.sqlite/);
  });
});
