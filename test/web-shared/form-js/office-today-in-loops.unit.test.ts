/**
 * today() inside a text template's loop bodies written as the office day's date (office-today-in-loops.ts): the
 * calls in FEEL inside `{{#loop}}` … `{{/loop}}`, at any depth, and nothing else — the text around, the template
 * above the loops (its context carries the office's today), strings, longer names and paths stay as written.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { officeTodayInLoops } from '../../../web-shared/src/form-js/office-today-in-loops.js';

/** feelers' `evaluate`, as form-js's templating has it (the feelers form-js depends on: no dependency of ours). */
const evaluateTemplate = async (template: string, context: Record<string, unknown>): Promise<string> => {
  const formJs = createRequire(import.meta.url).resolve('@bpmn-io/form-js-viewer');
  const feelers = (await import(pathToFileURL(createRequire(formJs).resolve('feelers')).href)) as { evaluate(template: string, context: Record<string, unknown>): string };
  return feelers.evaluate(template, context);
};

const DAY = '2026-03-02';
const OFFICE = `@"${DAY}"`;

describe('officeTodayInLoops', () => {
  it('should write today() in a loop’s body as the office day, and leave the template above the loop', () => {
    expect(officeTodayInLoops('今天 {{today()}}：{{#loop bills}}{{name}} {{today()}}{{#if date(day) > today ( )}}⚠{{/if}}{{/loop}} {{today()}}', DAY)).toBe(
      `今天 {{today()}}：{{#loop bills}}{{name}} {{${OFFICE}}}{{#if date(day) > ${OFFICE}}}⚠{{/if}}{{/loop}} {{today()}}`,
    );
  });

  it('should write it in a nested loop’s list and body, the outer loop’s list read above it left', () => {
    expect(officeTodayInLoops('{{#loop for d in days return d > today()}}{{#loop rows(today())}}{{today()}}{{/loop}}{{today()}}{{/loop}}', DAY)).toBe(
      `{{#loop for d in days return d > today()}}{{#loop rows(${OFFICE})}}{{${OFFICE}}}{{/loop}}{{${OFFICE}}}{{/loop}}`,
    );
  });

  it('should leave strings, longer names, paths and the text around as they are', () => {
    const template = '{{#loop bills}}today() {{"today() \\" today()"}} {{mytoday()}} {{this.today()}} {{今today()}} {{=today()}}{{/loop}}';
    expect(officeTodayInLoops(template, DAY)).toBe(`{{#loop bills}}today() {{"today() \\" today()"}} {{mytoday()}} {{this.today()}} {{今today()}} {{=${OFFICE}}}{{/loop}}`);
  });

  it('should leave a template without a loop, or one FEEL expression (=…), as it is', () => {
    for (const template of ['今天：{{today()}}', '=today()', '{{#if today() > x}}a{{/if}}']) expect(officeTodayInLoops(template, DAY)).toBe(template);
  });

  it('should read a body left open to the template’s end as feelers does', () => {
    expect(officeTodayInLoops('{{#loop x}}{{today()', DAY)).toBe(`{{#loop x}}{{${OFFICE}`);
  });

  it('should give the office day in a row with a key named date (the row’s keys are the body’s context)', async () => {
    // given a list whose rows have a date, and a template using today() in the loop
    const template = officeTodayInLoops('{{#loop bills}}{{string(today())}} {{if date = string(today()) then "今日" else "往日"}} {{string(today() + duration("P1D"))}}|{{/loop}}', DAY);

    // then form-js's templating (feelers) gives the office's day in each row (date("…") there called the row's date: nothing)
    expect(await evaluateTemplate(template, { bills: [{ date: '2026-03-02' }, { date: '2026-03-01' }] })).toBe('2026-03-02 今日 2026-03-03|2026-03-02 往日 2026-03-03|');
  });
});
