/**
 * workers/catalog.json: generated from the worker list (`npm run catalog`), so a stale file fails here; and the
 * naming rule of the workers (job type = file name = export), checked over the worker list and the folder.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DECISIONS } from '../../workers/generate-decision-notice.js';
import { JOB_WORKERS } from '../../workers/index.js';
import { loadCatalogLabels } from '../../workers/runtime/catalog-labels.js';
import { jobTypeCatalog } from '../../workers/runtime/job-type-catalog.js';
import { taskConstant } from '../../workers/runtime/task-constant.js';

const WORKERS_DIR = new URL('../../workers/', import.meta.url);
/** Top-level files in workers/ that are not job workers. */
const NOT_WORKERS = ['index.ts', 'config.ts'];
const KEBAB_CASE = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const HAN = /\p{Script=Han}/u;

describe('workers/catalog.json', () => {
  it('should equal the catalogue generated from JOB_WORKERS', () => {
    // given
    const committed: unknown = JSON.parse(readFileSync(new URL('catalog.json', WORKERS_DIR), 'utf8'));

    // when
    const generated: unknown = JSON.parse(JSON.stringify(jobTypeCatalog(JOB_WORKERS)));

    // then
    expect(committed, 'workers/catalog.json is stale: run `npm run catalog` and commit the result').toEqual(generated);
  });

  it('should describe every job type in Chinese and in English', () => {
    // given
    const { jobTypes } = jobTypeCatalog(JOB_WORKERS);

    // when
    const undescribed = jobTypes.filter((t) => !HAN.test(t.descriptionZh) || t.descriptionEn.trim() === '' || HAN.test(t.descriptionEn)).map((t) => t.type);

    // then
    expect(jobTypes.map((t) => t.type)).toHaveLength(JOB_WORKERS.length);
    expect(undescribed).toEqual([]);
  });

  it('should name every job type and label every variable in Chinese (workers/catalog-labels.json)', () => {
    // given
    const { jobTypes } = jobTypeCatalog(JOB_WORKERS);

    // when
    const properties = (schema: unknown) => Object.entries((schema as { properties?: Record<string, { title?: string }> }).properties ?? {});
    const untitled = jobTypes.flatMap((t) => [...properties(t.inputVariables), ...properties(t.outputVariables)].filter(([, p]) => !HAN.test(p.title ?? '')).map(([name]) => `${t.type}.${name}`));

    // then
    expect(jobTypes.filter((t) => !HAN.test(t.nameZh)).map((t) => t.type)).toEqual([]);
    expect(untitled).toEqual([]);
  });

  it('should label every field inside an input variable, for the incident messages that name it (catalog-labels.json fields)', () => {
    // given
    const { jobTypes } = jobTypeCatalog(JOB_WORKERS);
    const { fields, variables } = loadCatalogLabels();

    // when
    const unlabelled = new Set<string>();
    const visit = (schema: unknown, depth: number): void => {
      if (typeof schema !== 'object' || schema === null) return;
      const node = schema as Record<string, unknown>;
      for (const [name, property] of Object.entries((node.properties ?? {}) as Record<string, unknown>)) {
        // a field named like a variable may use the variable's label, as the messages do
        if (depth > 0 && !HAN.test(fields[name] ?? variables[name] ?? '')) unlabelled.add(name);
        visit(property, depth + 1);
      }
      for (const key of ['items', 'anyOf', 'oneOf', 'allOf']) [node[key]].flat().forEach((inner) => visit(inner, depth));
    };
    for (const type of jobTypes) visit(type.inputVariables, 0);

    // then
    expect([...unlabelled].sort()).toEqual([]);
  });

  it('should refuse to build the catalogue while a variable has no label', () => {
    expect(() => jobTypeCatalog(JOB_WORKERS, { jobTypes: {}, variables: {} })).toThrow(/no Chinese name for the job types: compute-deadline/);
  });

  it('should carry a per-task constant with the values its worker accepts, each with a Chinese label (catalog-labels.json choices)', () => {
    // given
    const { jobTypes } = jobTypeCatalog(JOB_WORKERS);

    // when
    const decisionNotice = jobTypes.find((t) => t.type === 'generate-decision-notice')!;
    const decision = (decisionNotice.inputVariables as { properties: Record<string, Record<string, unknown>> }).properties.decision!;

    // then
    expect(decision['x-taskConstant']).toBe(true);
    expect(decision.enum).toEqual(Object.keys(DECISIONS));
    const titles = decision['x-choiceTitles'] as Record<string, string>;
    expect(Object.keys(titles)).toEqual(Object.keys(DECISIONS));
    for (const [value, title] of Object.entries(titles)) expect(title, value).toMatch(HAN);
    expect(titles.不予认定).toBe('不予认定（出具不予认定告知书）');
  });

  it('should refuse to build the catalogue while a value of a per-task constant has no label, or a label names a value the worker does not accept', () => {
    // given
    const labels = loadCatalogLabels();
    const { 不予备案: _dropped, ...three } = labels.choices.decision!;

    // then
    expect(() => jobTypeCatalog(JOB_WORKERS, { ...labels, choices: { decision: three } })).toThrow(/generate-decision-notice\.decision has no label for: 不予备案/);
    expect(() => jobTypeCatalog(JOB_WORKERS, { ...labels, choices: { decision: { ...labels.choices.decision, 不予受理: '不予受理' } } })).toThrow(
      /generate-decision-notice\.decision labels values the worker does not accept: 不予受理/,
    );
  });

  it('should refuse a per-task constant the task may leave out (a dropdown cannot be left out)', () => {
    // given
    const worker = JOB_WORKERS.find((w) => w.type === 'generate-decision-notice')!;
    const optional = { ...worker, input: z.object({ decision: taskConstant(z.enum(Object.keys(DECISIONS) as [string, ...string[]])).optional() }) };

    // then
    expect(() => jobTypeCatalog([optional])).toThrow(/generate-decision-notice\.decision is a per-task constant but not a required z\.enum of texts/);
  });

  it('should list BPMN error codes in UPPER_SNAKE_CASE with a Chinese meaning', () => {
    // given
    const { jobTypes } = jobTypeCatalog(JOB_WORKERS);

    // when
    const errors = jobTypes.flatMap((t) => Object.entries(t.errors).map(([code, meaning]) => ({ type: t.type, code, meaning })));

    // then
    for (const error of errors) {
      expect(error.code, error.type).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
      expect(error.meaning, `${error.type} ${error.code}`).toMatch(HAN);
    }
  });
});

describe('JOB_WORKERS', () => {
  it('should name every job type in kebab-case, once', () => {
    // given
    const types = JOB_WORKERS.map((w) => w.type);

    // when
    const notKebab = types.filter((type) => !KEBAB_CASE.test(type));

    // then
    expect(notKebab).toEqual([]);
    expect(new Set(types).size).toBe(types.length);
  });

  it.each(JOB_WORKERS.map((w) => [w.type, w] as const))('should export job type %s from workers/%s.ts', async (type, worker) => {
    // given
    const file = new URL(`${type}.ts`, WORKERS_DIR);

    // when
    const module = (await import(file.href)) as Record<string, unknown>;

    // then
    expect(Object.values(module), `workers/${type}.ts does not export the worker of job type '${type}'`).toContain(worker);
  });

  it('should list every worker file of workers/ (one line per job type in workers/index.ts)', () => {
    // given
    const files = readdirSync(WORKERS_DIR, { withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !NOT_WORKERS.includes(entry.name))
      .map((entry) => entry.name.replace(/\.ts$/, ''));

    // when
    const types = JOB_WORKERS.map((w) => w.type);

    // then
    expect([...files].sort()).toEqual([...types].sort());
  });
});
