import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigFileError } from '../../../workers/lib/errors.js';
import { loadHolidayOverrides } from '../../../workers/lib/holiday-overrides.js';

function writeTemp(content: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'holiday-overrides-')), 'holiday-overrides.json');
  writeFileSync(file, content);
  return file;
}

describe('loadHolidayOverrides', () => {
  it('should load the shipped config/holiday-overrides.json', () => {
    // given the repository file
    // when
    const overrides = loadHolidayOverrides();
    // then
    expect(Array.isArray(overrides.closures)).toBe(true);
    expect(Array.isArray(overrides.extraWorkingDays)).toBe(true);
  });

  it('should load closures and extra working days', () => {
    // given
    const file = writeTemp(JSON.stringify({ closures: ['2026-03-02'], extraWorkingDays: [], note: '停电' }));
    // when
    const overrides = loadHolidayOverrides(file);
    // then
    expect(overrides).toEqual({ closures: ['2026-03-02'], extraWorkingDays: [], note: '停电' });
  });

  it('should reject a day that does not exist', () => {
    // given
    const file = writeTemp(JSON.stringify({ closures: ['2026-02-30'], extraWorkingDays: [] }));
    // when / then
    expect(() => loadHolidayOverrides(file)).toThrow(ConfigFileError);
  });

  it('should reject a day that is both a closure and an extra working day', () => {
    // given
    const file = writeTemp(JSON.stringify({ closures: ['2026-03-02'], extraWorkingDays: ['2026-03-02'] }));
    // when / then
    expect(() => loadHolidayOverrides(file)).toThrow(/同时列在停止办公日/);
  });

  it('should reject unknown keys and broken JSON, naming the file', () => {
    // given
    const typo = writeTemp(JSON.stringify({ closure: ['2026-03-02'] }));
    const broken = writeTemp('{ "closures": [');
    // when / then
    expect(() => loadHolidayOverrides(typo)).toThrow(ConfigFileError);
    expect(() => loadHolidayOverrides(broken)).toThrow(broken);
  });
});
