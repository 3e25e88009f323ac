/**
 * config/refusal-notice.json as the workers load it at start: the statutory periods the 不予受理告知书 prints, every
 * setting marked unconfirmed with its source, and a typo stopping the load with the file and the field named.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigFileError } from '../../../workers/lib/errors.js';
import { loadRefusalNoticeParameters, REFUSAL_NOTICE_PARAMETERS_FILE } from '../../../workers/lib/refusal-notice-parameters.js';

describe('loadRefusalNoticeParameters', () => {
  it('should load the project file: 60 days for 行政复议, 6 months for 行政诉讼, nothing confirmed by the office yet', () => {
    // given
    // when
    const parameters = loadRefusalNoticeParameters();

    // then
    expect(parameters.reconsiderationDays.value).toBe(60);
    expect(parameters.litigationMonths.value).toBe(6);
    expect(parameters.court.value).toBeNull();
    const { $comment: _comment, ...settings } = parameters;
    for (const setting of Object.values(settings)) expect(setting).toMatchObject({ verified: false, source: expect.stringMatching(/\S/) });
  });

  it('should stop with the file and the field named when a period is not a whole number of days', () => {
    // given a copy whose 复议 period was typed as text
    const dir = mkdtempSync(join(tmpdir(), 'refusal-notice-'));
    const file = join(dir, 'refusal-notice.json');
    const json = JSON.parse(readFileSync(REFUSAL_NOTICE_PARAMETERS_FILE, 'utf8')) as Record<string, { value: unknown }>;
    json.reconsiderationDays!.value = '六十';
    writeFileSync(file, JSON.stringify(json));

    try {
      // when
      const load = () => loadRefusalNoticeParameters(file);

      // then
      expect(load).toThrow(ConfigFileError);
      expect(load).toThrow(/refusal-notice\.json[\s\S]*reconsiderationDays/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
