/**
 * `npm run layout:report [-- --problems] [files…]`: draws every bpmn/*.bpmn (or the given files) with bpmn-js in
 * headless Chromium, prints per model the figures of scripts/layout/diagram-quality.ts (`--problems`: each
 * finding too) and, for the whole of bpmn/, writes docs/diagram-quality.md beside the figures before this layout
 * (scripts/layout/quality-before.json).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { diagramQuality } from './layout/diagram-quality.js';
import { qualityDocs, type QualityBaseline, type QualityFigures } from './layout/quality-docs.js';
import { openBpmnRenderer } from './render/bpmn-renderer.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const showProblems = args.includes('--problems');
const named = args.filter((a) => !a.startsWith('--'));
const files = named.length > 0
  ? named
  : readdirSync(join(root, 'bpmn')).filter((name) => name.endsWith('.bpmn')).sort().map((name) => join(root, 'bpmn', name));

const renderer = await openBpmnRenderer();
const figures: Record<string, QualityFigures> = {};
try {
  console.log(['model', 'overflowing labels', 'edges through shapes', 'crossings', 'edge overlaps', 'labels on edges'].join('\t'));
  for (const file of files) {
    const measured = await renderer.measure(readFileSync(file, 'utf8'));
    const { problems, ...q } = diagramQuality(measured);
    figures[measured.processId ?? basename(file, '.bpmn')] = q;
    console.log([measured.processId ?? basename(file, '.bpmn'), q.overflowingLabels, q.edgesThroughShapes, q.crossings, q.edgeOverlaps, q.labelsOnEdges].join('\t'));
    if (showProblems) for (const problem of problems) console.log(`  ${problem}`);
  }
} finally {
  await renderer.close();
}
if (named.length === 0) {
  const before = JSON.parse(readFileSync(join(root, 'scripts', 'layout', 'quality-before.json'), 'utf8')) as QualityBaseline;
  writeFileSync(join(root, 'docs', 'diagram-quality.md'), qualityDocs(before, figures));
  console.log('[layout:report] docs/diagram-quality.md written');
}
