/**
 * `npm run layout:report [-- --problems] [files…]`: draws every bpmn/*.bpmn (or the given files) with bpmn-js in
 * headless Chromium and prints per model the figures of scripts/layout/diagram-quality.ts; `--problems` also
 * lists each finding.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { diagramQuality } from './layout/diagram-quality.js';
import { openBpmnRenderer } from './render/bpmn-renderer.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const showProblems = args.includes('--problems');
const named = args.filter((a) => !a.startsWith('--'));
const files = named.length > 0
  ? named
  : readdirSync(join(root, 'bpmn')).filter((name) => name.endsWith('.bpmn')).sort().map((name) => join(root, 'bpmn', name));

const renderer = await openBpmnRenderer();
try {
  console.log(['model', 'overflowing labels', 'edges through shapes', 'crossings', 'edge overlaps', 'labels on edges'].join('\t'));
  for (const file of files) {
    const measured = await renderer.measure(readFileSync(file, 'utf8'));
    const q = diagramQuality(measured);
    console.log([basename(file, '.bpmn'), q.overflowingLabels, q.edgesThroughShapes, q.crossings, q.edgeOverlaps, q.labelsOnEdges].join('\t'));
    if (showProblems) for (const problem of q.problems) console.log(`  ${problem}`);
  }
} finally {
  await renderer.close();
}
