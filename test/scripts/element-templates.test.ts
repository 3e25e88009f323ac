/**
 * bpmn/element-templates/: generated from workers/catalog.json and config/roles.json (`npm run catalog`), so a
 * stale template fails here; every template is a valid Camunda 8 element template (the validator Camunda's
 * modelers use), one per job type and review level, in Chinese; a changed template gets the next version. A
 * per-task constant is a dropdown of exactly the values its worker's zod schema accepts, and every model's task
 * states one of them, so applying the template keeps what the task states.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateZeebe } from '@bpmn-io/element-templates-validator';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { elementTemplates, REVIEW_LEVELS, TEMPLATES_DIR, templateFileName, withVersions, type ElementTemplate } from '../../scripts/catalog/element-templates.js';
import { flowElementsDeep } from '../../scripts/lint/bpmn-facts.js';
import { loadCamundaLinters } from '../../scripts/lint/load-camunda-linters.js';
import { elementsOf, extensionOf, stringOf } from '../../scripts/lint/moddle-element.js';
import { DECISIONS } from '../../workers/generate-decision-notice.js';
import { JOB_WORKERS } from '../../workers/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = <T>(file: string) => JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as T;
const catalog = read<{ jobTypes: Parameters<typeof elementTemplates>[0][number][] }>('workers/catalog.json');
const roles = read<{ roles: { id: string; nameZh: string; external: boolean }[] }>('config/roles.json').roles;
const committed = readdirSync(join(ROOT, TEMPLATES_DIR))
  .filter((name) => name.endsWith('.json'))
  .map((name) => ({ name, template: read<ElementTemplate>(`${TEMPLATES_DIR}/${name}`) }));
const HAN = /\p{Script=Han}/u;

describe('element templates', () => {
  it('should equal what npm run catalog generates', () => {
    // given
    const generated = withVersions(elementTemplates(catalog.jobTypes, roles), new Map(committed.map(({ template }) => [template.id, template])));

    // then
    expect(committed.map(({ name }) => name).sort(), 'run `npm run catalog`').toEqual(generated.map(templateFileName).sort());
    for (const template of generated) {
      expect(committed.find(({ template: c }) => c.id === template.id)?.template, `${template.id} is stale: run \`npm run catalog\``).toEqual(template);
    }
  });

  it('should be valid Camunda 8 element templates', () => {
    for (const { name, template } of committed) {
      const result = validateZeebe(template);
      expect(result.errors ?? [], name).toEqual([]);
      expect(result.valid, name).toBe(true);
    }
  });

  it('should give every job type a service-task template with its variables in Chinese, and every review level a user-task template', () => {
    // given
    const ids = committed.map(({ template }) => template.id);

    // then
    for (const jobType of catalog.jobTypes) expect(ids).toContain(`xining.job.${jobType.type}`);
    for (const level of REVIEW_LEVELS) expect(ids).toContain(`xining.user-task.${level.role}`);
    const computeDeadline = committed.find(({ template }) => template.id === 'xining.job.compute-deadline')!.template;
    expect(computeDeadline.name).toBe('计算办理时限');
    expect(computeDeadline.properties).toContainEqual(expect.objectContaining({ type: 'Hidden', value: 'compute-deadline', binding: { type: 'zeebe:taskDefinition', property: 'type' } }));
    expect(computeDeadline.properties).toContainEqual(expect.objectContaining({ label: '办理时限（工作日）', optional: true, binding: { type: 'zeebe:input', name: 'timeLimitWorkingDays' } }));
    expect(computeDeadline.properties).toContainEqual(expect.objectContaining({ label: '受理时间', value: '=acceptedAt', binding: { type: 'zeebe:input', name: 'acceptedAt' } }));
    expect(computeDeadline.properties).toContainEqual(expect.objectContaining({ label: '任务到期时间', value: 'dueDate', binding: { type: 'zeebe:output', source: '=dueDate' } }));
    const labelled = committed.flatMap(({ template }) => template.properties.filter((property) => property.type !== 'Hidden'));
    expect(labelled.filter((property) => !HAN.test(String(property.label)))).toEqual([]);
    expect(committed.find(({ template }) => template.id === 'xining.job.validate-identity')!.template.description).toContain('INVALID_ID_NUMBER');
    expect(committed.find(({ template }) => template.id === 'xining.user-task.window-second-review')!.template.properties).toContainEqual(
      expect.objectContaining({ value: 'firstReview', binding: { type: 'zeebe:property', name: 'fourEyes.differsFrom' } }),
    );
  });

  it('should keep the version of an unchanged template and raise it when the template changes', () => {
    // given
    const [first] = withVersions(elementTemplates(catalog.jobTypes, roles).slice(0, 1), new Map());
    const changedJob = { ...catalog.jobTypes[0]!, nameZh: `${catalog.jobTypes[0]!.nameZh}（新）` };

    // when
    const [same] = withVersions(elementTemplates(catalog.jobTypes, roles).slice(0, 1), new Map([[first!.id, { ...first!, version: 4 }]]));
    const [changed] = withVersions(elementTemplates([changedJob], roles).slice(0, 1), new Map([[first!.id, { ...first!, version: 4 }]]));

    // then
    expect(first!.version).toBe(1);
    expect(same!.version).toBe(4);
    expect(changed!.version).toBe(5);
  });

  it('should offer generate-decision-notice’s decision as a dropdown of the four decisions the worker accepts, with no default', () => {
    // given
    const template = committed.find(({ template }) => template.id === 'xining.job.generate-decision-notice')!.template;

    // when
    const decision = template.properties.find((property) => property.id === 'input-decision')!;

    // then
    expect(decision).toMatchObject({ type: 'Dropdown', label: '决定', binding: { type: 'zeebe:input', name: 'decision' }, constraints: { notEmpty: true } });
    // a new task states nothing until the analyst picks (the old default `=decision` read a variable no case has)
    expect(decision).not.toHaveProperty('value');
    expect(decision.choices).toEqual(Object.keys(DECISIONS).map((word) => ({ name: `${word}（出具${word}告知书）`, value: `="${word}"` })));
  });

  it('should offer in every dropdown exactly the values the worker’s input schema accepts', () => {
    // given
    const dropdowns = committed.flatMap(({ template }) =>
      template.properties.filter((property) => property.type === 'Dropdown').map((property) => ({ template, property: property as unknown as Dropdown })),
    );

    // then
    expect(dropdowns.length).toBeGreaterThan(0);
    for (const { template, property } of dropdowns) {
      const worker = JOB_WORKERS.find((w) => `xining.job.${w.type}` === template.id)!;
      const schema = (worker.input as z.ZodObject).shape[property.binding.name] as z.ZodEnum;
      const values = property.choices.map((choice) => JSON.parse(choice.value.replace(/^=/, '')) as unknown);
      expect(values, template.id).toEqual(schema.options);
    }
  });

  it('should keep what every model’s task states when the template is applied to it (Camunda keeps a dropdown’s value only if it is a choice)', async () => {
    // given
    const { parseBpmn } = await loadCamundaLinters();
    const dropdowns = new Map(
      committed.map(({ template }) => [template.id, template.properties.filter((property) => property.type === 'Dropdown') as unknown as Dropdown[]] as const),
    );
    const models = readdirSync(join(ROOT, 'bpmn')).filter((name) => name.endsWith('.bpmn'));

    // when
    const states: { task: string; source: unknown; choices: string[] }[] = [];
    for (const name of models) {
      const { rootElement } = await parseBpmn(readFileSync(join(ROOT, 'bpmn', name), 'utf8'));
      for (const process of elementsOf(rootElement, 'rootElements').filter((root) => root.$instanceOf('bpmn:Process'))) {
        for (const element of flowElementsDeep(process)) {
          const taskDefinition = extensionOf(element, 'zeebe:TaskDefinition');
          const type = taskDefinition && stringOf(taskDefinition, 'type');
          const ioMapping = extensionOf(element, 'zeebe:IoMapping');
          const inputs = ioMapping ? elementsOf(ioMapping, 'inputParameters') : [];
          for (const property of (type && dropdowns.get(`xining.job.${type}`)) || []) {
            // the source exactly as written: Camunda compares it with each choice's value as it stands
            const source = inputs.find((input) => input.get('target') === property.binding.name)?.get('source');
            states.push({ task: `${name} ${element.id}`, source, choices: property.choices.map((choice) => choice.value) });
          }
        }
      }
    }

    // then: every generate-decision-notice task of FC5, FC7, FC10, FC11 (twice), FC15, FC17 (twice), FC19, FC21
    expect(states.length).toBeGreaterThanOrEqual(10);
    for (const state of states) expect(state.choices, `${state.task} states ${String(state.source)}`).toContain(state.source);
  });
});

interface Dropdown {
  binding: { type: 'zeebe:input'; name: string };
  choices: { name: string; value: string }[];
}
