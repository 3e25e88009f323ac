/**
 * 新办件's start form with the keyboard, and a failed submit as a screen reader hears it, in headless Chromium against
 * the embedded engine: Ctrl+Enter submits the start form as it completes a task (keyboard-shortcuts.ts), once however
 * fast the keys come and never again once the case started; not while an IME composes (a name half typed in pinyin),
 * nor as a held key's repeat, nor on a process without a start form. A submit with errors puts the focus in the first
 * field marked wrong, whose input names form-js's message through aria-describedby, and a live region on the page
 * before the submit says how many — once — and, where the focus stayed in that field (nothing else is read), which it
 * is, again on a second submit with the same errors (form-error-summary.tsx). The task page's 办结 says the same. A
 * small process of its own: a start form of two required fields, its first task 财务's, so the clerk who started the
 * case stays on the form (its 已提交 banner, 提交受理 greyed); and one without a start form.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmnProcess, flow } from '../support/bpmn.js';
import { deploy } from '../support/engine-fixture.js';
import { watchSubmits } from '../support/new-case-submits.js';
import { startTasklistHarness, type TasklistHarness } from '../support/tasklist-browser.js';

const PROCESS_ID = 'tasklist-start-form-keys';
const BARE_PROCESS_ID = 'tasklist-start-form-keys-bare';
const START_FORM_ID = 'tasklist-start-form-keys-intake';
const TASK_FORM_ID = 'tasklist-start-form-keys-payment';
// 张敏: 窗口受理 (window-clerk); 马晓云: 财务 (config/users.json)
const CLERK = 'zhang-min';
const FINANCE = 'ma-xiaoyun';

const model = bpmnProcess(
  PROCESS_ID,
  `<bpmn:startEvent id="start"><bpmn:extensionElements><zeebe:formDefinition formId="${START_FORM_ID}"/></bpmn:extensionElements></bpmn:startEvent>
   <bpmn:userTask id="payment" name="键盘测试发放">
     <bpmn:extensionElements><zeebe:userTask/><zeebe:formDefinition formId="${TASK_FORM_ID}"/><zeebe:assignmentDefinition candidateGroups="finance"/></bpmn:extensionElements>
   </bpmn:userTask>
   <bpmn:endEvent id="end"/>
   ${flow('f1', 'start', 'payment')}${flow('f2', 'payment', 'end')}`,
  '键盘测试事项',
);

const bareModel = bpmnProcess(
  BARE_PROCESS_ID,
  `<bpmn:startEvent id="start"/>
   <bpmn:userTask id="payment" name="无表单测试发放"><bpmn:extensionElements><zeebe:userTask/><zeebe:assignmentDefinition candidateGroups="finance"/></bpmn:extensionElements></bpmn:userTask>
   <bpmn:endEvent id="end"/>
   ${flow('f1', 'start', 'payment')}${flow('f2', 'payment', 'end')}`,
  '键盘测试无表单事项',
);

const formOf = (id: string, components: object[]) => JSON.stringify({ id, type: 'default', schemaVersion: 18, executionPlatform: 'Camunda Cloud', executionPlatformVersion: '8.8.0', components });
const startForm = formOf(START_FORM_ID, [
  { type: 'textfield', id: 'f_personName', key: 'personName', label: '参保人姓名', validate: { required: true } },
  { type: 'textfield', id: 'f_phone', key: 'phone', label: '联系电话', validate: { required: true } },
]);
const taskForm = formOf(TASK_FORM_ID, [
  { type: 'textfield', id: 'f_paymentReference', key: 'paymentReference', label: '转账凭证号', validate: { required: true } },
  { type: 'textarea', id: 'f_paymentNote', key: 'paymentNote', label: '发放备注' },
]);

let t: TasklistHarness;

beforeAll(async () => {
  t = await startTasklistHarness({ processes: [] });
  await deploy(t.harness.client, [
    { name: `${PROCESS_ID}.bpmn`, content: model },
    { name: `${BARE_PROCESS_ID}.bpmn`, content: bareModel },
    { name: `${START_FORM_ID}.form`, content: startForm },
    { name: `${TASK_FORM_ID}.form`, content: taskForm },
  ]);
}, 180_000);

afterAll(async () => {
  await t?.stop();
});

/** The cases of the test's process (or another), as the engine has them. */
async function cases(processId = PROCESS_ID): Promise<string[]> {
  const { items } = await t.harness.client.searchProcessInstances({ filter: { processDefinitionId: processId }, page: { limit: 100 } } as never);
  return (items as { processInstanceKey: string }[]).map((item) => item.processInstanceKey);
}

/** A Ctrl+Enter keydown from the focused element, as Chromium gives it during an IME composition or a held key. */
async function pressCtrlEnter(page: Page, how: { isComposing?: boolean; keyCode229?: boolean; repeat?: boolean }): Promise<void> {
  await page.evaluate(({ isComposing, keyCode229, repeat }) => {
    const event = new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', ctrlKey: true, bubbles: true, cancelable: true, isComposing: Boolean(isComposing), repeat: Boolean(repeat) });
    // (Chromium's keydown of a key the IME takes: keyCode 229, isComposing not always set)
    if (keyCode229) Object.defineProperty(event, 'keyCode', { get: () => 229 });
    document.activeElement!.dispatchEvent(event);
  }, how);
}

async function openStartForm(page: Page): Promise<void> {
  await page.keyboard.press('n');
  await page.getByRole('button', { name: '办理 键盘测试事项', exact: true }).click();
  await page.locator('.start-form .fjs-form').waitFor();
  // the form ready: the page put the focus in its first field
  await expect.poll(() => page.evaluate(() => document.activeElement?.id ?? '')).toMatch(/personName/);
}

/**
 * The page's time run on a second (its clock installed at the login): every timer that could still write the errors'
 * live region — the summary's own 100 ms before it writes, the focus's turn before a report — has fired by then.
 */
const laterTimersRun = (page: Page) => page.clock.runFor(1_000);

/** Starts recording each text the errors' live region takes (a screen reader reads each change). */
async function recordLiveRegion(page: Page): Promise<void> {
  await page.evaluate(() => {
    const region = document.querySelector('[data-testid="form-error-summary"]')!;
    const texts: string[] = [];
    (window as unknown as { regionTexts: string[] }).regionTexts = texts;
    new MutationObserver(() => texts.push(region.textContent ?? '')).observe(region, { childList: true, characterData: true, subtree: true });
  });
}

const regionTexts = (page: Page) => page.evaluate(() => (window as unknown as { regionTexts: string[] }).regionTexts);

/** What a screen reader reads with the focused field: its aria-invalid and the texts its aria-describedby names. */
const focusedField = (page: Page) =>
  page.evaluate(() => {
    const input = document.activeElement as HTMLInputElement;
    const described = (input.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .map((id) => (id ? document.getElementById(id) : null))
      .filter((element): element is HTMLElement => element !== null);
    return { label: input.labels?.[0]?.textContent?.replace('*', '').trim(), invalid: input.getAttribute('aria-invalid'), described: described.map((element) => element.textContent?.trim()) };
  });

describe('新办件 with the keyboard, and a failed submit heard', { timeout: 120_000 }, () => {
  it('should focus the first field marked wrong, say how many once, and name the first on a second try from that field', async () => {
    // given the start form open, the clerk in 联系电话 (参保人姓名 still empty), the live region already on the page
    const page = await t.loginAs(CLERK, undefined, { clock: true });
    await openStartForm(page);
    const region = page.getByTestId('form-error-summary');
    expect(await region.getAttribute('role')).toBe('alert');
    expect(await region.innerText()).toBe('');
    await page.getByLabel('联系电话').click();
    await page.keyboard.type('0971-8123456');
    await recordLiveRegion(page);

    // when she presses Ctrl+Enter
    await page.keyboard.press('Control+Enter');

    // then the focus is in 参保人姓名, marked invalid, its description form-js's message
    await expect.poll(async () => (await focusedField(page)).label).toBe('参保人姓名');
    expect(await focusedField(page)).toMatchObject({ invalid: 'true', described: ['此项为必填项。'] });
    // and the live region, the same element as before the submit, says how many — once, and not the field the focus
    // landing in it read out already
    await expect.poll(() => region.innerText()).toBe('有 1 处内容需要修改，请逐项修改');
    await laterTimersRun(page);
    expect(await regionTexts(page)).toEqual(['有 1 处内容需要修改，请逐项修改']);
    expect(await cases()).toEqual([]);

    // when she presses Ctrl+Enter again from that field (the focus does not move: nothing else would be read)
    const before = (await regionTexts(page)).length;
    await page.keyboard.press('Control+Enter');

    // then the region was emptied and written again, naming the first error this time: read out once more
    await expect.poll(async () => (await regionTexts(page)).slice(before)).toEqual(['', '有 1 处内容需要修改，请逐项修改。第一处：参保人姓名——此项为必填项。']);
    await laterTimersRun(page);
    expect((await regionTexts(page)).slice(before)).toHaveLength(2);
    await page.context().close();
  });

  it('should not submit on a Ctrl+Enter the IME takes, nor on a held key’s repeat', async () => {
    // given the start form filled, the clerk in 参保人姓名
    const page = await t.loginAs(CLERK);
    await openStartForm(page);
    await page.getByLabel('联系电话').fill('13997110003');
    await page.getByLabel('参保人姓名').fill('马');
    await page.getByLabel('参保人姓名').focus();
    const before = await cases();
    const submits = await watchSubmits(page);

    // when a Ctrl+Enter comes while a pinyin composition is under way (isComposing; keyCode 229), and one repeated
    await pressCtrlEnter(page, { isComposing: true });
    await pressCtrlEnter(page, { keyCode229: true });
    await pressCtrlEnter(page, { repeat: true });

    // then nothing is submitted — none of them began a submit (new-case-submits.ts) —: no case, no error summary,
    // 提交受理 as it was
    expect(await submits()).toEqual({ requests: [], busy: false });
    expect(await cases()).toEqual(before);
    expect(await page.getByTestId('form-error-summary').innerText()).toBe('');
    expect(await page.locator('.start-form .banner.ok').count()).toBe(0);
    expect(await page.locator('.start-form .task-bar button.primary').innerText()).toBe('提交受理');

    // when the composition ended and she presses Ctrl+Enter
    await pressCtrlEnter(page, {});

    // then the case starts (the form was ready all along), a submit the same record saw begin
    await expect.poll(() => page.locator('.start-form .banner.ok').innerText()).toMatch(/^已提交，件号 \d+/);
    expect((await cases()).length).toBe(before.length + 1);
    expect(await submits()).toEqual({ requests: ['POST /v2/process-instances'], busy: true });
    await page.context().close();
  });

  it('should not start a case of a process without a start form on a stray Ctrl+Enter', async () => {
    // given the 新办件 page of a process without a start form
    const page = await t.loginAs(CLERK);
    await page.keyboard.press('n');
    await page.getByRole('button', { name: '办理 键盘测试无表单事项' }).click();
    const button = page.locator('.start-form .task-bar button.primary');
    await expect.poll(() => button.innerText()).toBe('提交受理');

    // when she presses Ctrl+Enter
    const submits = await watchSubmits(page);
    await page.locator('.start-form h1').focus();
    await page.keyboard.press('Control+Enter');

    // then no case starts: the key began no submit (new-case-submits.ts)
    expect(await submits()).toEqual({ requests: [], busy: false });
    expect(await cases(BARE_PROCESS_ID)).toEqual([]);

    // but 提交受理 itself does, a submit the same record sees
    await button.click();
    await expect.poll(() => cases(BARE_PROCESS_ID)).toHaveLength(1);
    expect(await submits()).toEqual({ requests: ['POST /v2/process-instances'], busy: true });
    await page.context().close();
  });

  it('should start the case with Ctrl+Enter from a field, once however fast the keys come, and not again after', async () => {
    // given the start form filled
    const page = await t.loginAs(CLERK);
    await openStartForm(page);
    await page.keyboard.type('韩永福');
    await page.getByLabel('联系电话').fill('13997110002');
    await page.getByLabel('联系电话').focus();
    const before = await cases();

    // when two Ctrl+Enter come in the same moment from the field (a key held down on a busy PC: the second before
    // the page drew the first's 正在提交…)
    await page.evaluate(() => {
      for (let i = 0; i < 2; i++) document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', ctrlKey: true, bubbles: true, cancelable: true }));
    });

    // then one case is started with what she typed, and the page says so (its first task is 财务's, which she cannot
    // work but, the case being one she started, can read)
    await expect.poll(() => page.locator('.start-form .banner.ok').innerText()).toMatch(/^已提交，件号 \d+/);
    const started = await cases();
    const fresh = started.filter((key) => !before.includes(key));
    expect(fresh).toHaveLength(1);
    expect(await t.harness.variables(fresh[0]!)).toMatchObject({ personName: '韩永福', phone: '13997110002' });
    // and, the page done looking for the case's first task, its final text names that step and its post (no empty
    // brackets for a process outside the catalogue), 提交受理 back on the button and greyed — the submit over, so only
    // the started case stands in the way of another
    const button = page.locator('.start-form .task-bar button.primary');
    await expect.poll(() => button.innerText(), { timeout: 60_000 }).toBe('提交受理');
    expect(await page.locator('.start-form .banner.ok').innerText()).toMatch(/^已提交，件号 \d+。下一环节「键盘测试发放」由「财务科 \/ 基金科」办理/);
    expect(await button.isDisabled()).toBe(true);

    // when she presses Ctrl+Enter once more on the page that says the case started
    const submits = await watchSubmits(page);
    await page.getByLabel('联系电话').focus();
    await page.keyboard.press('Control+Enter');

    // then no second case: the key began no submit (new-case-submits.ts)
    expect(await submits()).toEqual({ requests: [], busy: false });
    expect(await cases()).toEqual(started);
    await page.context().close();
  });

  it('should announce the first error of a task form’s 办结 the same way', async () => {
    // given 财务's claimed task of a case of its own, its 转账凭证号 empty, the clerk in 发放备注
    const caseKey = await t.harness.start(PROCESS_ID, { personName: '韩永福', phone: '13997110004' });
    const task = await t.harness.waitForTask(caseKey, 'payment');
    const page = await t.loginAs(FINANCE);
    await page.goto(`${t.url}/tasklist/tasks/${task.userTaskKey}`);
    await page.getByRole('button', { name: '认领', exact: true }).click();
    await expect.poll(() => page.getByRole('button', { name: '释放' }).count()).toBe(1);
    const region = page.getByTestId('form-error-summary');
    expect(await region.innerText()).toBe('');
    await page.getByLabel('发放备注').click();
    await page.keyboard.type('已核对');

    // when she presses Ctrl+Enter
    await page.keyboard.press('Control+Enter');

    // then the focus is in 转账凭证号 with its message, and the region says how many
    await expect.poll(async () => (await focusedField(page)).label).toBe('转账凭证号');
    expect(await focusedField(page)).toMatchObject({ invalid: 'true', described: ['此项为必填项。'] });
    await expect.poll(() => region.innerText()).toBe('有 1 处内容需要修改，请逐项修改');

    // when she presses Ctrl+Enter again from 转账凭证号: the region names it
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => region.innerText()).toBe('有 1 处内容需要修改，请逐项修改。第一处：转账凭证号——此项为必填项。');
    await page.context().close();
  });
});
