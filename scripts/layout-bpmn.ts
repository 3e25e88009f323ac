/**
 * `npm run layout -- [files…]`: writes complete diagram interchange (pool, lanes, shapes, edges, labels) into
 * BPMN models; without arguments, into every bpmn/*.bpmn. Only the DI changes; a re-run gives the same file.
 * See scripts/layout/layout-graph.ts for the algorithm.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { layoutBpmnXml } from './layout/layout-bpmn-xml.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const bpmnDir = join(root, 'bpmn');
const files = process.argv.length > 2
  ? process.argv.slice(2)
  : readdirSync(bpmnDir).filter((name) => name.endsWith('.bpmn')).sort().map((name) => join(bpmnDir, name));

let failed = 0;
for (const file of files) {
  try {
    const before = readFileSync(file, 'utf8');
    const after = await layoutBpmnXml(before);
    if (after !== before) writeFileSync(file, after);
    console.log(`[layout] ${relative(process.cwd(), file)}: ${after === before ? 'unchanged' : 'written'}`);
  } catch (error) {
    failed++;
    console.error(`[layout] ${relative(process.cwd(), file)}: ${(error as Error).message}`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
