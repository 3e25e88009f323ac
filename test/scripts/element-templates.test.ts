/**
 * bpmn/element-templates/: generated from workers/catalog.json and config/roles.json (`npm run catalog`), so a
 * stale template fails here; every template is a valid Camunda 8 element template (the validator Camunda's
 * modelers use), one per job type and review level, in Chinese; a changed template gets the next version.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateZeebe } from '@bpmn-io/element-templates-validator';
import { describe, expect, it } from 'vitest';
import { elementTemplates, REVIEW_LEVELS, TEMPLATES_DIR, templateFileName, withVersions, type ElementTemplate } from '../../scripts/catalog/element-templates.js';

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
});
