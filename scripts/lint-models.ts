/**
 * `npm run lint`: lints the BPMN models and DMN decisions (bpmn/) and Camunda forms (forms/) for Camunda 8.8 and checks that the
 * names they use resolve (forms, job types, messages, candidate groups, called processes). See scripts/lint/.
 *
 * Prints one line per finding, `file: error|warn|info elementId [rule] message`, then a summary; exits 1 when
 * there is an error. Usage: `tsx scripts/lint-models.ts [projectRoot]` (default: this repository).
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatFinding } from './lint/finding.js';
import { lintProject } from './lint/lint-project.js';

const root = process.argv[2] ? resolve(process.argv[2]) : fileURLToPath(new URL('..', import.meta.url));
const result = await lintProject({ root });

for (const finding of result.findings) console.log(formatFinding(finding));
const { error, warn, info } = result.counts;
console.log(
  `[lint] ${result.bpmnFiles.length} BPMN files, ${result.dmnFiles.length} DMN files, ${result.formFiles.length} forms: ` +
    `${error} ${error === 1 ? 'error' : 'errors'}, ${warn} ${warn === 1 ? 'warning' : 'warnings'}, ${info} ${info === 1 ? 'note' : 'notes'}`,
);
process.exitCode = error > 0 ? 1 : 0;
