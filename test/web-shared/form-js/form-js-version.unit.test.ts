/**
 * The form-js, flatpickr and feelers the forms' plugins were written against: typed-before-calendar.ts,
 * half-typed-date.ts, half-typed-date-validation.ts, office-today-calendar.ts, office-today-templating.ts and
 * office-today-in-loops.ts hook into form-js's date fields, validation, submit (its internal `presubmit` event and
 * `_update`) and templating from outside (what they rely
 * on is listed in typed-before-calendar.ts's header), and fail silently — no error, the old bugs back — when a new
 * version changes that. An upgrade stops here until they are checked against it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

// (feelers: how a loop's body is evaluated, and its templates read — office-today-in-loops.ts)
const WRITTEN_AGAINST = { '@bpmn-io/form-js-viewer': '1.23.0', flatpickr: '4.6.13', feelers: '3.1.0' };

const require = createRequire(import.meta.url);

describe('the form-js the forms’ plugins were written against', () => {
  it.each(Object.entries(WRITTEN_AGAINST))('should be %s %s', (name, version) => {
    const installed = (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version: string }).version;
    expect(
      installed,
      `${name} is ${installed}, not ${version}: check web-shared/src/form-js/typed-before-calendar.ts, half-typed-date.ts, half-typed-date-validation.ts, office-today-calendar.ts, office-today-templating.ts and office-today-in-loops.ts against it (what they rely on: typed-before-calendar.ts's header), run their tests (first-date-typed, half-typed-date, office-day-in-forms, office-day-in-loops, office-today, office-today-in-loops), then set the version here`,
    ).toBe(version);
  });
});

describe('the form-js internals a date typed and submitted in the same keydown relies on', () => {
  // (half-typed-date-validation.ts writes the calendar's date into the form at `presubmit`: it must come before the
  // data is read, and `_update` must still take a field instance and a value)
  const viewer = readFileSync(join(dirname(require.resolve('@bpmn-io/form-js-viewer/package.json')), 'dist/index.es.js'), 'utf8');

  it('should fire presubmit in submit() before reading the data to submit', () => {
    const submit = /\n {2}submit\(\) \{[\s\S]*?\n {2}\}/.exec(viewer)?.[0] ?? '';
    expect(submit).toContain("this._emit('presubmit');");
    expect(submit.indexOf("this._emit('presubmit');")).toBeLessThan(submit.indexOf('this._getSubmitData()'));
  });

  it('should take { fieldInstance, value } in _update', () => {
    expect(viewer).toMatch(/\n {2}_update\(update\) \{\s*const \{\s*fieldInstance,\s*value\s*\} = update;/);
  });
});
