/**
 * `npm run layout -- [files…]`: writes complete diagram interchange (pool, lanes, shapes, edges, labels) into
 * BPMN models; without arguments, into every bpmn/*.bpmn. Only the DI changes; a re-run gives the same file.
 * See scripts/layout/layout-graph.ts for the algorithm. The result is written as the web modeler saves it
 * (scripts/render/bpmn-normaliser.ts: bpmn-js orders the DI its own way), so an analyst's first save stays small.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { bpmnFilesOf } from './render/bpmn-files.js';
import { layoutBpmnXml } from './layout/layout-bpmn-xml.js';
import { openBpmnNormaliser } from './render/bpmn-normaliser.js';

const files = bpmnFilesOf(process.argv);

const normaliser = await openBpmnNormaliser();
let failed = 0;
for (const file of files) {
  try {
    const before = readFileSync(file, 'utf8');
    const { xml: after, warnings } = await normaliser.normalise(await layoutBpmnXml(before));
    if (warnings.length > 0) throw new Error(`bpmn-js could not read all of it, not written: ${warnings.join('; ')}`);
    if (after !== before) writeFileSync(file, after);
    console.log(`[layout] ${relative(process.cwd(), file)}: ${after === before ? 'unchanged' : 'written'}`);
  } catch (error) {
    failed++;
    console.error(`[layout] ${relative(process.cwd(), file)}: ${(error as Error).message}`);
  }
}
await normaliser.close();
process.exitCode = failed > 0 ? 1 : 0;
