/** The front-end build `npm start` runs: nothing is rebuilt while the sources are unchanged. */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ensureWebAppsBuilt } from '../../../web-shared/build/ensure-web-apps-built.js';

const execFileAsync = promisify(execFile);

describe('web app build', () => {
  it('should build the task list once and then only check its sources', async () => {
    // given
    await ensureWebAppsBuilt();

    // when
    const [again] = await ensureWebAppsBuilt();

    // then
    expect(again).toMatchObject({ dir: 'web-tasklist', built: false });
    const html = readFileSync('web-tasklist/dist/index.html', 'utf8');
    const script = /src="\/tasklist\/assets\/(app-[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    expect(existsSync(`web-tasklist/dist/assets/${script}`)).toBe(true);
    expect(html).toMatch(/href="\/tasklist\/assets\/app-[^"]+\.css"/);
    expect(html).toContain('<title>任务列表 · 西宁市城中区医疗保障局</title>');
    expect(html).not.toContain('{{');
  });

  it('should end with one whole build when two processes build the same app at once', async () => {
    // given: test files in parallel processes (or `npm start` beside them) may find an app stale at the same moment
    const buildTasklist = `
      const { ensureWebAppBuilt } = await import('./web-shared/build/build-web-app.ts');
      const { WEB_APP_SOURCES } = await import('./web-shared/build/ensure-web-apps-built.ts');
      await ensureWebAppBuilt(WEB_APP_SOURCES.find((source) => source.dir === 'web-tasklist'), { force: true });`;
    const run = () => execFileAsync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', buildTasklist]);

    // when
    const outcomes = await Promise.allSettled([run(), run()]);

    // then
    expect(outcomes.map((outcome) => (outcome.status === 'rejected' ? String(outcome.reason) : 'built'))).toEqual(['built', 'built']);
    const html = readFileSync('web-tasklist/dist/index.html', 'utf8');
    const script = /src="\/tasklist\/assets\/(app-[^"]+\.js)"/.exec(html)?.[1];
    expect(existsSync(`web-tasklist/dist/assets/${script}`)).toBe(true);
    const [again] = await ensureWebAppsBuilt();
    expect(again).toMatchObject({ dir: 'web-tasklist', built: false });
    expect(readdirSync('web-tasklist').filter((name) => name.startsWith('dist.building'))).toEqual([]);
  }, 120_000);

  it('should remove the staging folder a killed build left behind', async () => {
    // given: a build whose process is gone (no process has this id: Linux ids stay below 2^22)
    const orphan = 'web-tasklist/dist.building-99999999-left-behind';
    mkdirSync(orphan, { recursive: true });

    // when
    await ensureWebAppsBuilt({ force: true });

    // then
    expect(existsSync(orphan)).toBe(false);
  }, 120_000);
});
