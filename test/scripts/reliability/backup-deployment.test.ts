/**
 * `npm run backup` while the engine serves, then a restore into empty directories: the case waiting in the
 * backup continues to its end on the restored engine (its user task completed, its job worked), its document
 * reads back byte for byte, what was written after the backup is not there, and the workers' notice counter goes
 * on from where the backup left it — with the worker state in SQLite, and in a real redis-server (restored into
 * a second, empty one: the counter, the job's claim and a remembered notice come back with their expiry).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backupDeployment, restoreDeployment } from '../../../scripts/reliability/backup-deployment.js';
import { Redis } from 'ioredis';
import { DEFAULT_KEY_PREFIX, openWorkerState } from '../../../workers/runtime/worker-state.js';
import { bpmnProcess, flow, serviceTask } from '../../support/bpmn.js';
import { deploy, startEngine, type EngineFixture } from '../../support/engine-fixture.js';
import { startRedisServer, type RedisServerFixture } from '../../support/redis-server.js';

const dirs: string[] = [];
const engines: EngineFixture[] = [];
const redisServers: RedisServerFixture[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};

afterAll(async () => {
  for (const engine of engines) await engine.stop().catch(() => undefined);
  for (const redis of redisServers) await redis.stop();
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
  it.each(['sqlite', 'redis'] as const)('should continue a case from an online backup on a restored engine, without what came after the backup (worker state in %s)', async (backend) => {
    // given: a running engine with a case waiting at its review, a stored document, a worker notice counter at 2
    const redisUrl = backend === 'redis' ? await redisServer() : undefined;
    const restoredRedisUrl = backend === 'redis' ? await redisServer() : undefined;
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
    const state = await openWorkerState({ dataDir: workerDataDir, redisUrl });
    await state.nextNoticeNumber('城中区', 'missingMaterials', 2026, 'case-B-1');
    const second = await state.nextNoticeNumber('城中区', 'missingMaterials', 2026, 'case-B-2');
    await state.remember('notice:missingMaterials:case-B-2', async () => ({ noticeNumber: '告知第0002号' }));
    // a job the engine snapshot knows (a key it issued), and one it will issue again after a restore
    const knownJob = kept.processInstanceKey;
    const unknownJob = String(BigInt(kept.processInstanceKey) + 1_000_000n);
    for (const [jobKey, sequence] of [[knownJob, 3], [unknownJob, 4]] as const) {
      expect((await state.nextNoticeNumber('城中区', 'missingMaterials', 2026, jobKey)).number).toBe(sequence);
      await state.remember(`notice:missingMaterials:${jobKey}`, async () => ({ noticeNumber: `告知第000${sequence}号` }));
    }

    // when: backed up while the engine serves, then more work that the backup must not hold
    const target = join(tempDir('backup-target-'), 'backup');
    const manifest = await backupDeployment({ dataDir, workerDataDir, redisUrl, target });
    const after = await source.client.createProcessInstance({ processDefinitionId: 'backup-case', variables: { caseId: 'B-2' } } as never);
    await state.nextNoticeNumber('城中区', 'missingMaterials', 2026, 'case-B-3');
    await state.close();
    await source.stop();
    engines.pop();
    const restoredData = tempDir('restored-engine-');
    const restoredWorkers = tempDir('restored-workers-');
    await restoreDeployment({ source: target, dataDir: restoredData, workerDataDir: restoredWorkers, redisUrl: restoredRedisUrl });
    const restored = await startEngine({ dataDir: restoredData });
    engines.push(restored);

    // then: the backup is whole
    expect(manifest).toMatchObject({ engine: { integrity: 'ok' }, documents: 1 });
    // the unknown job's claim and record are left out
    if (backend === 'sqlite') expect(manifest).toMatchObject({ workerState: { integrity: 'ok', forgottenRecords: 2 }, redisWorkerState: null });
    // a counter, three claims, two remembered values
    else expect(manifest).toMatchObject({ workerState: null, redisWorkerState: { keys: 6, prefix: DEFAULT_KEY_PREFIX } });
    expect(BigInt(manifest.engineNextKey!)).toBeGreaterThan(BigInt(knownJob));
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

    // the notice counter goes on from the backup's value (no number twice), claims keep their numbers, remembered
    // notices are not made again — except for the job the restored engine does not know, whose key it will issue
    // to another job: that one's number stays skipped
    const restoredState = await openWorkerState({ dataDir: restoredWorkers, redisUrl: restoredRedisUrl });
    try {
      const next = (claimKey: string) => restoredState.nextNoticeNumber('城中区', 'missingMaterials', 2026, claimKey);
      const recall = (jobKey: string) => restoredState.remember(`notice:missingMaterials:${jobKey}`, async () => ({ noticeNumber: 'made again' }));
      expect((await next('case-B-4')).number).toBe(5);
      expect((await next('case-B-2')).number).toBe(2);
      expect((await next(knownJob)).number).toBe(3);
      expect((await next(unknownJob)).number).toBe(6);
      expect(await recall('case-B-2')).toEqual({ noticeNumber: '告知第0002号' });
      expect(await recall(knownJob)).toEqual({ noticeNumber: '告知第0003号' });
      expect(await recall(unknownJob)).toEqual({ noticeNumber: 'made again' });
    } finally {
      await restoredState.close();
    }
    if (restoredRedisUrl) {
      // claims keep their expiry (kept for the retention time), counters never expire
      const redis = new Redis(restoredRedisUrl);
      try {
        const claim = await redis.pttl(`${DEFAULT_KEY_PREFIX}notice:{城中区|missingMaterials}:claim:case-B-1`);
        expect(claim).toBeGreaterThan(399 * 24 * 3_600_000);
        expect(await redis.pttl(`${DEFAULT_KEY_PREFIX}notice:{城中区|missingMaterials}:counter:2026`)).toBe(-1);
      } finally {
        redis.disconnect();
      }
    }
  }, 120_000);

  it('should refuse to restore the Redis worker state into a Redis that holds worker state, and without REDIS_URL', async () => {
    // given a backup with Redis worker state
    const redisUrl = await redisServer();
    const dataDir = tempDir('backup-redis-refuse-');
    const engine = await startEngine({ dataDir });
    engines.push(engine);
    const state = await openWorkerState({ dataDir: tempDir('backup-redis-refuse-w-'), redisUrl });
    await state.nextNoticeNumber('城中区', 'missingMaterials', 2026, 'case-R-1');
    await state.close();
    const target = join(tempDir('backup-redis-refuse-target-'), 'backup');
    await backupDeployment({ dataDir, workerDataDir: tempDir('backup-redis-refuse-w2-'), redisUrl, target });

    // when / then: into the same Redis, which still holds the state
    const into = () => ({ dataDir: tempDir('backup-redis-refuse-d-'), workerDataDir: tempDir('backup-redis-refuse-w3-') });
    await expect(restoreDeployment({ source: target, ...into(), redisUrl })).rejects.toThrow(/already holds worker state under xining-workers:/);
    await expect(restoreDeployment({ source: target, ...into() })).rejects.toThrow(/set REDIS_URL/);
  });

  it('should refuse to restore over an existing engine database', async () => {
    // given
    const dataDir = tempDir('backup-refuse-');
    const engine = await startEngine({ dataDir });
    engines.push(engine);
    const target = join(tempDir('backup-refuse-target-'), 'backup');
    await backupDeployment({ dataDir, workerDataDir: tempDir('backup-refuse-workers-'), target });

    // when / then
    await expect(restoreDeployment({ source: target, dataDir, workerDataDir: tempDir('backup-refuse-w2-') })).rejects.toThrow(/already holds an engine.sqlite/);
  });
});

async function redisServer(): Promise<string> {
  const server = await startRedisServer();
  redisServers.push(server);
  return server.url;
}
