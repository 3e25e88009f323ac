/**
 * The modeler's lint cache: the project index takes a file's result from the cache while its text and the lint
 * code are the same, and lints it again otherwise. Findings planted in the cache show which files were taken from
 * it (the lint itself never reports the rule `planted-in-cache`).
 */
import { build } from 'esbuild';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LINT_CODE_ROOTS, type CachedLint } from '../../../web-modeler/server/lint-cache.js';
import { ProjectFiles } from '../../../web-modeler/server/project-files.js';
import { ProjectIndex } from '../../../web-modeler/server/project-index.js';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const FORMS = ['forms/fc01-application.form', 'forms/fc01-first-review.form'];

let dir: string;
let cacheFile: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'modeler-lint-cache-'));
  mkdirSync(join(dir, 'forms'));
  for (const file of FORMS) cpSync(join(REPO, file), join(dir, file));
  cacheFile = join(dir, 'data', 'modeler-lint-cache.json');
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

const plantedRules = async (index: ProjectIndex) => {
  const { findingsByFile } = await index.lint();
  return FORMS.filter((file) => findingsByFile.get(file)?.some((finding) => finding.rule === 'planted-in-cache'));
};

function plantFindings(fingerprint?: string) {
  const cache = JSON.parse(readFileSync(cacheFile, 'utf8')) as { fingerprint: string; files: Record<string, CachedLint> };
  for (const file of FORMS) cache.files[file]!.findings.push({ file, severity: 'warn', elementId: 'Form', rule: 'planted-in-cache', message: 'planted' });
  writeFileSync(cacheFile, JSON.stringify({ ...cache, fingerprint: fingerprint ?? cache.fingerprint }));
}

describe('lint cache', () => {
  it('should lint again after a restart only the files whose text changed', async () => {
    const first = await new ProjectIndex(new ProjectFiles(dir), cacheFile).lint();
    const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as { files: Record<string, CachedLint> };
    expect(Object.keys(cached.files).sort()).toEqual(FORMS);
    expect(cached.files[FORMS[0]!]!.form).toEqual(first.forms.find((form) => form.file === FORMS[0]));

    plantFindings();
    const changed = FORMS[1]!;
    writeFileSync(join(dir, changed), JSON.stringify(JSON.parse(readFileSync(join(dir, changed), 'utf8')), null, 4));

    expect(await plantedRules(new ProjectIndex(new ProjectFiles(dir), cacheFile))).toEqual([FORMS[0]]);
    // the changed file's new result was written back: a third start takes both from the cache
    expect(await plantedRules(new ProjectIndex(new ProjectFiles(dir), cacheFile))).toEqual([FORMS[0]]);
  });

  it('should lint every file again when the cache was written by other lint code', async () => {
    await new ProjectIndex(new ProjectFiles(dir), cacheFile).lint();
    plantFindings('written-by-older-lint-code');

    expect(await plantedRules(new ProjectIndex(new ProjectFiles(dir), cacheFile))).toEqual([]);
  });

  it('should lint every file when the cache file is not JSON', async () => {
    mkdirSync(join(dir, 'data'));
    writeFileSync(cacheFile, '{ half a cache');

    const lint = await new ProjectIndex(new ProjectFiles(dir), cacheFile).lint();

    expect(lint.forms.map((form) => form.file)).toEqual(FORMS);
  });

  it('should fingerprint every file of this repository the lint runs', async () => {
    const result = await build({
      entryPoints: ['web-modeler/server/file-lint-worker.ts', 'scripts/lint/camunda-linters.ts', 'web-modeler/server/project-index.ts'].map((file) => join(REPO, file)),
      absWorkingDir: REPO,
      bundle: true,
      write: false,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      metafile: true,
      outdir: join(dir, 'bundle'),
      logLevel: 'silent',
    });
    // the index's own plumbing around the lint: it moves results, it does not compute them
    const plumbing = ['web-modeler/server/project-files.ts', 'web-modeler/server/lint-cache.ts', 'web-modeler/server/file-lint-thread.ts'];
    const inputs = Object.keys(result.metafile.inputs).filter((file) => !file.includes('node_modules/'));
    const uncovered = inputs
      .filter((file) => !plumbing.includes(file))
      .filter((file) => !LINT_CODE_ROOTS.some((root) => file === root || file.startsWith(`${root}/`)));

    expect(inputs).toContain('scripts/lint/lint-bpmn.ts');
    expect(uncovered).toEqual([]);
  });
});
