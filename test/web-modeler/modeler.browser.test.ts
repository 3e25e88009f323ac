/**
 * The web modeler in headless Chromium, editing a temporary git copy of the project on the embedded engine, as
 * `npm start` mounts it: an analyst opens the FC20 model (bpmn-js's own texts in Chinese), renames a task,
 * removes a service task's job type and sees the lint error on the canvas and in the problems list, undoes it,
 * inserts a new task on a flow and applies the "计算办理时限" template to it, plays the draft in the sandbox behind
 * /play/v2 (deploy, start, complete the first review, move the sandbox clock past the deadline; the office's engine
 * untouched; a task's reads cancelled when another task is opened or the panel closed), saves (a commit authored by the analyst), reads the history (the
 * save with who and when, the copy's first commit as 建模器以外提交的版本 with its English message under 技术详情),
 * compares with the previous version (the renamed task and
 * the new one marked, execution-relevant changes first) and deploys (version 2, the case still on version 1
 * counted); a form label edited in the form
 * editor is saved; a model cut short says in Chinese why it does not open (the parser's English under 技术详情); a clerk gets 403 on saving and deploying. With DOCS_SCREENSHOTS=1 it also writes the
 * screenshots of docs/images (editor, lint error, diff). Each test sets up what it needs on a tab of its own (the
 * analyst logs in once), so any one runs alone (`-t`); her change from the rename to the deployment is one test,
 * with a save without changes in the same page and one in a fresh page (bpmn-js's diagram entries reordered); a
 * decision table and a form saved unchanged record no version either (dmn-js and form-js write them their own way),
 * a changed rule does; nor does a form without labels and ids (form-js makes them up on reading), a label typed does;
 * a decision with XML comments says on opening, and on the save that drops them, that dmn-js does not keep them; a
 * diagram likewise for bpmn-js, and a diagram saved unchanged keeps its comments.
 */
import { fileURLToPath } from 'node:url';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page, Request, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { findResources } from '../../scripts/deploy-resources.js';
import { afterRender } from '../support/after-render.js';
import { basicAuth } from '../support/engine-fixture.js';
import { startModelerHarness, type ModelerHarness } from '../support/modeler-browser.js';
import { applyTemplate, dropTaskOnFlow, expectNoProblems, openGroup, openModelAsAnalyst, renameElement, saveWithReason, selectedElementId, selectElement, writeDocumentation } from '../support/modeler-page.js';

const PROCESS_ID = 'xining-fc20-manual-reimbursement';
const FC20 = `bpmn/${PROCESS_ID}.bpmn`;
const FORM = 'forms/fc20-settlement-review.form';
const DECISION = 'bpmn/maternity-submission-limit.dmn';
const SCREENSHOTS = process.env.DOCS_SCREENSHOTS === '1';
const IMAGES = fileURLToPath(new URL('../../docs/images/', import.meta.url));
const HAN = /\p{Script=Han}/u;
const REASON = '初步审核改为窗口工作人员办理，受理后先计算办理时限';
const RENAMED = '窗口工作人员初步审核';

let h: ModelerHarness;
/** The analyst's browser, logged in once: each test opens its pages as tabs of it (its cache warm, no login). */
let analystBrowser: BrowserContext;

beforeAll(async () => {
  h = await startModelerHarness();
  // version 1 of FC20 and its forms, and one case running on it (no workers: it waits at its first job)
  const resources = findResources([join(h.project.dir, 'bpmn'), join(h.project.dir, 'forms')]).filter(
    (file) => file.endsWith(`${PROCESS_ID}.bpmn`) || /fc20-[a-z-]+\.form$/.test(file),
  );
  await h.engine.client.deployResources(resources.map((file) => ({ name: file.split('/').pop()!, content: readFileSync(file, 'utf8') })));
  await h.engine.client.createProcessInstance({ processDefinitionId: PROCESS_ID, variables: { personName: '韩永福', idNumber: '630103196503152014' } });
  const landing = await h.loginAs('liu-fang');
  await landing.locator('a[data-file]').first().waitFor();
  analystBrowser = landing.context();
}, 120_000);

afterAll(async () => {
  await h?.stop();
});

describe('web modeler (/modeler) in Chromium', { timeout: 120_000 }, () => {
  it('should open the FC20 model from the project, lint it clean, with bpmn-js in Chinese', async () => {
    // when the analyst opens it (and the live lint finds nothing wrong in it: openModelAsAnalyst waits for that)
    const analyst = await openModelAsAnalyst(h, FC20);
    onTestFinished(() => analyst.context().close());

    // then
    // bpmn-js read and drew all of it: no notice of parts left out
    expect(await analyst.locator('.editor-page .banner.error').count()).toBe(0);
    // labels drawn as `npm run layout` measured them (scripts/layout/label-style.ts)
    const font = await analyst.locator('g.djs-element[data-element-id="preliminaryReview"] .djs-visual text').first().evaluate((text) => getComputedStyle(text).fontFamily);
    expect(font).toContain('Noto Sans CJK SC');
    const titles = await analyst.locator('.djs-palette .entry[aria-label]').evaluateAll((entries) => entries.map((entry) => entry.getAttribute('aria-label') ?? ''));
    expect(titles.length).toBeGreaterThan(8);
    expect(titles.filter((title) => !HAN.test(title))).toEqual([]);
    await selectElement(analyst, 'preliminaryReview');
    const contextPad = await analyst.locator('.djs-context-pad .entry[title]').evaluateAll((entries) => entries.map((entry) => entry.getAttribute('title') ?? ''));
    expect(contextPad.filter((title) => !HAN.test(title))).toEqual([]);
    const groups = await analyst.locator('.bpmn-properties .bio-properties-panel-group-header-title').allInnerTexts();
    expect(groups.filter((title) => !HAN.test(title))).toEqual([]);
    // and so are the tooltips beside them
    await analyst.locator('.bpmn-properties .bio-properties-panel-tooltip-wrapper', { hasText: '分配' }).first().hover();
    const tooltip = analyst.locator('.bio-properties-panel-tooltip-content');
    await tooltip.waitFor();
    expect(await tooltip.innerText()).toContain('设置用户任务的分配、日程和优先级');
    expect(await tooltip.innerText()).not.toMatch(/Define|Learn more/);
    await analyst.mouse.move(0, 0);
    if (SCREENSHOTS) await analyst.screenshot({ path: join(IMAGES, 'modeler-editor.png') });
  });

  it('should show the lint error on the canvas when a service task loses its job type, and lose it on undo', async () => {
    // given
    const analyst = await analystOnFc20();
    await selectElement(analyst, 'computeDeadline');
    await openGroup(analyst, '任务定义');
    const jobType = analyst.locator('#bio-properties-panel-taskDefinitionType');
    expect(await jobType.inputValue()).toBe('compute-deadline');

    // when
    await jobType.fill('');
    await jobType.blur();

    // then: on the canvas, in the problems list, on the element list
    const overlay = analyst.locator('.djs-overlays[data-container-id="computeDeadline"] .cl-overlay-root');
    await overlay.first().waitFor();
    await expect.poll(() => overlay.locator('.cl-icon').first().getAttribute('title')).toBe('点击查看问题');
    const problem = analyst.locator('.problem[data-element="computeDeadline"][data-rule="camunda-compat/implementation"]');
    await problem.waitFor();
    expect(await problem.innerText()).toContain('「服务任务」（「实现方式：作业执行器」）必须设置「作业类型」');
    // the rule's English stays as the message's tooltip, for support staff
    expect(await problem.locator('.message').getAttribute('title')).toMatch(/must have a defined <Task definition type>/);
    expect(await analyst.locator('.bpmn-properties .bio-properties-panel-error').first().innerText()).toBe('必须填写作业类型。');
    expect(await analyst.locator('.element-row[data-element="computeDeadline"]').getAttribute('class')).toContain('error');
    const canvasHeight = (await analyst.locator('.bpmn-canvas').boundingBox())!.height;
    if (SCREENSHOTS) {
      await problem.click(); // jumps to the element and its property
      await analyst.screenshot({ path: join(IMAGES, 'modeler-lint-error.png') });
    }

    // when
    await analyst.getByRole('button', { name: '撤销' }).click();

    // then
    await expect.poll(() => overlay.count()).toBe(0);
    await expectNoProblems(analyst);
    // the problems pane keeps its height for this file once it has shown a problem: the canvas does not jump back
    expect(await analyst.locator('.problems-panel').getAttribute('class')).not.toContain('empty');
    expect((await analyst.locator('.bpmn-canvas').boundingBox())!.height).toBe(canvasHeight);
    await selectElement(analyst, 'computeDeadline');
    await openGroup(analyst, '任务定义');
    expect(await analyst.locator('#bio-properties-panel-taskDefinitionType').inputValue()).toBe('compute-deadline');
  });

  it('should play the draft in the sandbox: deploy, start, complete a task, move the sandbox clock, the office engine untouched; a task’s reads cancelled when another task is opened or the panel closed, nothing of the earlier task shown', { timeout: 240_000 }, async () => {
    // given FC20 open, what the office's engine has of it, and the Play panel (the sandbox answers through /play/v2
    // with the analyst's own login)
    const analyst = await analystOnFc20();
    const officeVersions = (await officeSearch<{ version: number }>('process-definitions')).map((item) => item.version);
    const officeCases = (await officeSearch('process-instances')).length;
    await analyst.getByRole('button', { name: '试运行' }).click();
    const panel = analyst.locator('.play-panel');
    const deployAndStart = panel.getByRole('button', { name: '部署到沙箱并开始' });
    await expect.poll(() => deployAndStart.isEnabled(), { timeout: 30_000 }).toBe(true);
    expect(await panel.locator('.banner.error').count()).toBe(0);

    // when the analyst deploys the draft with the start form's example data and starts a case
    await expect.poll(() => panel.locator('textarea').inputValue(), { timeout: 30_000 }).toContain('idNumber');
    await deployAndStart.click();

    // then the sandbox's own workers take the case through 校验公民身份号码 to the first review
    const firstReview = panel.locator('[data-play-task="preliminaryReview"]');
    await firstReview.waitFor({ timeout: 60_000 });
    expect(await panel.locator('.play-state h3').innerText()).toContain('办理中');

    // when the analyst completes the first review in its form as a sandbox user of 窗口初审
    await firstReview.click();
    const task = panel.locator('.play-task');
    await task.getByRole('checkbox', { name: '医院收费票据', disabled: false }).first().check({ timeout: 30_000 });
    await task.getByRole('radio', { name: '资料齐备，予以受理' }).check();
    expect(['zhang-min', 'li-jing']).toContain(await task.locator('select').inputValue());
    await task.getByRole('button', { name: '办结' }).click();

    // then 计算办理时限 runs in the sandbox and the case waits at 录入审核, the path marked on the diagram
    const alert = panel.locator('[role="alert"]');
    const reached = async () => ((await alert.count()) ? await alert.innerText() : await panel.locator('[data-play-task="registerAndReview"]').count());
    await expect.poll(reached, { timeout: 60_000 }).toBe(1); // an error banner fails at once, with its message
    await expect.poll(() => analyst.locator('.djs-element.play-completed[data-element-id="preliminaryReview"]').count()).toBe(1);
    await expect.poll(() => analyst.locator('.djs-element.play-active[data-element-id="registerAndReview"]').count()).toBe(1);

    // when the analyst moves the sandbox clock 30 days on (past the 15 working days)
    const clock = panel.locator('.play-state p.small', { hasText: '当前：' });
    await clock.waitFor();
    const before = Date.parse((await clock.innerText()).replace('当前：', ''));
    await panel.getByRole('button', { name: '前进 30 天' }).click();

    // then the sandbox's deadline timer fires: 超期督办 is open, and the sandbox clock shows the new time
    await panel.locator('[data-play-task="overdueEscalationRegister"]').waitFor({ timeout: 60_000 });
    const after = Date.parse((await clock.innerText()).replace('当前：', ''));
    expect(after - before).toBeGreaterThanOrEqual(30 * 86_400_000);

    // and the office's engine has neither the sandbox's deployment nor its clock
    expect((await officeSearch<{ version: number }>('process-definitions')).map((item) => item.version)).toEqual(officeVersions);
    expect(await officeSearch('process-instances')).toHaveLength(officeCases);
    const officeNow = Date.parse((await h.engine.fetch('/v2/topology')).headers.get('date')!);
    expect(Math.abs(officeNow - Date.now())).toBeLessThan(86_400_000);

    // when the analyst opens 录入审核, its form shown, then 超期督办, whose form read is held
    await panel.locator('[data-play-task="registerAndReview"]').click();
    await task.locator('.fjs-container').waitFor({ timeout: 30_000 });
    const FORM = /\/play\/v2\/user-tasks\/\d+\/form$/;
    const heldForm: Route[] = [];
    await analyst.route(FORM, (route) => void heldForm.push(route));
    await panel.locator('[data-play-task="overdueEscalationRegister"]').click();
    await expect.poll(() => heldForm.length).toBe(1);

    // then 录入审核's form is gone at once, and 办结 waits for 超期督办's form (it would have submitted the old one)
    expect(await task.locator('.fjs-container').count()).toBe(0);
    expect(await task.getByRole('button', { name: '办结' }).isDisabled()).toBe(true);
    for (const route of heldForm) await route.continue();
    await analyst.unroute(FORM);
    await expect.poll(() => task.getByRole('button', { name: '办结' }).isEnabled()).toBe(true);

    // given the case waiting at 录入审核 and 超期督办, with 超期督办 open, and the reads of an opened task (its form,
    // its variables, its candidate group's users) held from now on
    const READS = /\/play\/v2\/(user-tasks\/\d+\/(form|variables\/search)|groups\/[^/]+\/users\/search)(\?|$)/;
    const held: Route[] = [];
    await analyst.route(READS, (route) => void held.push(route));
    const cancelled: Request[] = [];
    const onFailed = (request: Request) => void (READS.test(request.url()) && cancelled.push(request));
    analyst.on('requestfailed', onFailed);

    // when the analyst opens 录入审核, then 超期督办 again before 录入审核's three reads answer
    await panel.locator('[data-play-task="registerAndReview"]').click();
    await expect.poll(() => held.length).toBe(3);
    const superseded = held.map((route) => route.request());
    await panel.locator('[data-play-task="overdueEscalationRegister"]').click();

    // then 录入审核's reads are cancelled in the browser
    await expect.poll(() => superseded.every((request) => cancelled.includes(request))).toBe(true);

    // when 超期督办's reads answer, and then 录入审核's are let go (a cancelled one goes nowhere)
    await expect.poll(() => held.length).toBe(6);
    for (const route of held.slice(3)) await route.continue();
    for (const route of held.slice(0, 3)) await route.continue().catch(() => undefined);

    // then the panel shows 超期督办 with its own form and its own group's users, nothing of 录入审核's
    await expect.poll(() => task.getAttribute('aria-label')).toBe('超期督办');
    await task.locator('.fjs-container').waitFor({ timeout: 30_000 });
    await expect.poll(() => task.locator('.fjs-container').innerText()).toContain('督办意见');
    expect(await task.locator('.fjs-container').innerText()).not.toContain('公民身份号码');
    await expect.poll(() => task.locator('select option').count()).toBeGreaterThan(0);
    for (const user of await task.locator('select option').allTextContents()) expect(['zhang-min', 'li-jing']).not.toContain(user);
    expect(await panel.locator('[role="alert"]').count()).toBe(0);

    // when she opens 录入审核 again and closes the panel before its reads answer
    await panel.locator('[data-play-task="registerAndReview"]').click();
    await expect.poll(() => held.length).toBe(9);
    const unmounted = held.slice(6).map((route) => route.request());
    await panel.getByRole('button', { name: '关闭' }).click();

    // then the panel is gone, and its reads are cancelled in the browser
    await expect.poll(() => unmounted.every((request) => cancelled.includes(request))).toBe(true);
    expect(await panel.count()).toBe(0);
  });

  it('should walk a path with token simulation', async () => {
    // given
    const analyst = await analystOnFc20();

    // when the analyst switches simulation on and starts a token at the start event
    await analyst.getByRole('button', { name: '模拟令牌' }).click();
    const trigger = analyst.locator('.djs-overlays[data-container-id="applicationSubmitted"] .bts-context-pad[title="触发事件"]');
    await trigger.waitFor({ state: 'attached' });
    await trigger.dispatchEvent('click'); // bpmn-js-token-simulation hides its buttons below 40 % zoom

    // then a token runs through the diagram: the simulation's log names the first service task it passes
    await analyst.locator('.bts-log .bts-text', { hasText: '校验公民身份号码' }).first().waitFor({ state: 'attached', timeout: 60_000 });
    // in Chinese, though the simulation writes its log and titles in English
    expect(await analyst.locator('.bts-log .bts-header').textContent()).toContain('模拟日志');
    expect(await analyst.locator('.bts-log .bts-text').allTextContents()).toContain('流程开始');
    expect(await analyst.locator('.bts-palette [title]').evaluateAll((buttons) => buttons.map((button) => button.getAttribute('title')))).toEqual(
      expect.arrayContaining(['继续/暂停模拟', '重置模拟', '显示/隐藏模拟日志']),
    );
    await analyst.getByRole('button', { name: '模拟令牌' }).click();
    await expect.poll(() => analyst.locator('.bts-context-pad').count()).toBe(0);
  });

  it('should take the analyst’s change to version 2: rename a task, insert one with the 计算办理时限 template, save it as her git commit (not again when nothing changed), compare it with the previous version, deploy it', { timeout: 240_000 }, async () => {
    // given
    const analyst = await analystOnFc20();

    // when she renames 初步审核 in the properties panel
    await renameElement(analyst, 'preliminaryReview', RENAMED);

    // then
    await expect.poll(() => analyst.locator('.element-row[data-element="preliminaryReview"] .element-name').innerText()).toBe(RENAMED);

    // when she drops a task from the palette onto the flow back from 补正 to 材料已提交 and names it
    await dropTaskOnFlow(analyst, 'resubmitted', '补正后重新计算办理时限');

    // and applies the template from the properties panel
    await applyTemplate(analyst, '计算办理时限', '输入变量（传给作业执行器）');
    const newTaskId = await selectedElementId(analyst);
    await writeDocumentation(analyst, '补充（流程图未画出）：补正材料后重新受理，办理时限自补正提交之时重新起算。');
    await openGroup(analyst, '输入变量（传给作业执行器）');
    const workingDays = analyst.locator('[data-entry-id="custom-entry-xining.job.compute-deadline-inputs-1"] [contenteditable="true"]');
    await workingDays.click();
    // the figure comes from the statutory-time-limit table looked up earlier in FC20; a literal would be refused
    await analyst.keyboard.type('statutoryTimeLimit.workingDays');
    await analyst.locator('.bpmn-properties .bio-properties-panel-header').click();

    // then
    await expect.poll(() => analyst.locator('.bpmn-properties .bio-properties-panel-header').innerText()).toContain('计算办理时限');
    await expectNoProblems(analyst);

    // when she saves with the 修改说明 typed before pressing Enter
    await saveWithReason(analyst, REASON);

    // then a git commit authored by her, with it as its message
    expect(h.project.git('log', '-1', '--format=%an <%ae>')).toBe('刘芳 <liu-fang>\n');
    expect(h.project.git('log', '-1', '--format=%s')).toBe(`${REASON}\n`);
    expect(await analyst.getByRole('textbox', { name: '修改说明' }).inputValue()).toBe(''); // ready for the next change
    const saved = readFileSync(join(h.project.dir, FC20), 'utf8');
    expect(saved).toContain(`name="${RENAMED}"`);
    expect(saved).toContain('zeebe:modelerTemplate="xining.job.compute-deadline"');
    expect(saved).toMatch(/<zeebe:input source="=statutoryTimeLimit.workingDays" target="timeLimitWorkingDays" \/>/);
    expect(saved).toContain('modeler:executionPlatformVersion="8.8.0"');
    expect(h.project.git('show', '--name-only', '--format=', 'HEAD')).toContain('bpmn/catalog.json');

    // when she saves again, nothing changed since, with another 修改说明
    const head = h.project.git('rev-parse', 'HEAD');
    const reason = analyst.getByRole('textbox', { name: '修改说明' });
    await reason.fill('再次保存，没有修改');
    await reason.press('Enter');

    // then no commit (no version is recorded): the page says so, and the text stays in the box for the change still
    // to come
    await analyst.locator('.banner.ok', { hasText: '文件没有修改，修改说明未记录' }).waitFor();
    expect(await analyst.locator('.banner.ok').innerText()).not.toContain('已保存');
    expect(h.project.git('rev-parse', 'HEAD')).toBe(head);
    expect(await reason.inputValue()).toBe('再次保存，没有修改');
    await reason.fill('');

    // when she reopens the model in a fresh page and saves it without changing anything: bpmn-js writes the diagram
    // entries as its new canvas holds them, after the insertion in another order than her first save wrote them
    const reopened = await analystOnFc20();
    onTestFinished(() => reopened.close());
    const sent: string[] = [];
    reopened.on('request', (request) => {
      if (request.method() === 'PUT' && request.url().includes('/modeler/api/files/')) sent.push((JSON.parse(request.postData() ?? '{}') as { text: string }).text);
    });
    await reopened.getByRole('button', { name: '保存', exact: true }).click();

    // then no version either: the saved text stays as it was
    await reopened.locator('.banner.ok', { hasText: '文件没有修改，没有新版本' }).waitFor();
    expect(sent).toHaveLength(1);
    expect(sent[0]).not.toBe(saved); // what made an empty version before: the same model, its DI reordered
    expect(readFileSync(join(h.project.dir, FC20), 'utf8')).toBe(saved);
    expect(h.project.git('rev-parse', 'HEAD')).toBe(head);
    await reopened.close();

    // when she compares her save with the previous version
    await analyst.getByRole('button', { name: '修改记录' }).click();
    const newest = analyst.locator('.version-list li').nth(1);
    await newest.locator('.muted', { hasText: '刘芳' }).waitFor();
    // the analyst's save (who, when, their words) above the copy's first commit, a release of the software: its
    // English message only under the closed 技术详情
    expect(await newest.getAttribute('data-kind')).toBe('save');
    expect(await newest.locator('.version-label').innerText()).toBe(REASON);
    expect(await newest.locator('.muted').innerText()).toMatch(/^刘芳 · \d{4}-\d{2}-\d{2} \d{2}:\d{2} · [0-9a-f]{8}$/);
    const release = analyst.locator('.version-list li').nth(2);
    expect(await release.getAttribute('data-kind')).toBe('release');
    expect(await release.locator('.version-label').innerText()).toBe('建模器以外提交的版本');
    expect(await release.locator('.muted').innerText()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} · [0-9a-f]{8}$/);
    // the checkbox's name tells the rows apart: title, who / when and the short version
    expect(await release.getByRole('checkbox').getAttribute('aria-label')).toBeNull();
    await release.getByRole('checkbox', { name: /建模器以外提交的版本.*[0-9a-f]{8}/ }).waitFor();
    expect(await release.locator('.technical-detail pre').isVisible()).toBe(false);
    expect(await analyst.locator('.history-panel').innerText()).not.toContain('Import the project');
    await release.locator('.technical-detail summary', { hasText: '技术详情' }).click();
    expect(await release.locator('.technical-detail pre').innerText()).toContain('Import the project');
    await release.locator('.technical-detail summary').click();
    await newest.getByRole('button', { name: '与上一版本比较' }).click();

    // then the renamed and the new task are marked, the execution-relevant change first
    const dialog = analyst.locator('dialog.app-dialog');
    await dialog.locator('.change').first().waitFor();
    await dialog.locator('[data-side="newer"] g.djs-element.diff-changed[data-element-id="preliminaryReview"]').waitFor({ state: 'attached' });
    await dialog.locator(`[data-side="newer"] g.djs-element.diff-added[data-element-id="${newTaskId}"]`).waitFor({ state: 'attached' });
    const changes = await dialog.locator('.change').evaluateAll((buttons) => buttons.map((b) => ({ element: b.getAttribute('data-element'), kind: b.getAttribute('data-change'), text: b.textContent ?? '' })));
    const added = changes.findIndex((change) => change.element === newTaskId);
    const renamed = changes.findIndex((change) => change.element === 'preliminaryReview');
    expect(changes[added]).toMatchObject({ kind: 'added', text: expect.stringContaining('影响执行') });
    expect(changes[renamed]).toMatchObject({ kind: 'changed', text: expect.stringContaining('仅名称/说明') });
    expect(added).toBeLessThan(renamed);
    // a change is a button: it focuses the element on both diagrams
    await dialog.locator(`.change[data-element="${newTaskId}"]`).focus();
    await analyst.keyboard.press('Enter');
    if (SCREENSHOTS) await analyst.screenshot({ path: join(IMAGES, 'modeler-diff.png') });
    await analyst.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);

    // when she deploys it
    await analyst.getByRole('button', { name: '部署', exact: true }).click();
    // the dialog says what goes with the model
    expect(await analyst.locator('dialog.app-dialog').innerText()).toContain(`将部署 ${FC20} 及其引用的表单和决策表`);
    await analyst.locator('dialog.app-dialog').getByRole('button', { name: '部署', exact: true }).click();

    // then each deployed resource is named by its kind
    const outcome = analyst.locator('.deploy-outcome');
    await outcome.waitFor();
    expect(await outcome.innerText()).toContain(`流程 ${PROCESS_ID}：第 2 版`);
    expect(await outcome.innerText()).toContain('表单 fc20-preliminary-review：第 1 版');
    expect(await outcome.innerText()).toMatch(/决策表 statutory-time-limit：第 \d+ 版/);
    await outcome.locator('.running-count').first().waitFor();
    expect(await outcome.locator('.running-count').first().innerText()).toBe('第 1 版上仍有 1 件在办');
    const versions = (await officeSearch<{ version: number }>('process-definitions', { username: 'liu-fang', password: 'demo' })).map((item) => item.version).sort();
    expect(versions).toEqual([1, 2]);
    await analyst.locator('dialog.app-dialog .dialog-actions').getByRole('button', { name: '关闭', exact: true }).click();
  });

  it('should save a label edited in the form editor', async () => {
    // given
    const analyst = await analystTab();
    await analyst.goto(`${h.url}/modeler/edit/${FORM}`);
    await analyst.locator('.form-editor .fjs-editor-container').waitFor();
    await problemsSettled(analyst);
    // the toolbar names only the form editor's shortcuts (no token simulation, no element list)
    expect(await analyst.locator('.editor-toolbar .shortcuts').innerText()).not.toMatch(/模拟令牌|元素列表/);

    // when
    await analyst.locator('.form-editor-canvas .fjs-element[data-id="f_hospitalName"]').click();
    const groups = await analyst.locator('.form-editor-properties .bio-properties-panel-group-header-title').allInnerTexts();
    expect(groups.filter((title) => !HAN.test(title))).toEqual([]); // form-js-editor's own texts in Chinese too
    expect(await analyst.locator('.form-editor').getByText('搜索组件').or(analyst.locator('.form-editor input[placeholder="搜索组件"]')).count()).toBeGreaterThan(0);
    await openGroup(analyst, '常规');
    await analyst.getByRole('button', { name: '预览（填写效果）' }).click(); // folded on the office's 1366-pixel screens
    const label = analyst.locator('.form-editor-properties #bio-properties-panel-label');
    await label.fill('就诊医疗机构');
    await label.blur();
    await expect.poll(() => analyst.locator('.form-preview').innerText()).toContain('就诊医疗机构');
    // the preview's bpmn.io logo is shown, but Tab goes from the last field to the next control, not to bpmn.io
    const logos = analyst.locator('.editor-page a.fjs-powered-by-link');
    await logos.first().waitFor();
    expect(new Set(await logos.evaluateAll((links) => links.map((link) => link.getAttribute('tabindex'))))).toEqual(new Set(['-1']));
    await analyst.keyboard.press('Control+s'); // no 修改说明 typed: saved at once with the default message

    // then
    await analyst.locator('.banner.ok', { hasText: '已保存' }).waitFor();
    const saved = JSON.parse(readFileSync(join(h.project.dir, FORM), 'utf8')) as { id: string; components: { id: string; label?: string }[] };
    expect(saved.id).toBe('fc20-settlement-review');
    expect(saved.components.find((component) => component.id === 'f_hospitalName')?.label).toBe('就诊医疗机构');
    expect(h.project.git('log', '-1', '--format=%an|%s')).toMatch(/^刘芳\|修改 forms\/fc20-settlement-review\.form/);
    // and compared with the hand-written version before it, only the label shows, not form-js's key order, exporter
    // or schema version
    expect(await changedLines(analyst)).toEqual({ removed: [expect.stringMatching(/^- +"label": "医疗机构",?$/)], added: [expect.stringMatching(/^\+ +"label": "就诊医疗机构",?$/)] });
  });

  it('should open a decision table with dmn-js in Chinese', async () => {
    // given
    const analyst = await analystTab();

    // when
    await analyst.goto(`${h.url}/modeler/edit/bpmn/statutory-time-limit.dmn`);
    await analyst.locator('.djs-palette .entry').first().waitFor();

    // then the diagram's palette is Chinese
    const titles = await analyst.locator('.djs-palette .entry[aria-label]').evaluateAll((entries) => entries.map((entry) => entry.getAttribute('aria-label') ?? ''));
    expect(titles.length).toBeGreaterThan(3);
    expect(titles.filter((title) => !HAN.test(title))).toEqual([]);

    // and so is the decision table
    await analyst.locator('.drill-down-overlay button').first().click();
    const table = analyst.locator('.dmn-decision-table-container');
    await table.waitFor();
    expect(await table.innerText()).toMatch(/命中策略[\s\S]*且[\s\S]*则[\s\S]*注释/);
    expect(await analyst.locator('.editor-page').innerText()).toContain('查看决策需求图');
    expect(await analyst.locator('.editor-page .banner.error').count()).toBe(0);
  });

  it('should record no version for a decision table or a form saved unchanged, and one for a real change', async () => {
    // given a decision table and a form (with a dynamic list) as written by hand, which dmn-js and form-js write back
    // otherwise: dmn-js one element a line and without hitPolicy="UNIQUE", form-js its key order, exporter, schema
    // version and the list's outline
    const analyst = await analystTab();
    const sent: string[] = [];
    analyst.on('request', (request) => {
      if (request.method() === 'PUT' && request.url().includes('/modeler/api/files/')) sent.push((JSON.parse(request.postData() ?? '{}') as { text: string }).text);
    });
    const head = h.project.git('rev-parse', 'HEAD');

    for (const file of [DECISION, 'forms/fc03-application.form']) {
      const saved = readFileSync(join(h.project.dir, file), 'utf8');
      await analyst.goto(`${h.url}/modeler/edit/${file}`);
      await analyst.locator(file.endsWith('.dmn') ? '.djs-palette .entry' : '.form-editor .fjs-editor-container').first().waitFor();
      await problemsSettled(analyst);

      // when she saves it without changing anything
      sent.length = 0;
      await analyst.getByRole('button', { name: '保存', exact: true }).click();

      // then no version: the saved text stays as it was, though the editor sent it written its own way
      await analyst.locator('.banner.ok', { hasText: '文件没有修改，没有新版本' }).waitFor();
      expect(sent).toHaveLength(1);
      expect(sent[0]).not.toBe(saved);
      expect(readFileSync(join(h.project.dir, file), 'utf8')).toBe(saved);
      expect(h.project.git('rev-parse', 'HEAD')).toBe(head);
    }

    // when she changes one rule of the table (three months after birth → four) and saves
    await analyst.goto(`${h.url}/modeler/edit/${DECISION}`);
    await analyst.locator('.drill-down-overlay button').first().click();
    const months = analyst.locator('.dmn-decision-table-container [data-element-id="afterBirthMonths"] [contenteditable="true"]');
    await months.click();
    await analyst.keyboard.press('End');
    await analyst.keyboard.press('Backspace');
    await analyst.keyboard.type('4');
    await analyst.locator('.dmn-decision-table-container .decision-table-name').click();
    await saveWithReason(analyst, '生育后申报期限改为四个月');

    // then it is a version, with the decision as dmn-js wrote it
    expect(h.project.git('log', '-1', '--format=%s')).toBe('生育后申报期限改为四个月\n');
    expect(h.project.git('show', '--name-only', '--format=', 'HEAD')).toContain(DECISION);
    expect(readFileSync(join(h.project.dir, DECISION), 'utf8')).toMatch(/<outputEntry id="afterBirthMonths">\s*<text>4<\/text>/);

    // and compared with the hand-written version before it, only the changed entry shows, not dmn-js's reformatting
    expect(await changedLines(analyst)).toEqual({ removed: [expect.stringMatching(/^- +<text>3<\/text>$/)], added: [expect.stringMatching(/^\+ +<text>4<\/text>$/)] });
  });

  it('should record no version for a form without labels and ids saved unchanged, and one when a field gets a label', async () => {
    // given a form as one imported from elsewhere may be: no label on its fields, no id on its components
    // (form-js gives them English default labels and ids made up at random when it reads it), in the project
    const file = 'forms/imported-without-ids.form';
    const bare = readFileSync(fileURLToPath(new URL('server/fixtures/form-without-ids.form', import.meta.url)), 'utf8');
    writeFileSync(join(h.project.dir, file), bare);
    h.project.git('add', file);
    h.project.git('commit', '--quiet', '-m', 'Import a form made elsewhere (test)');
    const head = h.project.git('rev-parse', 'HEAD');
    const analyst = await analystTab();
    const sent: string[] = [];
    analyst.on('request', (request) => {
      if (request.method() === 'PUT' && request.url().includes('/modeler/api/files/')) sent.push((JSON.parse(request.postData() ?? '{}') as { text: string }).text);
    });
    await analyst.goto(`${h.url}/modeler/edit/${file}`);
    await analyst.locator('.form-editor .fjs-editor-container').waitFor();
    await problemsSettled(analyst);

    // when she saves it without changing anything
    await analyst.getByRole('button', { name: '保存', exact: true }).click();

    // then no version, though form-js sent it with the ids and labels it gave it
    await analyst.locator('.banner.ok', { hasText: '文件没有修改，没有新版本' }).waitFor();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatch(/"id": "Field_[0-9a-z]{7}"/);
    expect(sent[0]).toContain('"label": "Text field"');
    expect(readFileSync(join(h.project.dir, file), 'utf8')).toBe(bare);
    expect(h.project.git('rev-parse', 'HEAD')).toBe(head);

    // when she gives the first field a label and saves
    await analyst.locator('.form-editor-canvas .fjs-element[data-id^="Field_"]').first().click();
    await openGroup(analyst, '常规');
    const label = analyst.locator('.form-editor-properties #bio-properties-panel-label');
    await label.fill('姓名');
    await label.blur();
    // (form-js takes a typed label after a pause: saved before, it would not be in the text sent)
    await analyst.locator('.editor-toolbar .notice').waitFor();
    await saveWithReason(analyst, '第一个字段加上标签');

    // then it is a version, with the ids form-js gave it now written down
    expect(h.project.git('log', '-1', '--format=%s')).toBe('第一个字段加上标签\n');
    const saved = readFileSync(join(h.project.dir, file), 'utf8');
    expect(saved).toContain('"label": "姓名"');
    expect(saved).toMatch(/"id": "Field_[0-9a-z]{7}"/);
    // and compared with the version before it, only the label shows, not the ids and default labels form-js wrote
    expect(await changedLines(analyst)).toEqual({ removed: [expect.stringMatching(/^- +"label": "Text field",?$/)], added: [expect.stringMatching(/^\+ +"label": "姓名",?$/)] });
  });

  it('should tell the analyst on opening a decision with XML comments that a save drops them, and say so when one did', async () => {
    // given a decision table whose file has a comment (written by hand), in the project
    const file = 'bpmn/maternity-leave-days.dmn';
    const commented = readFileSync(join(h.project.dir, file), 'utf8').replace('    <decisionTable', '    <!-- 天数依据：青海省职工生育保险办法 -->\n    <decisionTable');
    expect(commented).toContain('<!-- 天数依据');
    writeFileSync(join(h.project.dir, file), commented);
    h.project.git('commit', '--quiet', '-am', 'Comment a decision by hand (test)');
    const analyst = await analystTab();

    // when she opens it
    await analyst.goto(`${h.url}/modeler/edit/${file}`);
    await analyst.locator('.djs-palette .entry').first().waitFor();

    // then she is told before any change that a save will not keep the comment
    // — as information (a notice, role=status), not as an error
    const notice = analyst.locator('.editor-page .banner.notice[role="status"]');
    await expect.poll(() => notice.innerText()).toContain('此决策文件中有 1 处 XML 注释（<!-- … -->）。决策表编辑器不保留 XML 注释：保存修改后它们将从文件中删除');
    expect(await analyst.locator('.editor-page .banner.error').count()).toBe(0);

    // when she changes a rule (98 days → 99) and saves
    await analyst.locator('.drill-down-overlay button').first().click();
    const days = analyst.locator('.dmn-decision-table-container [data-element-id="baseLeaveDays"] [contenteditable="true"]');
    await days.click();
    await analyst.keyboard.press('End');
    await analyst.keyboard.press('Backspace');
    await analyst.keyboard.type('9');
    await analyst.locator('.dmn-decision-table-container .decision-table-name').click();
    await saveWithReason(analyst, '产假天数改为 99 天');

    // then the save says the comment was left out, and the file has none
    expect(await analyst.locator('.banner.ok').innerText()).toContain('文件中原有的 1 处 XML 注释未保留（修改记录中的上一版本仍有）');
    expect(await notice.count()).toBe(0);
    const saved = readFileSync(join(h.project.dir, file), 'utf8');
    expect(saved).toMatch(/<outputEntry id="baseLeaveDays">\s*<text>99<\/text>/);
    expect(saved).not.toContain('<!--');
  });

  it('should keep a diagram’s XML comments on an unchanged save, tell the analyst on opening that a changed one drops them, and say so when one did', async () => {
    // given FC02 with two comments written by hand (one on a line of its own, one at a line's end), in the project
    const file = 'bpmn/xining-fc02-employee-enrolment.bpmn';
    const commented = readFileSync(join(h.project.dir, file), 'utf8')
      .replace('    <bpmn:userTask id="firstReview"', '    <!-- 初审：窗口受理当日 -->\n    <bpmn:userTask id="firstReview"')
      .replace('<bpmn:error id="errorInvalidIdNumber" name="公民身份号码无效" errorCode="INVALID_ID_NUMBER" />', '$& <!-- 身份证号校验 -->');
    expect(commented.match(/<!--/g)).toHaveLength(2);
    writeFileSync(join(h.project.dir, file), commented);
    h.project.git('commit', '--quiet', '-am', 'Comment a diagram by hand (test)');
    const head = h.project.git('rev-parse', 'HEAD');
    const analyst = await analystTab();

    // when she opens it
    await analyst.goto(`${h.url}/modeler/edit/${file}`);
    await analyst.locator('.bpmn-canvas .djs-container').waitFor();
    await expectNoProblems(analyst);

    // then she is told before any change that a save of a change will not keep the comments — a notice, no error
    const notice = analyst.locator('.editor-page .banner.notice[role="status"]');
    await expect.poll(() => notice.innerText()).toContain('此流程文件中有 2 处 XML 注释（<!-- … -->）。流程编辑器不保留 XML 注释：保存修改后它们将从文件中删除');
    expect(await analyst.locator('.editor-page .banner.error').count()).toBe(0);

    // when she saves without changing anything
    await analyst.getByRole('button', { name: '保存', exact: true }).click();

    // then no version, and the file keeps its comments
    await analyst.locator('.banner.ok', { hasText: '文件没有修改，没有新版本' }).waitFor();
    expect(readFileSync(join(h.project.dir, file), 'utf8')).toBe(commented);
    expect(h.project.git('rev-parse', 'HEAD')).toBe(head);
    expect(await notice.count()).toBe(1);

    // when she renames 初审 and saves
    await renameElement(analyst, 'firstReview', '业务初审');
    await saveWithReason(analyst, '初审改名');

    // then the save says the comments were left out, the notice goes, and the file has none
    expect(await analyst.locator('.banner.ok').innerText()).toContain('文件中原有的 2 处 XML 注释未保留（修改记录中的上一版本仍有）');
    expect(await notice.count()).toBe(0);
    const saved = readFileSync(join(h.project.dir, file), 'utf8');
    expect(saved).toContain('<bpmn:userTask id="firstReview" name="业务初审"');
    expect(saved).not.toContain('<!--');
  });

  it('should say in Chinese why a model cut short does not open, the parser’s English under a closed 技术详情', async () => {
    // given a copy of FC20 whose end is missing
    const text = readFileSync(join(h.project.dir, FC20), 'utf8');
    writeFileSync(join(h.project.dir, 'bpmn', 'cut-short.bpmn'), text.slice(0, text.indexOf('</bpmn:process>')));

    // (a page whose timers the test moves: the live lint's delay must pass while the notice shows)
    const page = await analystTab();
    await page.clock.install();
    try {
      // when
      await page.goto(`${h.url}/modeler/edit/bpmn/cut-short.bpmn`);

      // then
      const notice = page.locator('.editor-page .banner.error');
      await notice.locator('[role="alert"]', { hasText: '模型无法打开' }).waitFor();
      expect(await notice.locator('[role="alert"]').innerText()).toMatch(/^模型无法打开：文件第 \d+ 行第 \d+ 列的内容无法读取/);
      // and it stays after the live lint's delay: no lint of the file that did not open replaces it with 检查失败
      await page.clock.runFor(2_000);
      await afterRender(page);
      expect(await notice.locator('[role="alert"]').innerText()).toMatch(/^模型无法打开：文件第 \d+ 行第 \d+ 列的内容无法读取/);
      expect(await notice.locator('.technical-detail pre').isVisible()).toBe(false);
      await notice.locator('.technical-detail summary', { hasText: '技术详情' }).click();
      expect(await notice.locator('.technical-detail pre').innerText()).toContain('unparsable content');
      // and the problems list shows the saved file's problem as the server found it, in the same words
      await expect.poll(() => page.locator('.problems-panel .message').allInnerTexts()).toEqual([expect.stringMatching(/^文件第 \d+ 行第 \d+ 列的内容无法读取/)]);
    } finally {
      rmSync(join(h.project.dir, 'bpmn', 'cut-short.bpmn'));
    }
  });

  it('should refuse a clerk: no modeler page, 403 on saving and deploying', async () => {
    // given
    const clerk = await h.loginAs('zhang-min');
    await clerk.locator('.page-status', { hasText: '没有使用此应用的权限' }).waitFor();

    // when the clerk's own session calls the modeler's routes
    const answers = await clerk.evaluate(async ({ file }) => {
      const me = await fetch('/v2/authentication/me');
      const token = me.headers.get('X-CSRF-TOKEN') ?? '';
      const headers = { 'content-type': 'application/json', 'X-CSRF-TOKEN': token };
      const save = await fetch(`/modeler/api/files/${file}`, { method: 'PUT', headers, body: JSON.stringify({ text: '<x/>', baseRevision: null }) });
      const deploy = await fetch('/modeler/api/deployments', { method: 'POST', headers, body: JSON.stringify({ file }) });
      return { save: save.status, deploy: deploy.status, title: ((await deploy.json()) as { title: string }).title };
    }, { file: FC20 });

    // then
    expect(answers).toEqual({ save: 403, deploy: 403, title: '没有权限' });
    const direct = await fetch(`${h.url}/v2/deployments`, { method: 'POST', headers: { authorization: basicAuth({ username: 'zhang-min', password: 'demo' }) }, body: new FormData() });
    expect(direct.status).toBe(403);
  });
});

// helpers

/** A new tab of the analyst's browser, closed when the test ends: no test starts from what another left on its page. */
async function analystTab(): Promise<Page> {
  const page = await analystBrowser.newPage();
  onTestFinished(() => page.close());
  return page;
}

/**
 * The analyst with FC20 open as the project holds it on a tab of her own (closed when the test ends), once its diagram
 * shows and the live lint finds nothing wrong in it.
 */
async function analystOnFc20(): Promise<Page> {
  const page = await analystTab();
  await page.goto(`${h.url}/modeler/edit/${FC20}`);
  await page.locator('.bpmn-canvas .djs-container').waitFor();
  await expectNoProblems(page);
  return page;
}

/** What the office's engine finds of FC20 — its versions, or its cases —, searched as `as` (default the demo admin). */
async function officeSearch<T = unknown>(of: 'process-definitions' | 'process-instances', as?: { username: string; password: string }): Promise<T[]> {
  const search = await h.engine.fetch(`/v2/${of}/search`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ filter: { processDefinitionId: PROCESS_ID } }),
    as,
  });
  return ((await search.json()) as { items: T[] }).items;
}

/**
 * The lines the comparison of the newest saved version with the one before shows removed and added (the history
 * panel opened for it stays open).
 */
async function changedLines(page: Page): Promise<{ removed: string[]; added: string[] }> {
  await page.getByRole('button', { name: '修改记录' }).click();
  await page.locator('.version-list li').nth(1).getByRole('button', { name: '与上一版本比较' }).click();
  const dialog = page.locator('dialog.app-dialog');
  await dialog.locator('.text-diff').waitFor();
  const lines = async (selector: string) => (await dialog.locator(selector).allInnerTexts()).flatMap((part) => part.split('\n')).filter((line) => line.trim() !== '');
  const changed = { removed: await lines('.line-removed'), added: await lines('.line-added') };
  await page.keyboard.press('Escape');
  await expect.poll(() => dialog.count()).toBe(0);
  return changed;
}

/** Waits until the live lint has answered (the problems list shows a count). */
async function problemsSettled(page: Page): Promise<void> {
  await page.locator('.problems-panel h2 .count').waitFor();
  await page.waitForFunction(() => !document.querySelector('.problems-panel')?.textContent?.includes('正在检查'));
}
