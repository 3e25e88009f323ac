/**
 * The case view's incidents in headless Chromium, against the embedded engine with the web apps mounted as
 * `npm start` mounts them: a case whose call activity started a child case lists the child's incident too
 * (`/v2/process-instances/{key}/incidents/search` includes the called cases), and names the case it is in, with
 * a link to that case and its process, so the manager repairs it there; its step is named by the child's diagram.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bpmnProcess, flow, serviceTask } from '../support/bpmn.js';
import { MANAGER, startMonitorHarness } from '../support/monitor-browser.js';
import type { TasklistHarness } from '../support/tasklist-browser.js';

const PARENT = 'monitor-incidents-parent';
const CHILD = 'monitor-incidents-child';

/**
 * The child's job type is an expression over a variable nobody set: an incident as soon as the child starts. Its
 * step has the id of the parent's call activity, so a name taken from the wrong diagram shows.
 */
const childStep = serviceTask('callVerify', '=missingJobType').replace('<bpmn:serviceTask id="callVerify"', '<bpmn:serviceTask id="callVerify" name="子流程核验步骤"');
const child = bpmnProcess(CHILD, `<bpmn:startEvent id="start"/>${childStep}<bpmn:endEvent id="end"/>${flow('f1', 'start', 'callVerify')}${flow('f2', 'callVerify', 'end')}`, '子流程核验');
const parent = bpmnProcess(
  PARENT,
  `<bpmn:startEvent id="start"/>
   <bpmn:callActivity id="callVerify" name="调用核验"><bpmn:extensionElements><zeebe:calledElement processId="${CHILD}" propagateAllChildVariables="false"/></bpmn:extensionElements></bpmn:callActivity>
   <bpmn:endEvent id="end"/>${flow('f1', 'start', 'callVerify')}${flow('f2', 'callVerify', 'end')}`,
  '调用子流程测试',
);

let t: TasklistHarness;
let parentKey = '';
let childKey = '';

beforeAll(async () => {
  t = await startMonitorHarness({ [CHILD]: child, [PARENT]: parent });
  parentKey = await t.harness.start(PARENT, {});
  childKey = await vi.waitFor(
    async () => {
      const [called] = (await t.harness.client.searchProcessInstances({ filter: { parentProcessInstanceKey: parentKey } })).items;
      if (!called) throw new Error('the child case has not started yet');
      return called.processInstanceKey;
    },
    { timeout: 10_000, interval: 50 },
  );
}, 300_000);

afterAll(async () => {
  await t?.stop();
});

describe('the incidents of a case on the monitor (/monitor) in Chromium', { timeout: 120_000 }, () => {
  it("should name the called case an incident is in, with a link to that case's page", async () => {
    // given
    const manager = await t.openMonitorAs(MANAGER);

    // when
    await manager.goto(`${t.url}/monitor/instances/${parentKey}`);
    const row = manager.getByTestId('incidents').locator('tbody tr');
    await row.first().waitFor();

    // then: one incident, in the child case, linked
    expect(await row.count()).toBe(1);
    // the step named as the child's diagram names it, not as the parent's element of the same id (the row shows the
    // element's id until the child's diagram has been read)
    await expect.poll(() => row.locator('td').first().innerText()).toBe('子流程核验步骤');
    const cell = row.locator('[data-cell="case"]');
    await expect.poll(() => cell.innerText()).toContain(`子案件 ${childKey}`);
    expect(await cell.innerText()).toContain(CHILD);
    const link = cell.getByRole('link');
    expect(await link.getAttribute('href')).toBe(`/monitor/instances/${childKey}`);
    await link.click();
    await manager.waitForURL(new RegExp(`/monitor/instances/${childKey}$`));
    // on the child's own page the incident is the case's own: no case column
    await manager.getByTestId('incidents').locator('tbody tr').first().waitFor();
    expect(await manager.getByTestId('incidents').locator('[data-cell="case"]').count()).toBe(0);
  });
});
