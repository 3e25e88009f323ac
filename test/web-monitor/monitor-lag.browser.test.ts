/**
 * The monitor's case page in headless Chromium against an engine whose searches and reads by key lag behind the
 * commands (1 s, or TEST_SEARCH_LAG_MS), as a Camunda 8.8 cluster's do (docs/camunda8-cluster.md, "What the web apps
 * show right after their own commands"): after 重试 the incident shows as submitted at once and neither its 重试, nor
 * the diagram's incident marker, nor the step's 异常 comes back while the reads still list it open; a corrected
 * variable shows its new value, marked 已提交, and the old one never comes back; 撤销案件 shows the case as cancelled
 * at once, with nothing active in the diagram. A double click on 重试, 保存 or 撤销案件 sends one command. A
 * MutationObserver in the page records every moment the page showed the old state after it had shown the new one.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Page, Response } from 'playwright-core';
import { layoutBpmnXml } from '../../scripts/layout/layout-bpmn-xml.js';
import { REREAD_GAPS_MS } from '../../web-monitor/src/own-repairs.js';
import { bpmnProcess, flow, serviceTask } from '../support/bpmn.js';
import { deploy } from '../support/engine-fixture.js';
import { startTasklistHarness, type TasklistHarness } from '../support/tasklist-browser.js';

const PROCESS_ID = 'monitor-lag-repair';
const JOB_TYPE = 'monitor-lag-check';
const SEARCH_LAG_MS = Number(process.env.TEST_SEARCH_LAG_MS) || 1_000;
const MANAGER = 'sun-qiang';
const model = bpmnProcess(
  PROCESS_ID,
  `<bpmn:startEvent id="start"/>${serviceTask('check', JOB_TYPE).replace('<bpmn:serviceTask id="check"', '<bpmn:serviceTask id="check" name="核验"')}<bpmn:endEvent id="end"/>${flow('f1', 'start', 'check')}${flow('f2', 'check', 'end')}`,
  '异常修复（延迟）测试',
);

let t: TasklistHarness;
let caseKey = '';
let incidentKey = '';

beforeAll(async () => {
  t = await startTasklistHarness({ processes: [], monitor: true, engine: { searchLag: SEARCH_LAG_MS } });
  // laid out: the diagram shows the case's elements (and the markers the test watches)
  await deploy(t.harness.client, [{ name: `${PROCESS_ID}.bpmn`, content: await layoutBpmnXml(model) }]);
  ({ caseKey, incidentKey } = await failingCase());
}, 300_000);

afterAll(async () => {
  await t?.stop();
});

describe(`the monitor's case page (/monitor) against searches that lag ${SEARCH_LAG_MS} ms`, { timeout: 120_000 }, () => {
  let manager: Page;

  it('should show a retried incident as submitted at once, and never offer 重试 for it again while the reads lag', async () => {
    // given
    manager = await t.openMonitorAs(MANAGER);
    const reads = recordIncidentReads(manager);
    const resolutions = recordCommands(manager, 'POST', /\/v2\/incidents\/\d+\/resolution$/);
    await manager.goto(`${t.url}/monitor/instances/${caseKey}`);
    const row = manager.locator(`[data-incident="${incidentKey}"]`);
    await row.getByRole('button', { name: '重试' }).waitFor();
    await manager.locator(INCIDENT_MARKER).first().waitFor();
    await manager.locator(INCIDENT_STEP).first().waitFor();
    await watch(manager, {
      newer: `[data-incident="${incidentKey}"] [data-testid="incident-submitted"]`,
      text: '已提交，等待引擎处理',
      older: [{ selector: `[data-incident="${incidentKey}"] button` }, { selector: INCIDENT_MARKER }, { selector: INCIDENT_STEP }],
    });

    // when the manager double-clicks it
    await row.getByRole('button', { name: '重试' }).dblclick();

    // then submitted at once, and neither the 重试 of that incident, its marker in the diagram nor the step's 异常 comes back
    await expect.poll(() => shownAt(manager)).toBeDefined();
    await expect.poll(() => manager.getByTestId('message').innerText()).toContain('已重试');
    // shown before any read of the page no longer listed it; once they do, the page shows what the server says
    await expect.poll(() => manager.getByTestId('incidents').innerText(), { timeout: SEARCH_LAG_MS + 10_000 }).toContain('没有未处理的异常');
    await expect.poll(() => reads.at(-1)?.keys).toEqual([]);
    expect(await shownAt(manager)).toBeLessThan(reads.find((read) => !read.keys.includes(incidentKey))!.at);
    expect(await flips(manager)).toEqual([]);
    expect(await manager.getByTestId('unconfirmed').count()).toBe(0);
    expect(resolutions).toHaveLength(1);
    // the engine: the incident is resolved and the job has a retry again
    await expect.poll(async () => (await t.harness.client.searchIncidents({ filter: { incidentKey } } as never)).items[0]?.state, { timeout: SEARCH_LAG_MS + 10_000 }).toBe('RESOLVED');
  });

  it('should show a corrected variable with its new value, marked 已提交, and never the old one again while the reads lag', async () => {
    // given
    const row = manager.locator('[data-variable="note"]').first();
    await expect.poll(() => row.locator('td.value').innerText()).toContain('原值');
    const reads = recordVariableReads(manager, 'note');
    const sets = recordCommands(manager, 'PUT', /\/v2\/element-instances\/\d+\/variables$/);

    // when the manager double-clicks 保存
    await row.getByRole('button', { name: '修改 note' }).click();
    await row.getByRole('textbox').fill('"新值"');
    await watch(manager, { newer: '[data-variable="note"] td.value', text: '新值已提交', older: [{ selector: '[data-variable="note"] td.value', text: '原值' }] });
    await row.getByRole('button', { name: '保存' }).dblclick();

    // then the new value at once, marked as submitted, before any read showed it
    await expect.poll(() => shownAt(manager)).toBeDefined();
    const shown = await shownAt(manager);
    await expect.poll(() => manager.getByTestId('message').innerText()).toContain('已修改变量 note');
    // until a read shows it: the mark goes, the value stays
    await expect.poll(() => row.locator('td.value').innerText(), { timeout: SEARCH_LAG_MS + 10_000 }).toBe('新值');
    await expect.poll(() => reads.some((read) => read.value === '"新值"')).toBe(true);
    expect(shown).toBeLessThan(reads.find((read) => read.value === '"新值"')!.at);
    expect(await flips(manager)).toEqual([]);
    expect(sets).toHaveLength(1);
  });

  it('should show a cancelled case as 已撤销 at once, and not as 办理中 again while the reads lag', async () => {
    // given the retried step active in the diagram
    const dialogs: string[] = [];
    manager.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.accept();
    });
    const cancellations = recordCommands(manager, 'POST', /\/v2\/process-instances\/\d+\/cancellation$/);
    await manager.locator(ACTIVE_MARKER).first().waitFor();
    await watch(manager, {
      newer: '.page-bar .tag.submitted',
      text: '已提交，等待引擎处理',
      older: [{ selector: '[data-testid="instance-state"]', text: '办理中' }, { selector: ACTIVE_MARKER }],
    });

    // when the manager double-clicks it
    await manager.getByRole('button', { name: '撤销案件' }).dblclick();

    // then
    await expect.poll(() => shownAt(manager)).toBeDefined();
    expect(await manager.getByTestId('instance-state').innerText()).toBe('已撤销');
    expect(await manager.getByRole('button', { name: '撤销案件' }).count()).toBe(0);
    await expect.poll(() => manager.locator('.page-bar').innerText(), { timeout: SEARCH_LAG_MS + 10_000 }).not.toContain('已提交');
    expect(await manager.getByTestId('instance-state').innerText()).toBe('已撤销');
    expect(await flips(manager)).toEqual([]);
    expect(cancellations).toHaveLength(1);
    expect(dialogs).toHaveLength(1);
  });

  it('should say in Chinese that it cannot confirm a repair while the case reads fail, re-read a bounded number of times, and let the repair go after 30 s', async () => {
    // given a second failing case, a page on a clock the test moves, and the reads of the case failing from now on
    const failing = await failingCase();
    const page = await t.openMonitorAs(MANAGER, { clock: true });
    await page.goto(`${t.url}/monitor/instances/${failing.caseKey}`);
    const row = page.locator(`[data-incident="${failing.incidentKey}"]`);
    await row.getByRole('button', { name: '重试' }).waitFor();
    const caseRead = new RegExp(`/v2/process-instances/${failing.caseKey}$`);
    const reads: number[] = [];
    await page.route(caseRead, (route) => {
      reads.push(Date.now());
      return route.fulfill({ status: 503, contentType: 'application/problem+json', body: JSON.stringify({ type: 'about:blank', title: 'Service Unavailable', status: 503, detail: '查询服务暂不可用' }) });
    });

    // when the manager retries: the command goes through, the reads fail
    await row.getByRole('button', { name: '重试' }).click();

    // then the repair is shown as submitted, and the page says its reads fail
    await row.getByTestId('incident-submitted').waitFor();
    await expect.poll(() => page.getByTestId('read-failed').innerText()).toContain('读取案件的最新状态失败');

    // when 30 s pass without a read that answers, and a minute more
    await page.clock.runFor(31_000);
    await expect.poll(() => page.getByTestId('unconfirmed').innerText()).toContain('无法确认刚提交的操作');
    // (the last read goes out as the repair is let go, with the message: it may reach the test's handler after the
    // message showed, so it is waited for before the count is taken)
    await expect.poll(() => reads.length).toBe(1 + REREAD_GAPS_MS.length);
    const rereads = reads.length;
    await page.clock.runFor(60_000);

    // then the page let the repair go (it shows its last read) and said so; it read again at most 8 times, then stopped
    expect(await row.getByRole('button', { name: '重试' }).count()).toBe(1);
    expect(rereads).toBeLessThanOrEqual(8);
    expect(reads).toHaveLength(rereads);

    // when the reads answer again and the manager refreshes (R)
    await page.unroute(caseRead);

    // then the page shows what the server says: the incident resolved, no more message (the searches lag, so a
    // refresh right away may still list it: the manager refreshes again, as the page's message asks)
    await expect
      .poll(
        async () => {
          await page.keyboard.press('r');
          return page.getByTestId('incidents').innerText();
        },
        { timeout: SEARCH_LAG_MS + 10_000, interval: 1_000 },
      )
      .toContain('没有未处理的异常');
    expect(await page.getByTestId('unconfirmed').count()).toBe(0);
    expect(await page.getByTestId('read-failed').count()).toBe(0);
  });
});

// helpers

/** A case of the test process whose check failed without retries: its incident is open. */
async function failingCase(): Promise<{ caseKey: string; incidentKey: string }> {
  const client = t.harness.client;
  const caseKey = await t.harness.start(PROCESS_ID, { note: '原值' });
  const job = await vi.waitFor(
    async () => {
      const [found] = await client.activateJobs({ type: JOB_TYPE, worker: 'monitor-lag-test', timeout: 60_000, maxJobsToActivate: 1, requestTimeout: -1 });
      if (!found) throw new Error('the job is not there yet');
      return found;
    },
    { timeout: 10_000, interval: 50 },
  );
  await client.failJob({ jobKey: job.jobKey, retries: 0, errorMessage: '核验服务不可用', retryBackOff: 0 });
  const incidentKey = await vi.waitFor(
    async () => {
      const [incident] = (await client.searchIncidents({ filter: { processInstanceKey: caseKey, state: 'ACTIVE' } } as never)).items;
      if (!incident) throw new Error('no incident yet');
      return String(incident.incidentKey);
    },
    { timeout: SEARCH_LAG_MS + 10_000, interval: 100 },
  );
  return { caseKey, incidentKey };
}

/** The diagram's marks on the failing service task (bpmn-js puts them on the element's group), the steps' 异常 row. */
const INCIDENT_MARKER = '.djs-element.marker-incident[data-element-id="check"]';
const ACTIVE_MARKER = '.djs-element.marker-active[data-element-id="check"]';
const INCIDENT_STEP = '[data-testid="steps"] tr.error';

/** The commands of one kind the page sends, as they go out. */
function recordCommands(page: Page, method: string, url: RegExp): string[] {
  const sent: string[] = [];
  page.on('request', (request) => {
    if (request.method() === method && url.test(request.url())) sent.push(request.url());
  });
  return sent;
}

/** The open incidents' keys in every read of the case's incidents the page makes, with when each answered, in that order. */
function recordIncidentReads(page: Page): { keys: string[]; at: number }[] {
  const reads: { keys: string[]; at: number }[] = [];
  page.on('response', (response: Response) => {
    if (!/\/v2\/process-instances\/\d+\/incidents\/search$/.test(response.url()) || response.status() !== 200) return;
    const at = Date.now();
    void response.json().then((body: { items: { incidentKey: string; state: string }[] }) =>
      reads.push({ keys: body.items.filter((incident) => incident.state === 'ACTIVE').map((incident) => String(incident.incidentKey)), at }),
    );
  });
  return reads;
}

/** The values of the variable `name` in every read of the case's variables the page makes, with when each answered, in that order. */
function recordVariableReads(page: Page, name: string): { value: string; at: number }[] {
  const reads: { value: string; at: number }[] = [];
  page.on('response', (response: Response) => {
    if (!/\/v2\/variables\/search(\?|$)/.test(response.url()) || response.status() !== 200) return;
    const at = Date.now();
    void response.json().then((body: { items: { name: string; value: string }[] }) => {
      for (const variable of body.items) if (variable.name === name) reads.push({ value: variable.value, at });
    });
  });
  return reads;
}

/** What the page shows after the change (`newer`) and before it (each of `older`): an element, holding the text if given. */
interface Watched {
  newer: string;
  text?: string;
  older: { selector: string; text?: string }[];
}

/**
 * From now on records in the page when it first shows the change (`shownAt`), and each time after that it shows the
 * state from before it (`flips`).
 */
async function watch(page: Page, watched: Watched): Promise<void> {
  await page.evaluate((w) => {
    const state = window as unknown as { flips?: string[]; shownAt?: number; watcher?: MutationObserver };
    state.watcher?.disconnect();
    state.flips = [];
    state.shownAt = undefined;
    const shows = (selector: string, text?: string) => Array.from(document.querySelectorAll(selector)).some((element) => text === undefined || (element.textContent ?? '').includes(text));
    const check = () => {
      if (state.shownAt === undefined && shows(w.newer, w.text)) state.shownAt = Date.now();
      if (state.shownAt === undefined) return;
      for (const older of w.older) if (shows(older.selector, older.text)) state.flips!.push(`${older.selector} ${older.text ?? ''} again`);
    };
    check();
    state.watcher = new MutationObserver(check);
    state.watcher.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  }, watched);
}

/** When the page first showed the change since {@link watch}. */
async function shownAt(page: Page): Promise<number | undefined> {
  return page.evaluate(() => (window as unknown as { shownAt?: number }).shownAt);
}

async function flips(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { flips?: string[] }).flips ?? []);
}
