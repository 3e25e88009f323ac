import { describe, expect, it } from 'vitest';
import { t } from '../../web-monitor/src/texts.js';
import type { Freshness } from '../../web-monitor/src/monitor-types.js';
import { freshnessLineText } from '../../web-monitor/src/views/freshness-line-text.js';

// Camunda 8.8's incident error types (IncidentErrorTypeEnum of the Orchestration Cluster API)
const CAMUNDA_ERROR_TYPES = [
  'AD_HOC_SUB_PROCESS_NO_RETRIES',
  'CALLED_DECISION_ERROR',
  'CALLED_ELEMENT_ERROR',
  'CONDITION_ERROR',
  'DECISION_EVALUATION_ERROR',
  'EXECUTION_LISTENER_NO_RETRIES',
  'EXTRACT_VALUE_ERROR',
  'FORM_NOT_FOUND',
  'IO_MAPPING_ERROR',
  'JOB_NO_RETRIES',
  'MESSAGE_SIZE_EXCEEDED',
  'RESOURCE_NOT_FOUND',
  'TASK_LISTENER_NO_RETRIES',
  'UNHANDLED_ERROR_EVENT',
  'UNKNOWN',
  'UNSPECIFIED',
];

describe('monitor texts', () => {
  it('should name every Camunda 8.8 incident error type in Chinese', () => {
    const named = t.instance.errorTypes;
    expect(CAMUNDA_ERROR_TYPES.filter((type) => !/[\u4e00-\u9fff]/.test(named[type] ?? ''))).toEqual([]);
    expect(Object.keys(named).sort()).toEqual(CAMUNDA_ERROR_TYPES);
  });
});

describe("the freshness line's words while the read model's passes fail", () => {
  it('should say when the figures stand, or that they are of the run before a restart, or that there are none, without naming a cause or an interval', () => {
    const since = '2026-12-07 10:00';
    const at = t.freshness.failing(since, '2026-12-07 09:59', false);
    const beforeRestart = t.freshness.failing(since, undefined, true);
    const none = t.freshness.failing(since, undefined, false);

    // (the line shows on each of these pages: it names them all, not 本页)
    expect(at).toContain('首页、月报、「逾期与临期」、「流程热力图」的「办理时长」和「案件查询」的按申请人查找所用的数据停留在 2026-12-07 09:59，可能落后于实际办理情况。');
    expect(beforeRestart).toContain('首页、月报、「逾期与临期」、「流程热力图」的「办理时长」和「案件查询」的按申请人查找所用的数据为服务重启前最后一次同步的结果，可能落后于实际办理情况。');
    expect(none).toContain('首页、月报、「逾期与临期」、「流程热力图」的「办理时长」和「案件查询」的按申请人查找暂无数据。');
    expect(t.freshness.unconnected).toContain('首页、月报、「逾期与临期」、「流程热力图」的「办理时长」和「案件查询」的按申请人查找没有数据。');
    for (const line of [at, beforeRestart, none]) {
      expect(line).not.toContain('本页');
      // (a full disk of the server's stops them as the engine unreachable does; the retry's interval is a setting)
      expect(line.startsWith(`统计数字暂停更新：自 ${since} 起未能同步数据，`)).toBe(true);
      expect(line).toContain('系统自动重试，');
      expect(line).not.toContain('流程引擎');
      expect(line).not.toContain('每秒');
    }
  });

  it("should name on the case page's stale note only the read that failed and the facts it stands behind", () => {
    const facts = { remaining: '剩余工作日' };
    expect(t.instance.headerStale('10:00', { ...facts, applicant: true, dates: false })).toBe('重新读取申请人失败，上方的申请人仍是 10:00 读取的，可能不是最新。');
    expect(t.instance.headerStale('10:00', { ...facts, applicant: false, dates: true })).toBe(
      '重新读取受理日期和办理时限届满日失败，上方的受理日期、办理时限届满日和剩余工作日仍是 10:00 读取的，可能不是最新。',
    );
    expect(t.instance.headerStale('10:00', { remaining: '是否按时', applicant: true, dates: true })).toBe(
      '重新读取申请人、受理日期和办理时限届满日失败，上方的申请人、受理日期、办理时限届满日和是否按时仍是 10:00 读取的，可能不是最新。',
    );
  });
});

describe("the freshness line's words when the page's own re-read failed", () => {
  it("should say from when (the office's HH:mm) the figures shown are, as a notice, instead of their answer's age", () => {
    const fresh: Freshness = { ageSeconds: 40, lastPassMs: 12, lastPassAt: Date.parse('2026-12-07T01:59:20Z'), syncIntervalMs: 1_000 };
    expect(freshnessLineText(fresh).text).toBe('数据更新于 40 秒前');
    expect(freshnessLineText(fresh, Date.parse('2026-12-07T02:05:30Z'))).toEqual({ text: '未能刷新，以下为 10:05 读取的数字', notice: true });
  });
});
