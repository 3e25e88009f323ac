/**
 * FC9 参保人员参保信息查询 (即办, no timers): 现场查询 by the insured person or an agent (登记 → 即时查询 → 告知本人查询
 * 结果), 网上查询 through the employer portal or the 青海医保APP, and the 一次性告知 ends for missing materials and an
 * invalid ID number.
 */
import { describe, expect, it } from 'vitest';
import { useProcessHarness } from '../support/process-harness.js';

const PROCESS_ID = 'xining-fc09-insured-record-query';

const request = { channel: 'window', personName: '韩雪梅', idNumber: '630103197005120022' };
const selfRequest = {
  applicantType: 'insured',
  submittedMaterials: ['医保电子凭证、有效身份证件或社会保障卡'],
  queryItems: ['缴费记录', '个人账户收支及余额'],
};
const agentRequest = {
  applicantType: 'agent',
  agentName: '马建国',
  agentIdNumber: '630103196603150016',
  submittedMaterials: ['医保电子凭证、有效身份证件或社会保障卡', '委托办理人有效身份证件（委托办理时）', '授权委托书（委托办理时）'],
  queryItems: ['缴费记录'],
};
const queried = { immediateQueryDecision: 'approved', queryResultSummary: '职工医保累计缴费 236 个月，个人账户余额 3,210.55 元' };

const h = useProcessHarness([PROCESS_ID]);

describe('FC9 参保人员参保信息查询', () => {
  it('should query at once at the window and tell the insured person the result', async () => {
    // given
    const pi = await h.start(PROCESS_ID, request);

    // when
    await h.complete(pi, 'onsiteRequest', { as: 'window-clerk', variables: selfRequest });
    await h.complete(pi, 'immediateQuery', { as: 'window-clerk', variables: queried });
    await h.complete(pi, 'informResult', { as: 'window-clerk', variables: { informMethod: 'oral', resultInformed: true } });

    // then
    await h.expectEnded(pi, ['endInformed']);
    expect(await h.variables(pi)).toMatchObject({ identityValid: true, sex: 'female', applicantType: 'insured' });
  });

  it('should serve an authorised agent the same way', async () => {
    // given
    const pi = await h.start(PROCESS_ID, request);

    // when
    await h.complete(pi, 'onsiteRequest', { as: 'window-clerk', variables: agentRequest });
    await h.complete(pi, 'immediateQuery', { as: 'window-clerk', variables: queried });
    await h.complete(pi, 'informResult', { as: 'window-clerk', variables: { informMethod: 'printed', resultInformed: true } });

    // then
    await h.expectEnded(pi, ['endInformed']);
    expect(await h.variables(pi)).toMatchObject({ applicantType: 'agent', agentName: '马建国' });
  });

  it.each([
    ['unitPortal', 'endUnitPortalQueried'],
    ['qinghaiApp', 'endAppQueried'],
  ])('should leave the online query on %s to the insured, with no task at the office', async (onlinePlatform, endEvent) => {
    // given
    const pi = await h.start(PROCESS_ID, { ...request, channel: 'online', onlinePlatform });

    // when
    await h.expectEnded(pi, [endEvent]);

    // then
    const { items } = await h.client.searchUserTasks({ filter: { processInstanceKey: pi } } as never);
    expect(items).toHaveLength(0);
  });

  it('should tell all missing materials at once and end the query', async () => {
    // given an agent without the power of attorney
    const pi = await h.start(PROCESS_ID, request);
    await h.complete(pi, 'onsiteRequest', { as: 'window-clerk', variables: { ...agentRequest, submittedMaterials: agentRequest.submittedMaterials.slice(0, 2) } });

    // when
    await h.complete(pi, 'immediateQuery', {
      as: 'window-clerk',
      variables: { immediateQueryDecision: 'returned', immediateQueryReason: '委托办理未提供授权委托书', missingMaterials: ['授权委托书（委托办理时）'] },
    });

    // then
    await h.expectEnded(pi, ['endNotQueried']);
    expect((await h.variables(pi)).missingMaterialsNoticeNumber).toMatch(/告知第\d{4}号/);
  });

  it('should not query for an ID number that fails its check', async () => {
    // given the check character is wrong
    const pi = await h.start(PROCESS_ID, { ...request, idNumber: '630103197005120023' });

    // when
    await h.complete(pi, 'onsiteRequest', { as: 'window-clerk', variables: selfRequest });

    // then
    await h.expectEnded(pi, ['endNotQueried']);
    expect((await h.variables(pi)).missingMaterials).toEqual(['参保人员公民身份号码有误，请出示本人有效身份证件或社会保障卡']);
  });
});
