/**
 * Every model of bpmn/ and every form of forms/ deploy to the embedded engine together, in ONE deployment (as
 * `npm start` deploys them, scripts/deploy-resources.ts), and the deployment reports one process per model.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findResources } from '../../scripts/deploy-resources.js';
import { deploy, startEngine, type EngineFixture } from '../support/engine-fixture.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const files = findResources([`${ROOT}bpmn`, `${ROOT}forms`]);
const models = files.filter((file) => file.endsWith('.bpmn'));
const forms = files.filter((file) => file.endsWith('.form'));

let engine: EngineFixture;

beforeAll(async () => {
  engine = await startEngine();
});

afterAll(async () => {
  await engine.stop();
});

describe('all models and forms', () => {
  it.skipIf(files.length === 0)(`should deploy ${models.length} models and ${forms.length} forms in one deployment, one process per model`, async () => {
    // given
    const resources = files.map((file) => ({ name: basename(file), content: readFileSync(file, 'utf8') }));

    // when
    const deployment = await deploy(engine.client, resources).catch((error: { message?: string }) => {
      throw new Error(`the deployment was rejected: ${error.message}`);
    });

    // then
    const byResource = new Map(deployment.processes.map((p) => [p.resourceName, p.processDefinitionId]));
    expect(models.map((file) => basename(file)).filter((name) => !byResource.has(name)), 'models without a deployed process').toEqual([]);
    expect(deployment.processes).toHaveLength(models.length);
    expect(deployment.forms).toHaveLength(forms.length);
    for (const file of models) expect(byResource.get(basename(file)), file).toBe(basename(file, '.bpmn'));
  });
});
