/**
 * `npm run docs` (second step): writes docs/processes.md from bpmn/catalog.json (`npm run catalog`) and
 * config/roles.json: how flowcharts with sub-flows were split, an index table, the decision tables and who uses
 * them, then one section per process with its user tasks, decisions, job types and the diagram rendered by
 * scripts/render-diagrams.ts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CatalogProcess, ProcessCatalog } from './catalog/process-catalog.js';
import { processDocs } from './docs/process-docs.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const catalog = JSON.parse(readFileSync(join(root, 'bpmn', 'catalog.json'), 'utf8')) as ProcessCatalog;
const { roles } = JSON.parse(readFileSync(join(root, 'config', 'roles.json'), 'utf8')) as { roles: { id: string; nameZh: string }[] };
writeFileSync(join(root, 'docs', 'processes.md'), processDocs(catalog.processes as CatalogProcess[], catalog.decisions, roles));
console.log(`[docs] ${catalog.processes.length} processes written to docs/processes.md`);
