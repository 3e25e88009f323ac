/**
 * `npm run docs` (first step): renders every bpmn/*.bpmn to docs/images/<processId>.png with one headless
 * Chromium (see scripts/render/bpmn-renderer.ts). Usage: `tsx scripts/render-diagrams.ts [files…]`.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openBpmnRenderer } from './render/bpmn-renderer.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const bpmnDir = join(root, 'bpmn');
const imagesDir = join(root, 'docs', 'images');
const files = process.argv.length > 2
  ? process.argv.slice(2)
  : readdirSync(bpmnDir).filter((name) => name.endsWith('.bpmn')).sort().map((name) => join(bpmnDir, name));

mkdirSync(imagesDir, { recursive: true });
const renderer = await openBpmnRenderer();
let failed = 0;
try {
  for (const file of files) {
    try {
      const diagram = await renderer.render(readFileSync(file, 'utf8'));
      const name = diagram.processId ?? basename(file, '.bpmn');
      writeFileSync(join(imagesDir, `${name}.png`), diagram.png);
      for (const warning of diagram.warnings) console.warn(`[render] ${relative(root, file)}: ${warning}`);
      console.log(`[render] ${relative(root, file)} → docs/images/${name}.png (${diagram.width}×${diagram.height})`);
    } catch (error) {
      failed++;
      console.error(`[render] ${relative(root, file)}: ${(error as Error).message}`);
    }
  }
} finally {
  await renderer.close();
}
process.exitCode = failed > 0 ? 1 : 0;
