/** The front-end build `npm start` runs: nothing is rebuilt while the sources are unchanged. */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ensureWebAppsBuilt } from '../../../web-shared/build/ensure-web-apps-built.js';

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
});
