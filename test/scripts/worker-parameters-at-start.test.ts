/**
 * `npm run workers` and `npm start` as real processes with a typo in `config/`: both stop before the first job
 * (exit code 1, nothing ready), and say which file and which field. The project is copied to a temporary folder
 * (the sources and `config/`, `node_modules` linked) so the typo never touches the repository's files.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { holidayScheduleDirectory } from '../support/sample-holiday-year.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'worker-parameters-at-start-'));
  for (const copied of ['package.json', 'tsconfig.json', 'scripts', 'workers', 'config']) cpSync(join(REPO, copied), join(root, copied), { recursive: true });
  for (const linked of ['node_modules', 'engine', 'web-shared', 'web-tasklist', 'types']) symlinkSync(join(REPO, linked), join(root, linked));
  // the typo: a rate written as text
  const file = join(root, 'config/top-up-parameters.json');
  const parameters = JSON.parse(readFileSync(file, 'utf8')) as { versions: { rate: { value: unknown } }[] };
  parameters.versions[0]!.rate.value = '0.08（暂定）';
  writeFileSync(file, JSON.stringify(parameters, null, 2));
});

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('a typo in config/ at start', () => {
  it('should stop npm run workers with the file and the field named, before connecting', () => {
    // given the copy with the typo, and a cluster address nothing listens on
    // when
    const run = runScript('scripts/workers.ts', { ZEEBE_REST_ADDRESS: 'http://127.0.0.1:9', CAMUNDA_AUTH_STRATEGY: 'NONE' });

    // then
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('[workers] 配置文件');
    expect(run.stderr).toContain('top-up-parameters.json');
    expect(run.stderr).toMatch(/versions\[0\]\.rate\.value|versions\.0\.rate\.value/);
    // what is wrong with the field is said in Chinese too, not in the schema's English
    expect(run.stderr).toContain('须为小数字符串');
    expect(run.stderr).not.toMatch(/expected a/i);
    expect(run.stdout).not.toContain('ready');
  });

  it('should stop npm start on a broken holiday year file with the file and the field named, before the engine starts', () => {
    // given the repository's own config/ and a year file whose make-up working day is a Wednesday
    const years = holidayScheduleDirectory({
      '2027.json': JSON.stringify({
        year: 2027,
        notice: '国办发明电〔2026〕1号',
        publishedOn: '2026-11-01',
        enteredBy: '测试',
        holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-01' }],
        makeUpWorkingDays: ['2027-01-06'],
      }),
    });

    // when
    const run = runScript('scripts/start.ts', { HOLIDAY_SCHEDULE_DIR: years, PORT: '0', DATA_DIR: join(root, 'data') }, REPO);

    // then
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('[start] 配置文件');
    expect(run.stderr).toContain('2027.json');
    expect(run.stderr).toContain('makeUpWorkingDays');
    expect(run.stdout).not.toContain('ready');
    rmSync(years, { recursive: true, force: true });
  });
});

// helpers

function runScript(script: string, env: Record<string, string>, cwd = root) {
  return spawnSync(process.execPath, ['--import', 'tsx', script], {
    cwd,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}
