/** The front-end build `npm start` runs: nothing is rebuilt while the sources are unchanged. */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureWebAppBuilt, type WebAppSource } from '../../../web-shared/build/build-web-app.js';
import { ensureWebAppsBuilt, WEB_APP_SOURCES } from '../../../web-shared/build/ensure-web-apps-built.js';

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
    // given: test files in parallel processes (or `npm start` beside them) may find an app stale at the same moment;
    // built into a folder of the test's own, not the dist/ that other test files' servers serve
    const distDir = join(scratch(), 'dist');
    const buildTasklist = `
      const { ensureWebAppBuilt } = await import('./web-shared/build/build-web-app.ts');
      const { WEB_APP_SOURCES } = await import('./web-shared/build/ensure-web-apps-built.ts');
      const tasklist = WEB_APP_SOURCES.find((source) => source.dir === 'web-tasklist');
      await ensureWebAppBuilt(tasklist, { force: true, distDir: ${JSON.stringify(distDir)} });`;
    const run = () => execFileAsync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', buildTasklist]);

    // when
    const outcomes = await Promise.allSettled([run(), run()]);

    // then
    expect(outcomes.map((outcome) => (outcome.status === 'rejected' ? String(outcome.reason) : 'built'))).toEqual(['built', 'built']);
    const html = readFileSync(join(distDir, 'index.html'), 'utf8');
    const script = /src="\/tasklist\/assets\/(app-[^"]+\.js)"/.exec(html)?.[1];
    expect(existsSync(join(distDir, 'assets', script!))).toBe(true);
    expect(await ensureWebAppBuilt(tasklistSource(), { distDir })).toMatchObject({ built: false });
    expect(readdirSync(dirname(distDir))).toEqual(['dist']);
  }, 120_000);

  it('should remove the staging folder a killed build left behind', async () => {
    // given: a build whose process is gone (no process has this id: Linux ids stay below 2^22)
    const distDir = join(scratch(), 'dist');
    mkdirSync(`${distDir}.building-99999999-left-behind`, { recursive: true });

    // when
    await ensureWebAppBuilt(tasklistSource(), { distDir });

    // then
    expect(readdirSync(dirname(distDir))).toEqual(['dist']);
  }, 120_000);
});

const scratchDirs: string[] = [];
afterAll(() => scratchDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'web-build-'));
  scratchDirs.push(dir);
  return dir;
}

function tasklistSource(): WebAppSource {
  return WEB_APP_SOURCES.find((source) => source.dir === 'web-tasklist')!;
}
