/**
 * The case view's messages panel in headless Chromium, against the embedded engine with the web apps mounted as
 * `npm start` mounts them: a manager opens a case that waits for the applicant's 补件 and sees it under 等待的消息
 * (message, case number, the waiting step's name, since when); once the message arrived, 已收到的消息 lists it with
 * the time it was received, and nothing is waited for any more. A non-interrupting message boundary event (催办 on
 * a task) keeps waiting after each message it received: 等待的消息 keeps listing it until its task ends.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmnProcess, flow, message } from '../support/bpmn.js';
import { MANAGER, startMonitorHarness } from '../support/monitor-browser.js';
import type { TasklistHarness } from '../support/tasklist-browser.js';

const PROCESS_ID = 'monitor-messages-supplement';
const CASE_NUMBER = 'CZ-2026-0301';

const model = bpmnProcess(
  PROCESS_ID,
  `<bpmn:startEvent id="start"/>
   <bpmn:intermediateCatchEvent id="awaitSupplement" name="等待申请人补件"><bpmn:messageEventDefinition messageRef="supplement"/></bpmn:intermediateCatchEvent>
   <bpmn:userTask id="review" name="复审"><bpmn:extensionElements><zeebe:userTask/></bpmn:extensionElements></bpmn:userTask>
   <bpmn:endEvent id="end"/>
   ${flow('f1', 'start', 'awaitSupplement')}${flow('f2', 'awaitSupplement', 'review')}${flow('f3', 'review', 'end')}`,
  '补件测试',
  message('supplement', '补件', '=caseNumber'),
);

const REMINDER_PROCESS_ID = 'monitor-messages-reminder';
const REMINDER_CASE_NUMBER = 'CZ-2026-0302';

/** A review that the applicant may chase (催办) any number of times without interrupting it. */
const reminderModel = bpmnProcess(
  REMINDER_PROCESS_ID,
  `<bpmn:startEvent id="start"/>
   <bpmn:userTask id="review" name="复审"><bpmn:extensionElements><zeebe:userTask/></bpmn:extensionElements></bpmn:userTask>
   <bpmn:boundaryEvent id="chased" name="申请人催办" attachedToRef="review" cancelActivity="false"><bpmn:messageEventDefinition messageRef="reminder"/></bpmn:boundaryEvent>
   <bpmn:endEvent id="end"/>
   <bpmn:endEvent id="chaseNoted"/>
   ${flow('f1', 'start', 'review')}${flow('f2', 'review', 'end')}${flow('f3', 'chased', 'chaseNoted')}`,
  '催办测试',
  message('reminder', '催办', '=caseNumber'),
);

let t: TasklistHarness;
let caseKey = '';
let reminderCaseKey = '';

beforeAll(async () => {
  t = await startMonitorHarness({ [PROCESS_ID]: model, [REMINDER_PROCESS_ID]: reminderModel });
  caseKey = await t.harness.start(PROCESS_ID, { caseNumber: CASE_NUMBER });
  reminderCaseKey = await t.harness.start(REMINDER_PROCESS_ID, { caseNumber: REMINDER_CASE_NUMBER });
}, 300_000);

afterAll(async () => {
  await t?.stop();
});

describe('the messages of a case on the monitor (/monitor) in Chromium', { timeout: 120_000 }, () => {
  let manager: Page;

  it('should show a manager what the case waits for, and after the 补件 arrived, when it was received', async () => {
    // given
    manager = await t.openMonitorAs(MANAGER);
    await manager.goto(`${t.url}/monitor/instances/${caseKey}`);
    const panel = manager.getByTestId('messages');

    // when: the case waits
    const waiting = panel.getByTestId('waiting-messages');
    await waiting.waitFor();

    // then
    expect(await panel.getByRole('tab', { selected: true }).innerText()).toBe('等待的消息（1）');
    expect((await waiting.locator('tbody tr').allInnerTexts()).map((row) => row.split('\t'))).toEqual([['补件', CASE_NUMBER, '等待申请人补件', '2026-03-02 09:30']]);

    // when: the applicant's materials arrive at 10:15, and the manager looks again
    await t.harness.pinClock('2026-03-02T10:15:00+08:00');
    await t.harness.client.publishMessage({ name: '补件', correlationKey: CASE_NUMBER, variables: { supplementPages: 4 } } as never);
    await t.harness.waitForTask(caseKey, 'review');
    await manager.reload();
    await panel.getByRole('tab', { name: /已收到的消息/ }).click();

    // then
    const received = panel.getByTestId('received-messages');
    await received.waitFor();
    expect((await received.locator('tbody tr').allInnerTexts()).map((row) => row.split('\t'))).toEqual([['补件', CASE_NUMBER, '等待申请人补件', '2026-03-02 10:15']]);
    await panel.getByRole('tab', { name: /等待的消息/ }).click();
    await expect.poll(() => panel.innerText()).toContain('案件没有在等待消息');
  });

  it('should keep showing a non-interrupting 催办 as waited for after it received one, until its task ends', async () => {
    // given: the applicant chased the review at 10:20, which the review survives
    await t.harness.pinClock('2026-03-02T10:20:00+08:00');
    await t.harness.client.publishMessage({ name: '催办', correlationKey: REMINDER_CASE_NUMBER } as never);
    await t.harness.waitForElement(reminderCaseKey, 'chaseNoted');

    // when
    manager = await t.openMonitorAs(MANAGER);
    await manager.goto(`${t.url}/monitor/instances/${reminderCaseKey}`);
    const panel = manager.getByTestId('messages');
    const waiting = panel.getByTestId('waiting-messages');
    await waiting.waitFor();

    // then: still waited for (its subscription is CORRELATED and open), and the chase was received
    expect(await panel.getByRole('tab', { selected: true }).innerText()).toBe('等待的消息（1）');
    expect((await waiting.locator('tbody tr').allInnerTexts()).map((row) => row.split('\t'))).toEqual([['催办', REMINDER_CASE_NUMBER, '申请人催办', '2026-03-02 10:20']]);
    expect(await panel.getByRole('tab', { name: /已收到的消息/ }).innerText()).toBe('已收到的消息（1）');

    // when: the review is done, which closes the subscription
    const review = await t.harness.waitForTask(reminderCaseKey, 'review');
    await t.harness.client.completeUserTask({ userTaskKey: review.userTaskKey } as never);
    await t.harness.expectEnded(reminderCaseKey, ['chaseNoted', 'end']);
    await manager.reload();

    // then
    await expect.poll(() => panel.innerText()).toContain('案件没有在等待消息');
    expect(await panel.getByRole('tab', { selected: true }).innerText()).toBe('等待的消息（0）');
  });
});
