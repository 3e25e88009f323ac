/**
 * `npm run normalise:bpmn -- [files…]`: writes BPMN models in the form the web modeler saves them (same parser and
 * writer as bpmn-js), so the first save in the modeler gives a diff of what the analyst changed. Without arguments,
 * every bpmn/*.bpmn. Lists the XML comments it drops (moddle keeps none): move what they say into documentation.
 * A re-run changes nothing; test/scripts/normalise-bpmn.test.ts checks that bpmn/ stays in this form.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { normaliseBpmnXml } from './layout/normalise-bpmn-xml.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const bpmnDir = join(root, 'bpmn');
const files = process.argv.length > 2
  ? process.argv.slice(2)
  : readdirSync(bpmnDir).filter((name) => name.endsWith('.bpmn')).sort().map((name) => join(bpmnDir, name));

let failed = 0;
for (const file of files) {
  try {
    const before = readFileSync(file, 'utf8');
    const { xml: after, droppedComments } = await normaliseBpmnXml(before);
    if (after !== before) writeFileSync(file, after);
    console.log(`[normalise] ${relative(process.cwd(), file)}: ${after === before ? 'unchanged' : 'written'}`);
    for (const comment of droppedComments) console.log(`[normalise]   comment dropped: ${comment.replace(/\s+/g, ' ')}`);
  } catch (error) {
    failed++;
    console.error(`[normalise] ${relative(process.cwd(), file)}: ${(error as Error).message}`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
