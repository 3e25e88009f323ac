/**
 * FC8 参保单位参保信息查询 (即办, no timers): 现场查询 (登记 → 即时查询 → 告知查询结果), 网上查询 through the
 * employer's online portal, and the 一次性告知 ends for missing materials and an invalid credit code.
 */
import { describe, expect, it } from 'vitest';
import { useProcessHarness } from '../support/process-harness.js';

const PROCESS_ID = 'xining-fc08-employer-record-query';

const request = { channel: 'window', unitName: '西宁市城中区昆仑机械有限公司', creditCode: '91630103710401234N' };
const onsiteRequest = {
  agentName: '韩雪梅',
  agentIdNumber: '630103197005120022',
  submittedMaterials: ['统一社会信用代码证书（营业执照）或单位介绍信', '单位经办人员有效身份证件'],
  queryItems: ['参保人员名单', '缴费记录及欠费情况'],
};

const h = useProcessHarness([PROCESS_ID]);

describe('FC8 参保单位参保信息查询', () => {
  it('should query at once at the window and tell the result', async () => {
    // given
    const pi = await h.start(PROCESS_ID, request);

    // when
    await h.complete(pi, 'onsiteRequest', { as: 'window-clerk', variables: onsiteRequest });
    await h.complete(pi, 'immediateQuery', {
      as: 'window-clerk',
      variables: { immediateQueryDecision: 'approved', queryResultSummary: '在册参保职工 18 人，截至 2026 年 2 月无欠费' },
    });
    await h.complete(pi, 'informResult', { as: 'window-clerk', variables: { informMethod: 'printed', resultInformed: true } });

    // then
    await h.expectEnded(pi, ['endInformed']);
    expect(await h.variables(pi)).toMatchObject({ identityValid: true, queryResultSummary: '在册参保职工 18 人，截至 2026 年 2 月无欠费' });
  });

  it('should leave the online query to the employer portal, with no task at the office', async () => {
    // given
    const pi = await h.start(PROCESS_ID, { ...request, channel: 'online' });

    // when
    await h.expectEnded(pi, ['endOnlineQueried']);

    // then
    const { items } = await h.client.searchUserTasks({ filter: { processInstanceKey: pi } } as never);
    expect(items).toHaveLength(0);
  });

  it('should tell all missing materials at once and end the query', async () => {
    // given
    const pi = await h.start(PROCESS_ID, request);
    await h.complete(pi, 'onsiteRequest', { as: 'window-clerk', variables: { ...onsiteRequest, submittedMaterials: ['单位经办人员有效身份证件'] } });

    // when
    await h.complete(pi, 'immediateQuery', {
      as: 'window-clerk',
      variables: { immediateQueryDecision: 'returned', immediateQueryReason: '未带单位证明文件', missingMaterials: ['统一社会信用代码证书（营业执照）或单位介绍信'] },
    });

    // then
    await h.expectEnded(pi, ['endNotQueried']);
    expect((await h.variables(pi)).missingMaterialsNoticeNumber).toMatch(/告知第\d{4}号/);
  });

  it('should not query for a credit code that fails its check', async () => {
    // given the check character is wrong
    const pi = await h.start(PROCESS_ID, request);

    // when
    await h.complete(pi, 'onsiteRequest', { as: 'window-clerk', variables: { ...onsiteRequest, creditCode: '91630103710401234M' } });

    // then
    await h.expectEnded(pi, ['endNotQueried']);
    expect((await h.variables(pi)).missingMaterials).toEqual(['参保单位统一社会信用代码有误，请提供统一社会信用代码证书（营业执照）或单位介绍信']);
  });
});
