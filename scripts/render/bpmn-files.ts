/** The models a script over BPMN files works on: the files named on its command line, or every bpmn/*.bpmn. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BPMN_DIR = fileURLToPath(new URL('../../bpmn', import.meta.url));

export function bpmnFilesOf(argv: readonly string[]): string[] {
  if (argv.length > 2) return argv.slice(2);
  return readdirSync(BPMN_DIR)
    .filter((name) => name.endsWith('.bpmn'))
    .sort()
    .map((name) => join(BPMN_DIR, name));
}
