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
  it('should load a sentence per decision that states it, each with whether the office confirmed it and its source, and each decision titled and numbered by its own word', () => {
    // given
    const notices = loadNoticeSettings().noticeTypes;

    // when
    const parameters = loadDecisionNoticeParameters();

    // then
    for (const [decision, { noticeType, sentence }] of Object.entries(DECISIONS)) {
      // its shape: confirming a sentence (verified: true) must not break this test
      expect(parameters[sentence]).toEqual({ value: expect.any(String), verified: expect.any(Boolean), source: expect.stringMatching(/\S/) });
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

  it.each([
    ['states another decision', 'notRegistered', '经审查，{申请人}的申请不符合{依据}规定的备案条件，决定不予办理', /决定不予备案[\s\S]*notRegistered/],
    ['ends with 。', 'notHandled', '经审查，{申请人}的申请不符合{依据}规定的办理条件，决定不予办理。', /句末不加[\s\S]*notHandled/],
  ])('should stop with the field named when a sentence %s', (_case, field, sentence, message) => {
    // given a copy with that sentence
    const dir = mkdtempSync(join(tmpdir(), 'decision-notice-'));
    const file = join(dir, 'decision-notice.json');
    const json = JSON.parse(readFileSync(DECISION_NOTICE_PARAMETERS_FILE, 'utf8')) as Record<string, { value: unknown }>;
    json[field]!.value = sentence;
    writeFileSync(file, JSON.stringify(json));

    try {
      // when / then
      expect(() => loadDecisionNoticeParameters(file)).toThrow(message);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('should take 暂 before the decision (FC17 暂不予备案)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'decision-notice-'));
    const file = join(dir, 'decision-notice.json');
    const json = JSON.parse(readFileSync(DECISION_NOTICE_PARAMETERS_FILE, 'utf8')) as Record<string, { value: unknown }>;
    json.notRegistered!.value = '经审查，{申请人}的申请暂不符合{依据}规定的备案条件，决定暂不予备案';
    writeFileSync(file, JSON.stringify(json));
    try {
      expect(loadDecisionNoticeParameters(file).notRegistered.value).toContain('决定暂不予备案');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
