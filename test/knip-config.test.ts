/**
 * The knip configuration `npm run lint:code` runs (knip.jsonc), on a small project laid out like ours: it reports
 * an unused file, an unused export and an unused dependency, and leaves alone an export its own file uses.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'knip-config-'));

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('knip.jsonc', () => {
  it('should report a dead file, a dead export and an unused dependency, and nothing else', () => {
    // given
    cpSync(join(REPO, 'knip.jsonc'), join(root, 'knip.jsonc'));
    write('package.json', JSON.stringify({ name: 'knip-fixture', private: true, type: 'module', scripts: { run: 'tsx scripts/run.ts' }, dependencies: { 'left-pad': '1.3.0' }, devDependencies: { tsx: '4.23.15' } }));
    write('scripts/run.ts', "import { used } from '../workers/lib/used.js';\nconsole.log(used());\n");
    write('workers/lib/used.ts', 'export function used() {\n  return helper();\n}\nexport function dead() {\n  return 1;\n}\nexport function helper() {\n  return 2;\n}\n');
    write('workers/lib/orphan.ts', 'export const orphan = 1;\n');

    // when
    const run = spawnSync(join(REPO, 'node_modules/.bin/knip'), ['--no-progress', '--no-config-hints', '--directory', root], { encoding: 'utf8', timeout: 60_000 });

    // then
    expect(run.status).toBe(1);
    const report = run.stdout;
    expect(report).toMatch(/Unused files \(1\)\s+workers\/lib\/orphan\.ts/);
    expect(report).toMatch(/Unused dependencies \(1\)\s+left-pad/);
    expect(report).toMatch(/Unused exports \(1\)\s+dead\s+function\s+workers\/lib\/used\.ts/);
    expect(report).not.toContain('helper');
  });
});

// helpers

function write(file: string, content: string): void {
  mkdirSync(join(root, file, '..'), { recursive: true });
  writeFileSync(join(root, file), content);
}
