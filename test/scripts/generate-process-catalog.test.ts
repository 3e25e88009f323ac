/**
 * bpmn/catalog.json (`npm run catalog`): current with the models and their meta, meta files validated with clear
 * errors, every compute-deadline figure equal to the meta's time limit, and every flowchart 1–22 modelled.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { collectProcesses, formatCatalog, ProcessCatalogError, type CollectedProcess } from '../../scripts/catalog/process-catalog.js';
import { deadlineFigures, parseProcessMeta, ProcessMetaError } from '../../scripts/catalog/process-meta.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const VALID_META = {
  processId: 'xining-fc03-retirement-conversion',
  flowchart: 3,
  subflow: null,
  titleZh: '在职转退休（补缴）',
  nationalItem: { name: '职工参保登记', code: '132036001002' },
  timeLimit: { workingDays: 20, source: '廊坊清单' },
  startVariables: { type: 'object', required: ['idNumber'], properties: { idNumber: { type: 'string' } } },
};

let collecting: Promise<CollectedProcess[]> | undefined;
/** The repository's processes, collected once per file (throws the generator's error when a file is bad). */
const repositoryProcesses = () => (collecting ??= collectProcesses(ROOT));

describe('bpmn/catalog.json', () => {
  it('should equal the catalogue generated from bpmn/*.bpmn and bpmn/meta/*.json', async () => {
    // given
    const committed = readFileSync(join(ROOT, 'bpmn', 'catalog.json'), 'utf8');

    // when
    const generated = formatCatalog({ processes: (await repositoryProcesses()).map((p) => p.entry) });

    // then
    expect(JSON.parse(committed), 'bpmn/catalog.json is stale: run `npm run catalog` and commit the result').toEqual(JSON.parse(generated));
  });

  it('should carry the time limit of the meta in every compute-deadline input mapping', async () => {
    // given
    const processes = await repositoryProcesses();

    // when
    const mismatches = processes.flatMap(({ entry, deadlineMappings }) => {
      const figures = deadlineFigures(entry.timeLimit);
      const said = figures.map((f) => `${f.variable} ${f.value}`).join(' / ') || 'immediate (即办)';
      const matches = (m: { variable: string; value: string }, f: { variable: string; value: number }) =>
        m.variable === f.variable && Number(m.value.replace(/^=\s*/, '')) === f.value;
      const problems = deadlineMappings
        .filter((m) => !figures.some((f) => matches(m, f)))
        .map((m) => `${entry.file} ${m.elementId}: ${m.variable} = ${m.value}, meta says ${said}`);
      for (const f of figures) {
        if (!deadlineMappings.some((m) => matches(m, f))) problems.push(`${entry.file}: no compute-deadline task with ${f.variable} = ${f.value}`);
      }
      return problems;
    });

    // then
    expect(mismatches).toEqual([]);
  });

  it('should have at least one model for every flowchart 1–22', async () => {
    // given
    const processes = await repositoryProcesses();

    // when
    const covered = new Set(processes.map((p) => p.entry.flowchart));
    const missing = Array.from({ length: 22 }, (_, i) => i + 1).filter((fc) => !covered.has(fc));

    // then
    expect(missing, `flowcharts without a model in bpmn/: ${missing.join(', ')}`).toEqual([]);
  });
});

describe('bpmn/meta/<processId>.json', () => {
  it('should accept the example of docs/modeling-conventions.md', () => {
    // when
    const meta = parseProcessMeta('bpmn/meta/x.json', JSON.stringify(VALID_META));

    // then
    expect(meta).toEqual(VALID_META);
    expect(deadlineFigures(meta.timeLimit)).toEqual([{ variable: 'timeLimitWorkingDays', value: 20 }]);
  });

  it.each([
    ['flowchart out of range', { flowchart: 23 }, 'flowchart'],
    ['two time limits', { timeLimit: { workingDays: 20, months: 1, source: 's' } }, 'timeLimit'],
    ['no time limit figure', { timeLimit: { source: 's' } }, 'timeLimit'],
    ['immediate not true', { timeLimit: { immediate: false, source: 's' } }, 'timeLimit.immediate'],
    ['national code with letters', { nationalItem: { name: '职工参保登记', code: 'A1' } }, 'nationalItem.code'],
    ['start variables not an object schema', { startVariables: { type: 'string' } }, 'startVariables.type'],
    ['unknown field', { titleEn: 'Retirement' }, '(file)'],
  ])('should NOT accept %s, and name the file and the field', (_, change, field) => {
    // given
    const text = JSON.stringify({ ...VALID_META, ...change });

    // when
    const error = capture(() => parseProcessMeta('bpmn/meta/x.json', text));

    // then
    expect(error).toBeInstanceOf(ProcessMetaError);
    expect(error.message).toContain(`bpmn/meta/x.json: ${field}`);
  });

  it('should name the file when it is not JSON', () => {
    // when
    const error = capture(() => parseProcessMeta('bpmn/meta/x.json', '{ processId: '));

    // then
    expect(error.message).toMatch(/^bpmn\/meta\/x\.json: not JSON/);
  });

  it('should report a model without meta and a meta without model', async () => {
    // given
    const root = mkdtempSync(join(tmpdir(), 'process-catalog-'));
    mkdirSync(join(root, 'bpmn', 'meta'), { recursive: true });
    writeFileSync(join(root, 'bpmn', 'lonely.bpmn'), model('lonely'));
    writeFileSync(join(root, 'bpmn', 'meta', 'ghost.json'), JSON.stringify({ ...VALID_META, processId: 'ghost' }));

    try {
      // when
      const error = await collectProcesses(root).then(() => undefined, (e: unknown) => e);

      // then
      expect(error).toBeInstanceOf(ProcessCatalogError);
      expect((error as ProcessCatalogError).problems).toEqual([
        'bpmn/meta/lonely.json: missing (the catalogue data of bpmn/lonely.bpmn, process lonely)',
        "bpmn/meta/ghost.json: no model in bpmn/ has process id 'ghost'",
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('should list user tasks, job types and messages of a model', async () => {
    // given
    const root = mkdtempSync(join(tmpdir(), 'process-catalog-'));
    mkdirSync(join(root, 'bpmn', 'meta'), { recursive: true });
    writeFileSync(join(root, 'bpmn', 'sample.bpmn'), model('sample'));
    writeFileSync(join(root, 'bpmn', 'meta', 'sample.json'), JSON.stringify({ ...VALID_META, processId: 'sample' }));

    try {
      // when
      const [{ entry, deadlineMappings }] = await collectProcesses(root);

      // then
      expect(entry).toMatchObject({
        processId: 'sample',
        file: 'bpmn/sample.bpmn',
        userTasks: [{ elementId: 'review', nameZh: '初审', candidateGroups: ['window-first-review'], formId: 'fc03-first-review' }],
        jobTypes: ['compute-deadline'],
        messages: ['payment-received'],
      });
      expect(deadlineMappings).toEqual([{ elementId: 'deadline', variable: 'timeLimitWorkingDays', value: '=20' }]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

// helpers

function capture(action: () => unknown): Error {
  try {
    action();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

function model(processId: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
  id="d-${processId}" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:collaboration id="c"><bpmn:participant id="p" processRef="${processId}" /></bpmn:collaboration>
  <bpmn:process id="${processId}" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:serviceTask id="deadline">
      <bpmn:extensionElements>
        <zeebe:taskDefinition type="compute-deadline" />
        <zeebe:ioMapping><zeebe:input source="=20" target="timeLimitWorkingDays" /><zeebe:input source="=acceptedAt" target="acceptedAt" /></zeebe:ioMapping>
      </bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:userTask id="review" name="初审">
      <bpmn:extensionElements>
        <zeebe:userTask />
        <zeebe:formDefinition formId="fc03-first-review" />
        <zeebe:assignmentDefinition candidateGroups="window-first-review" />
      </bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:intermediateCatchEvent id="paid"><bpmn:messageEventDefinition messageRef="m" /></bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="end" />
  </bpmn:process>
  <bpmn:message id="m" name="payment-received" />
</bpmn:definitions>`;
}
