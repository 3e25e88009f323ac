/**
 * The decision tables of bpmn/ (*.dmn), every row, through POST /v2/decision-definitions/evaluation with the SDK,
 * as the business rule tasks of the models evaluate them: the statutory time limit per national item, the FC10
 * proofs per route and withdrawal reason, the FC18 leave days per event kind, the FC18/FC22 submission limit.
 * The path tests show the same rows inside the cases; this shows each table on its own, including what it
 * refuses, and that the tables keep to what Camunda 8.8 runs (UNIQUE, COLLECT).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MATERNITY_EVENT_KINDS } from '../../workers/lib/maternity-event.js';
import { deploy, startEngine, type EngineFixture } from '../support/engine-fixture.js';

const DMN_FILES = readdirSync('bpmn').filter((name) => name.endsWith('.dmn'));

let engine: EngineFixture;

type Variables = Parameters<EngineFixture['client']['evaluateDecision']>[0]['variables'];

beforeAll(async () => {
  engine = await startEngine();
  await deploy(engine.client, DMN_FILES.map((name) => ({ name, content: readFileSync(`bpmn/${name}`, 'utf8') })));
});

afterAll(async () => {
  await engine?.stop();
});

/** The decision's output as JSON, failing the test with the engine's message when the evaluation failed. */
async function evaluate(decisionDefinitionId: string, variables: Variables): Promise<unknown> {
  const result = await engine.client.evaluateDecision({ decisionDefinitionId, variables });
  if (result.failedDecisionDefinitionId) throw new Error(result.failureMessage);
  return JSON.parse(result.output);
}

async function failureOf(decisionDefinitionId: string, variables: Variables): Promise<string> {
  const result = await engine.client.evaluateDecision({ decisionDefinitionId, variables });
  return result.failureMessage;
}

const none = { workingDays: null, calendarDays: null, months: null };

describe('bpmn/statutory-time-limit.dmn', () => {
  const ROWS: [string, string | undefined, Record<string, number>][] = [
    ['132036001001', undefined, { workingDays: 5 }],
    ['132036001002', undefined, { workingDays: 5 }],
    ['132036002003', undefined, { workingDays: 15 }],
    ['132036003002', '转入地发出《联系函》', { workingDays: 5 }],
    ['132036003002', '转出地出具《信息表》并划转资金', { workingDays: 10 }],
    ['132036003002', '转入地接续办结', { workingDays: 5 }],
    ['132036005000', undefined, { workingDays: 20 }],
    ['132036006001', undefined, { workingDays: 15 }],
    ['132036006002', undefined, { workingDays: 15 }],
    ['132036007002', undefined, { calendarDays: 30 }],
    ['132036007004', undefined, { calendarDays: 30 }],
    ['132036010001', undefined, { workingDays: 30 }],
  ];

  it.each(ROWS)('should give national item %s (phase %s) exactly one figure: %j', async (serviceItemCode, deadlinePhase, figure) => {
    // when
    const limit = await evaluate('statutory-time-limit', { serviceItemCode, ...(deadlinePhase ? { deadlinePhase } : {}) });

    // then
    expect(limit).toEqual({ ...none, ...figure });
  });

  it('should give no limit for an item without a row (即办 items are not in the table) and for a split item without its phase', async () => {
    // when / then
    expect(await evaluate('statutory-time-limit', { serviceItemCode: '132036002001' })).toBeNull();
    expect(await evaluate('statutory-time-limit', { serviceItemCode: '132036003002' })).toBeNull();
  });
});

describe('bpmn/account-withdrawal-proofs.dmn', () => {
  const COMMON = ['参保人员医保电子凭证、有效身份证件或社会保障卡', '《职工基本医疗保险个人账户一次性支取申请表》'];
  const UNIT = ['《西宁市城镇职工医疗、生育保险人员增减变化月报表》（办理终止时填报）', '单位收款账户信息'];
  const DEATH = '参保人员死亡证明或火化证明（复印件）';
  const HEIR = ['继承人身份证', '继承人银行卡账户信息', '继承关系证明或个人承诺书'];
  const OWN_ACCOUNT = '参保人员本人银行卡账户信息';
  const EMIGRATION = '护照或永久居留证、出国（境）定居证明';
  const STATEMENT = '情况说明（主动放弃职工基本医疗保险）';

  it.each([
    ['unit', 'death', [...COMMON, ...UNIT, DEATH]],
    ['unit', 'transferNotAccepted', [...COMMON, ...UNIT]],
    ['unit', 'emigration', [...COMMON, ...UNIT, EMIGRATION]],
    ['unit', 'voluntaryWithdrawal', [...COMMON, ...UNIT, STATEMENT]],
    ['individual', 'death', [...COMMON, DEATH, ...HEIR]],
    ['individual', 'transferNotAccepted', [...COMMON, OWN_ACCOUNT]],
    ['individual', 'emigration', [...COMMON, OWN_ACCOUNT, EMIGRATION]],
    ['individual', 'voluntaryWithdrawal', [...COMMON, OWN_ACCOUNT, STATEMENT]],
  ])('should ask the %s route with reason %s for its proofs, in table order', async (withdrawalRoute, accountRefundReason, proofs) => {
    // when
    const materials = await evaluate('account-withdrawal-proofs', { withdrawalRoute, accountRefundReason });

    // then
    expect(materials).toEqual(proofs);
  });

  it('should refuse a reason the table does not know, naming the allowed ones', async () => {
    // when
    const message = await failureOf('account-withdrawal-proofs', { withdrawalRoute: 'unit', accountRefundReason: 'retirement' });

    // then
    expect(message).toContain('"death","transferNotAccepted","emigration","voluntaryWithdrawal"');
  });
});

describe('bpmn/maternity-leave-days.dmn', () => {
  const unverified = (component: string, days: number) => ({ component, days, verified: false });

  it.each([
    [{ kind: 'birth', infants: 1, difficultLabour: false }, [unverified('baseLeave', 98), unverified('provincialExtraLeave', 0)]],
    [
      { kind: 'birth', infants: 3, difficultLabour: true },
      [unverified('baseLeave', 98), unverified('difficultLabour', 15), unverified('additionalInfants', 30), unverified('provincialExtraLeave', 0)],
    ],
    [{ kind: 'miscarriage', completedPregnancyMonths: 3 }, [unverified('miscarriageBeforeFourMonths', 15)]],
    [{ kind: 'miscarriage', completedPregnancyMonths: 4 }, [unverified('miscarriageFromFourMonths', 42)]],
    [{ kind: 'inducedAbortion', completedPregnancyMonths: 2 }, [unverified('miscarriageBeforeFourMonths', 15)]],
    [{ kind: 'inducedAbortion', completedPregnancyMonths: 5 }, [unverified('miscarriageFromFourMonths', 42)]],
    [{ kind: 'iudInsertion' }, [unverified('iudInsertion', 2)]],
    [{ kind: 'iudRemoval' }, [unverified('iudRemoval', 1)]],
    [{ kind: 'tubalLigation' }, [unverified('tubalLigation', 21)]],
    [{ kind: 'vasectomy' }, [unverified('vasectomy', 7)]],
  ])('should give %j its leave rows, each marked unverified', async (maternityEvent, rows) => {
    // when
    const components = await evaluate('maternity-leave-days', { maternityEvent, maternityEventDate: '2026-01-20' });

    // then
    expect(components).toEqual(rows);
  });

  it('should give no days for an event before the first rows are in force (2012-04-28)', async () => {
    // when
    const components = await evaluate('maternity-leave-days', { maternityEvent: { kind: 'birth', infants: 1 }, maternityEventDate: '2012-04-27' });

    // then
    expect(components).toEqual([]);
  });
});

describe('bpmn/maternity-submission-limit.dmn', () => {
  it.each([
    ['birth', 3],
    ['miscarriage', 3],
    ['inducedAbortion', null],
    ['iudInsertion', null],
    ['iudRemoval', null],
    ['tubalLigation', null],
    ['vasectomy', null],
  ])('should give %s a submission limit of %s months', async (kind, months) => {
    // when / then
    expect(await evaluate('maternity-submission-limit', { maternityEvent: { kind } })).toBe(months);
  });
});

describe('the maternity tables', () => {
  it.each(['maternity-leave-days', 'maternity-submission-limit'])('should allow in %s exactly the event kinds the forms offer', (decisionId) => {
    // given
    const xml = readFileSync(`bpmn/${decisionId}.dmn`, 'utf8');

    // when
    const allowed = /<inputValues id="eventKindValues">\s*<text>([^<]*)<\/text>/.exec(xml)?.[1];

    // then
    expect(allowed).toBe(MATERNITY_EVENT_KINDS.map((kind) => `"${kind}"`).join(','));
  });
});
