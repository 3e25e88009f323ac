/**
 * 批量操作 in headless Chromium, against the embedded engine with the web apps mounted as `npm start` mounts them.
 * Camunda 8.8 answers a search the caller may not read with an empty page: a monitor user whose role does not
 * read batch operations is told so, not "尚无批量操作", while a manager sees the operations. A batch operation
 * just started is looked for until a search returns it, as a cluster's searches do a moment later.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANAGER, startMonitorHarness } from '../support/monitor-browser.js';
import type { TasklistHarness } from '../support/tasklist-browser.js';

const READER = { username: 'monitor-case-reader', password: 'monitor-case-reader-secret' };

let t: TasklistHarness;

beforeAll(async () => {
  t = await startMonitorHarness();
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

function json(body: unknown): RequestInit {
  return { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

afterAll(async () => {
  await t?.stop();
});

describe('批量操作 on the monitor (/monitor) in Chromium', { timeout: 120_000 }, () => {
  it('should tell a user who may not read batch operations so, instead of "no batch operations"', async () => {
    // given
    const reader = await t.openMonitorAs(READER.username, { password: READER.password });

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
    const manager = await t.openMonitorAs(MANAGER);

    // when
    await manager.goto(`${t.url}/monitor/batches`);
    const table = manager.getByTestId('batch-operations');
    await table.waitFor();

    // then
    expect(await table.locator('tbody tr').count()).toBe(1);
    expect(await manager.getByTestId('batches-forbidden').count()).toBe(0);
  });

  it('should say a batch operation just started is submitted, and list it once a search returns it, without a refresh', async () => {
    // given a batch operation just started, finished at once, and the first two searches answering without it, as
    // a cluster's lagging searches do (the embedded engine writes batch operations in the command itself)
    const manager = await t.openMonitorAs(MANAGER);
    const started = await t.harness.fixture.fetch('/v2/process-instances/cancellation', json({ filter: { processDefinitionId: 'no-such-process' } }));
    const { batchOperationKey } = (await started.json()) as { batchOperationKey: string };
    let lagging = 2;
    await manager.route(/\/v2\/batch-operations\/search$/, (route) =>
      lagging-- > 0 ? route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ items: [], page: { totalItems: 0, hasMoreTotalItems: false } }) }) : route.continue(),
    );

    // when the page opens as 批量操作's 确定 leaves the manager there
    await manager.goto(`${t.url}/monitor/batches?created=${batchOperationKey}`);

    // then it says so instead of "no batch operations", and lists the operation once a search returns it
    await expect.poll(() => manager.getByTestId('batch-created').innerText()).toContain(`批量操作 ${batchOperationKey} 已提交`);
    expect(await manager.getByText('尚无批量操作').count()).toBe(0);
    await expect.poll(() => manager.locator(`tr[data-batch="${batchOperationKey}"] [data-cell="state"]`).count(), { timeout: 20_000 }).toBe(1);
    expect(await manager.getByTestId('batch-created').count()).toBe(0);
    expect(lagging).toBeLessThan(0);
  });
});
