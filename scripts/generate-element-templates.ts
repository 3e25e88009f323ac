/**
 * `npm run catalog` (after the worker catalogue): writes the modeler's element templates to
 * bpmn/element-templates/ from workers/catalog.json and config/roles.json (scripts/catalog/element-templates.ts;
 * a test checks they are current). Templates of job types that no longer exist are removed.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { elementTemplates, templateFileName, TEMPLATES_DIR, withVersions, type ElementTemplate } from './catalog/element-templates.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = join(root, TEMPLATES_DIR);
const read = (file: string) => JSON.parse(readFileSync(join(root, file), 'utf8')) as never;

const committed = new Map<string, ElementTemplate>();
if (existsSync(dir)) {
  for (const name of readdirSync(dir).filter((file) => file.endsWith('.json'))) {
    const template = JSON.parse(readFileSync(join(dir, name), 'utf8')) as ElementTemplate;
    committed.set(template.id, template);
  }
}
const templates = withVersions(elementTemplates((read('workers/catalog.json') as { jobTypes: never[] }).jobTypes, (read('config/roles.json') as { roles: never[] }).roles), committed);
mkdirSync(dir, { recursive: true });
const written = new Set<string>();
for (const template of templates) {
  const name = templateFileName(template);
  writeFileSync(join(dir, name), `${JSON.stringify(template, null, 2)}\n`);
  written.add(name);
}
for (const name of readdirSync(dir).filter((file) => file.endsWith('.json') && !written.has(file))) rmSync(join(dir, name));
console.log(`[catalog] ${templates.length} element templates written to ${TEMPLATES_DIR}/`);
