/**
 * `npm run normalise:bpmn -- [files…]`: writes BPMN models in the form the web modeler saves them (its own bpmn-js
 * in headless Chromium: scripts/render/bpmn-normaliser.ts), so the first save in the modeler gives a diff of what
 * the analyst changed. Without arguments, every bpmn/*.bpmn. Lists the XML comments it drops (moddle keeps none):
 * move what they say into documentation. A re-run changes nothing; test/scripts/normalise-bpmn.browser.test.ts
 * checks that bpmn/ stays in this form.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { bpmnFilesOf } from './render/bpmn-files.js';
import { openBpmnNormaliser } from './render/bpmn-normaliser.js';

const files = bpmnFilesOf(process.argv);

const normaliser = await openBpmnNormaliser();
let failed = 0;
for (const file of files) {
  try {
    const before = readFileSync(file, 'utf8');
    const { xml: after, droppedComments, warnings } = await normaliser.normalise(before);
    if (warnings.length > 0) throw new Error(`bpmn-js could not read all of it, not written: ${warnings.join('; ')}`);
    if (after !== before) writeFileSync(file, after);
    console.log(`[normalise] ${relative(process.cwd(), file)}: ${after === before ? 'unchanged' : 'written'}`);
    for (const comment of droppedComments) console.log(`[normalise]   comment dropped: ${comment.replace(/\s+/g, ' ')}`);
  } catch (error) {
    failed++;
    console.error(`[normalise] ${relative(process.cwd(), file)}: ${(error as Error).message}`);
  }
}
await normaliser.close();
process.exitCode = failed > 0 ? 1 : 0;
