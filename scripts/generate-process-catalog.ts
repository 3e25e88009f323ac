/**
 * `npm run catalog` (with the worker catalogue): writes bpmn/catalog.json from bpmn/*.bpmn and bpmn/meta/*.json
 * (see scripts/catalog/process-catalog.ts; a test checks the file is current). Exits 1 naming every bad file.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildProcessCatalog, formatCatalog, ProcessCatalogError } from './catalog/process-catalog.js';

const root = fileURLToPath(new URL('..', import.meta.url));
try {
  const catalog = await buildProcessCatalog(root);
  writeFileSync(join(root, 'bpmn', 'catalog.json'), formatCatalog(catalog));
  console.log(`[catalog] ${catalog.processes.length} processes written to bpmn/catalog.json`);
} catch (error) {
  if (!(error instanceof ProcessCatalogError)) throw error;
  for (const problem of error.problems) console.error(`[catalog] ${problem}`);
  process.exitCode = 1;
}
