/**
 * An FC20 零星报销 case brought to 财务发放 (payBenefits) and its task claimed by 财务 in the task list: the task list's
 * date tests type into its 发放日期.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { FC20_APPLICATION, FC20_REGISTRATION } from './fc20-sample-case.js';
import type { ProcessHarness } from './process-harness.js';
import { startTasklistHarness, type TasklistHarness } from './tasklist-browser.js';

export const FC20_PROCESS_ID = 'xining-fc20-manual-reimbursement';
// 马晓云: 财务 (config/users.json)
export const FINANCE = 'ma-xiaoyun';

/**
 * Starts a case whose 发放日期 is already `paymentDate` (and its 转账凭证号 given), and completes the reviews before
 * 财务发放 as the window clerks do: resolves with the case's key and its 发放 task's.
 */
export async function startCaseAtPayment(h: ProcessHarness, paymentDate: string): Promise<{ caseKey: string; taskKey: string }> {
  const caseKey = await h.start(FC20_PROCESS_ID, { ...FC20_APPLICATION, paymentDate, paymentReference: 'ZZ2026030001' });
  await h.complete(caseKey, 'preliminaryReview', { as: 'window-first-review', variables: { receivedMaterials: FC20_APPLICATION.submittedMaterials, preliminaryReviewDecision: 'approved' } });
  await h.complete(caseKey, 'registerAndReview', { as: 'window-first-review', variables: FC20_REGISTRATION });
  await h.complete(caseKey, 'settlementReview', { as: 'window-second-review', variables: { settlementReviewDecision: 'approved', settlementReviewReason: '' } });
  const taskKey = (await h.waitForTask(caseKey, 'payBenefits')).userTaskKey;
  return { caseKey, taskKey };
}

/** 财务 logs in, opens the 发放 task and claims it (once 释放 shows): her page, and the form's 发放日期 field. */
export async function claimPaymentTask(t: TasklistHarness, taskKey: string): Promise<{ page: Page; date: Locator }> {
  const page = await t.loginAs(FINANCE);
  await page.goto(`${t.url}/tasklist/tasks/${taskKey}`);
  await page.getByRole('button', { name: '认领', exact: true }).click();
  await page.getByRole('button', { name: '释放' }).waitFor();
  return { page, date: page.locator('.task-detail .fjs-form').getByLabel('发放日期') };
}

/** The task list with FC20's model deployed, and a case at 财务发放 whose 发放日期 is `paymentDate` (startCaseAtPayment). */
async function startTasklistAtPayment(paymentDate: string): Promise<{ t: TasklistHarness; caseKey: string; taskKey: string }> {
  const t = await startTasklistHarness({ processes: [FC20_PROCESS_ID] });
  return { t, ...(await startCaseAtPayment(t.harness, paymentDate)) };
}

/**
 * `startTasklistAtPayment(paymentDate)` before the test file's tests, the task list stopped after them: what it
 * started, filled in once started.
 */
export function startTasklistAtPaymentForFile(paymentDate: string): { t: TasklistHarness; caseKey: string; taskKey: string } {
  const started = { t: undefined as unknown as TasklistHarness, caseKey: '', taskKey: '' };
  beforeAll(async () => {
    Object.assign(started, await startTasklistAtPayment(paymentDate));
  }, 180_000);
  afterAll(async () => {
    await started.t?.stop();
  });
  return started;
}
