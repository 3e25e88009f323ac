/**
 * 批量操作 in headless Chromium, against the embedded engine with the web apps mounted as `npm start` mounts them.
 * Camunda 8.8 answers a search the caller may not read with an empty page: a monitor user whose role does not
 * read batch operations is told so, not "尚无批量操作", while a manager sees the operations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTasklistHarness, type TasklistHarness } from '../support/tasklist-browser.js';

const READER = { username: 'monitor-case-reader', password: 'monitor-case-reader-secret' };

let t: TasklistHarness;

beforeAll(async () => {
  t = await startTasklistHarness({ processes: [], monitor: true, now: '2026-03-02T09:30:00+08:00' });
  const json = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  // a reader of every case who may open the monitor, without BATCH READ
  await t.harness.client.createUser({ ...READER, name: '案件查阅', email: '' });
  for (const [resourceType, resourceId, permissionTypes] of [
    ['COMPONENT', 'operate', ['ACCESS']],
    ['PROCESS_DEFINITION', '*', ['READ_PROCESS_DEFINITION', 'READ_PROCESS_INSTANCE']],
  ] as const) {
    const granted = await t.harness.fixture.fetch('/v2/authorizations', json({ ownerId: READER.username, ownerType: 'USER', resourceType, resourceId, permissionTypes }));
    expect(granted.status).toBe(201);
  }
  const created = await t.harness.fixture.fetch('/v2/process-instances/cancellation', json({ filter: { processDefinitionId: 'no-such-process' } }));
  expect(created.status).toBe(200);
}, 300_000);

afterAll(async () => {
  await t?.stop();
});

describe('批量操作 on the monitor (/monitor) in Chromium', { timeout: 120_000 }, () => {
  it('should tell a user who may not read batch operations so, instead of "no batch operations"', async () => {
    // given
    const reader = await t.openMonitorAs(READER.username, READER.password);

    // when
    await reader.goto(`${t.url}/monitor/batches`);
    const notice = reader.getByTestId('batches-forbidden');
    await notice.waitFor();

    // then
    expect(await notice.innerText()).toContain('没有查看批量操作的权限');
    expect(await reader.getByText('尚无批量操作').count()).toBe(0);
  });

  it('should list the batch operations to a manager', async () => {
    // given
    const manager = await t.openMonitorAs('sun-qiang');

    // when
    await manager.goto(`${t.url}/monitor/batches`);
    const table = manager.getByTestId('batch-operations');
    await table.waitFor();

    // then
    expect(await table.locator('tbody tr').count()).toBe(1);
    expect(await manager.getByTestId('batches-forbidden').count()).toBe(0);
  });
});
