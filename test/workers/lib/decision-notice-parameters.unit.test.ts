/**
 * config/decision-notice.json as the workers load it at start: one sentence per decision after 受理 (不予办理,
 * 不予变更, 不予认定, 不予备案), each stating its decision, every one unconfirmed with its source; a sentence without the
 * decision stops the load with the file and the field named.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DECISIONS } from '../../../workers/generate-decision-notice.js';
import { DECISION_NOTICE_PARAMETERS_FILE, loadDecisionNoticeParameters } from '../../../workers/lib/decision-notice-parameters.js';
import { ConfigFileError } from '../../../workers/lib/errors.js';
import { loadNoticeSettings } from '../../../workers/lib/notices/notice-settings.js';

describe('loadDecisionNoticeParameters', () => {
  it('should load a sentence per decision that states it, nothing confirmed by the office yet, and each decision titled and numbered by its own word', () => {
    // given
    const notices = loadNoticeSettings().noticeTypes;

    // when
    const parameters = loadDecisionNoticeParameters();

    // then
    for (const [decision, { noticeType, sentence }] of Object.entries(DECISIONS)) {
      expect(parameters[sentence]).toMatchObject({ verified: false, source: expect.stringMatching(/\S/) });
      expect(parameters[sentence].value).toContain(`决定${decision}`);
      expect(parameters[sentence].value).toContain('{申请人}');
      expect(notices[noticeType]).toEqual({ title: `${decision}告知书`, numberWord: decision });
    }
  });

  it('should stop with the file and the field named when a sentence does not state the decision', () => {
    // given a copy whose 不予变更 sentence lost its decision
    const dir = mkdtempSync(join(tmpdir(), 'decision-notice-'));
    const file = join(dir, 'decision-notice.json');
    const json = JSON.parse(readFileSync(DECISION_NOTICE_PARAMETERS_FILE, 'utf8')) as Record<string, { value: unknown }>;
    json.notChanged!.value = '经审查，{申请人}的申请不符合规定';
    writeFileSync(file, JSON.stringify(json));

    try {
      // when
      const load = () => loadDecisionNoticeParameters(file);

      // then
      expect(load).toThrow(ConfigFileError);
      expect(load).toThrow(/decision-notice\.json[\s\S]*notChanged/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
