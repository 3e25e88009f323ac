/**
 * lintFileInContext (what the web modeler runs in the browser and its server on save) finds, for each model and
 * form of the repository and for the lint fixtures, exactly what `npm run lint` (lintProject) finds for it.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { formatFinding } from '../../scripts/lint/finding.js';
import { loadCamundaLinters } from '../../scripts/lint/load-camunda-linters.js';
import { loadProjectReferences } from '../../scripts/lint/load-project-references.js';
import { lintFileInContext, type ProjectFacts } from '../../scripts/lint/lint-in-context.js';
import { lintProject } from '../../scripts/lint/lint-project.js';
import { lintBpmn } from '../../scripts/lint/lint-bpmn.js';
import { lintDmn } from '../../scripts/lint/lint-dmn.js';
import { lintForm } from '../../scripts/lint/lint-form.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURES = fileURLToPath(new URL('./', import.meta.url));
const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

describe('lintFileInContext', () => {
  it('should find for every model and form of the repository what npm run lint finds', async () => {
    await expectSameAsProject(REPO);
  }, 120_000);

  it('should find for each lint fixture, broken ones included, what npm run lint finds', async () => {
    // given a project of the lint fixtures (bad references, four-eyes, uncited steps, duplicate ids)
    const root = mkdtempSync(join(tmpdir(), 'lint-in-context-'));
    temporary.push(root);
    mkdirSync(join(root, 'bpmn'));
    mkdirSync(join(root, 'forms'));
    mkdirSync(join(root, 'workers'));
    mkdirSync(join(root, 'config'));
    for (const name of ['valid', 'valid-notice', 'bad-references', 'four-eyes', 'uncited-step', 'no-platform', 'called-decision']) {
      cpSync(join(FIXTURES, `lint-models.${name}.bpmn`), join(root, 'bpmn', `${name}.bpmn`));
    }
    cpSync(join(FIXTURES, 'lint-models.valid.bpmn'), join(root, 'bpmn', 'zz-duplicate.bpmn'));
    cpSync(join(FIXTURES, 'lint-models.valid.form'), join(root, 'forms', 'valid.form'));
    cpSync(join(FIXTURES, 'lint-models.valid.dmn'), join(root, 'bpmn', 'valid.dmn'));
    writeFileSync(join(root, 'workers/catalog.json'), JSON.stringify({ jobTypes: [{ type: 'compute-deadline' }, { type: 'check-entered-data', errors: { DATA_ENTRY_ERROR: '录入有误' } }] }));
    cpSync(join(REPO, 'config/roles.json'), join(root, 'config/roles.json'));

    // then
    await expectSameAsProject(root);
  }, 60_000);
});

async function expectSameAsProject(root: string): Promise<void> {
  // given the project's facts, computed file by file as the modeler's server does
  const linters = await loadCamundaLinters();
  const whole = await lintProject({ root });
  const references = loadProjectReferences(root);
  const facts: ProjectFacts = { models: [], forms: [], decisions: [] };
  const read = (file: string) => readFileSync(join(root, file), 'utf8');
  for (const file of whole.bpmnFiles) {
    const { facts: model } = await lintBpmn(file, read(file), linters);
    if (model) (facts.models as unknown[]).push(model);
  }
  for (const file of whole.dmnFiles) {
    const { facts: decision } = await lintDmn(file, read(file));
    if (decision) (facts.decisions as unknown[]).push(decision);
  }
  for (const file of whole.formFiles) {
    const { formId } = lintForm(file, read(file), linters);
    if (formId) (facts.forms as unknown[]).push({ file, formId });
  }

  // when each file is linted in its context
  for (const file of [...whole.bpmnFiles, ...whole.formFiles]) {
    const { findings } = await lintFileInContext(file, read(file), linters, facts, references);

    // then
    expect(findings.map(formatFinding), file).toEqual(whole.findings.filter((f) => f.file === file).map(formatFinding));
  }
}
