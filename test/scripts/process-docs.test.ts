/**
 * docs/processes.md (`npm run docs`): current with bpmn/catalog.json, one section and one rendered diagram per
 * model, so a reader can compare each model with its original chart.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CatalogProcess, ProcessCatalog } from '../../scripts/catalog/process-catalog.js';
import { processDocs } from '../../scripts/docs/process-docs.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const catalog = JSON.parse(read('bpmn/catalog.json')) as ProcessCatalog;
const processes = catalog.processes as CatalogProcess[];

describe('docs/processes.md', () => {
  it('should equal what npm run docs writes from bpmn/catalog.json', () => {
    // given
    const { roles } = JSON.parse(read('config/roles.json')) as { roles: { id: string; nameZh: string }[] };

    // when
    const expected = processDocs(processes, catalog.decisions, roles);

    // then
    expect(read('docs/processes.md'), 'docs/processes.md is stale: run `npm run docs`').toBe(expected);
  });

  it('should have a rendered diagram for every model', () => {
    // when
    const missing = processes.map((p) => `docs/images/${p.processId}.png`).filter((image) => !existsSync(join(ROOT, image)));

    // then
    expect(missing, 'render them with `npm run docs`').toEqual([]);
  });
});
