/**
 * FC21 转省外就医备案 (即时办结, no deadline timers): the registration at the window, the 一次性告知 loop when
 * materials are missing or the ID number fails its check, and the refusal.
 */
import { describe, expect, it } from 'vitest';
import { recordConsoleOutput } from '../support/console-output.js';
import { useProcessHarness } from '../support/process-harness.js';
import { expectDecisionNotice } from '../support/refusal-notice.js';

const PROCESS_ID = 'xining-fc21-out-of-province-referral';

const application = {
  channel: 'window',
  applicantType: 'insured',
  personName: '马建国',
  idNumber: '630103196503152014',
  referringHospital: '青海大学附属医院',
  destinationProvince: '四川省',
  destinationHospital: '四川大学华西医院',
  diagnosis: '肝癌',
  submittedMaterials: ['社会保障卡复印件', '具有转诊权限医院出具的《青海省职工和城乡居民医保分级诊疗转院审批表》复印件'],
};

const receivedMaterials = application.submittedMaterials;

const h = useProcessHarness([PROCESS_ID]);

describe('FC21 转省外就医备案', () => {
  it('should register the referral at the window at once', async () => {
    // given
    const pi = await h.start(PROCESS_ID, application);

    // when
    await h.complete(pi, 'registration', {
      as: 'window-clerk',
      variables: { receivedMaterials, registrationValidFrom: '2026-03-02', registrationDecision: 'approved' },
    });

    // then
    await h.expectEnded(pi, ['endRegistered']);
    expect(await h.variables(pi)).toMatchObject({ identityValid: true, registrationDecision: 'approved' });
  });

  it('should tell all missing materials at once and register after the correction', async () => {
    // given
    const pi = await h.start(PROCESS_ID, { ...application, applicantType: 'agent', agentName: '马丽', agentIdNumber: '63010319880612102X' });

    // when
    await h.complete(pi, 'registration', {
      as: 'window-clerk',
      variables: {
        receivedMaterials: ['社会保障卡复印件'],
        registrationDecision: 'returned',
        registrationReason: '缺转院审批表复印件及代办人身份证复印件',
        missingMaterials: ['具有转诊权限医院出具的《青海省职工和城乡居民医保分级诊疗转院审批表》复印件', '代办人身份证复印件（代办时提供）'],
      },
    });
    await h.waitForElement(pi, 'missingMaterialsNotice');
    await h.complete(pi, 'supplementMaterials', {
      as: 'window-clerk',
      variables: { supplementedMaterials: ['具有转诊权限医院出具的《青海省职工和城乡居民医保分级诊疗转院审批表》复印件', '代办人身份证复印件（代办时提供）'] },
    });
    await h.complete(pi, 'registration', {
      as: 'window-clerk',
      variables: { receivedMaterials, registrationValidFrom: '2026-03-02', registrationDecision: 'approved' },
    });

    // then
    await h.expectEnded(pi, ['endRegistered']);
    const variables = await h.variables(pi);
    expect(variables.missingMaterialsNoticeNumber).toMatch(/告知第\d{4}号$/);
    expect(variables.missingMaterialsNoticeDocument).toHaveLength(1);
  });

  it('should refuse a referral that does not qualify', async () => {
    // given a referral an agent files
    const pi = await h.start(PROCESS_ID, { ...application, applicantType: 'agent', agentName: '马丽', agentIdNumber: '63010319880612102X', destinationProvince: '青海省', destinationHospital: '青海省人民医院' });

    // when
    await h.complete(pi, 'registration', {
      as: 'window-clerk',
      variables: { receivedMaterials, registrationDecision: 'rejected', decisionReason: '转往省内医院，无需办理转省外就医备案' },
    });

    // then the applicant gets a 不予备案告知书 with the reason
    await h.expectEnded(pi, ['endNotRegistered']);
    await expectDecisionNotice(h, pi, { decision: '不予备案', expectedText: [`${application.personName}（代办人：马丽）`, '转往省内医院，无需办理转省外就医备案', '转省外就医备案'] });
  });

  it('should send an ID number that fails its check to the 一次性告知 loop before the window registers', async () => {
    // given a check character that does not match
    const pi = await h.start(PROCESS_ID, { ...application, idNumber: '630103196503152015' });

    // when
    await h.waitForElement(pi, 'idNumberInvalid');
    await h.complete(pi, 'supplementMaterials', {
      as: 'window-clerk',
      variables: { supplementedMaterials: ['社会保障卡复印件'], idNumber: '630103196503152014' },
    });
    await h.complete(pi, 'registration', {
      as: 'window-clerk',
      variables: { receivedMaterials, registrationValidFrom: '2026-03-02', registrationDecision: 'approved' },
    });

    // then
    await h.expectEnded(pi, ['endRegistered']);
    const variables = await h.variables(pi);
    expect(variables.missingMaterials).toEqual(['有效身份证件或社会保障卡复印件（公民身份号码校验未通过，请核对）']);
    expect(variables.missingMaterialsNoticeNumber).toEqual(expect.any(String));
  });
});

describe('FC21 logs', () => {
  it("should hold none of the personal values of a whole case — ID numbers, names, diagnosis — in the workers' log or the engine's output", async () => {
    // given everything the engine (in this process) and the workers print from now on
    const engineOutput = recordConsoleOutput();
    const agent = { agentName: '马丽', agentIdNumber: '63010319880612102X' };
    let pi: string;
    try {
      // when a case by an agent goes through the 一次性告知 loop (a notice is issued) to its registration
      pi = await h.start(PROCESS_ID, { ...application, applicantType: 'agent', ...agent });
      await h.complete(pi, 'registration', {
        as: 'window-clerk',
        variables: { receivedMaterials: ['社会保障卡复印件'], registrationDecision: 'returned', registrationReason: '缺转院审批表复印件', missingMaterials: [receivedMaterials[1]] },
      });
      await h.complete(pi, 'supplementMaterials', { as: 'window-clerk', variables: { supplementedMaterials: [receivedMaterials[1]] } });
      await h.complete(pi, 'registration', {
        as: 'window-clerk',
        variables: { receivedMaterials, registrationValidFrom: '2026-03-02', registrationDecision: 'approved' },
      });
      await h.expectEnded(pi, ['endRegistered']);
      // and requests the engine refuses, carrying the same values
      const refused = await h.fixture.fetch('/v2/process-instances', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ processDefinitionId: 'no-such-process', variables: { ...application, ...agent } }),
      });
      expect(refused.status).toBe(404);
      const malformed = await h.fixture.fetch('/v2/process-instances', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: `{"processDefinitionId": "${PROCESS_ID}", "variables": {"idNumber": "${application.idNumber}", "diagnosis": "${application.diagnosis}"`,
      });
      expect(malformed.status).toBe(400);
    } finally {
      engineOutput.stop();
    }

    // then the workers logged the case's jobs and the notice
    const ofCase = h.workerLog.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line.processInstanceKey === pi);
    expect(ofCase.map((line) => line.type)).toEqual(expect.arrayContaining(['validate-identity']));
    expect(ofCase.some((line) => line.message === 'notice issued')).toBe(true);
    // and no log holds a personal value, nor the birth date inside the ID numbers
    const logs = { workers: h.workerLog.join('\n'), engine: engineOutput.lines.join('\n') };
    const personal = [application.personName, application.idNumber, application.diagnosis, agent.agentName, agent.agentIdNumber, '19650315', '19880612'];
    for (const [log, text] of Object.entries(logs)) {
      expect({ log, found: personal.filter((value) => text.includes(value)) }).toEqual({ log, found: [] });
    }
  });
});
