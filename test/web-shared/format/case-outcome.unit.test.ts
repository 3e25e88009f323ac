/**
 * How a completed case ended, read from the end event it reached last: the office's models' end events by their
 * names (不予受理 in all its wordings, the other refusals, 退回, 未生效, the rest 办结), and the last one completed
 * rather than a reminder's (已提醒) that ended earlier.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { closingEndEvent, outcomeOfEndEvent } from '../../../web-shared/src/format/case-outcome.js';

const bpmn = new URL('../../../bpmn/', import.meta.url);
const endEvents = readdirSync(bpmn)
  .filter((file) => file.endsWith('.bpmn'))
  .flatMap((file) => [...readFileSync(new URL(file, bpmn), 'utf8').matchAll(/<bpmn:endEvent id="([^"]+)" name="([^"]*)"/g)].map((match) => ({ file, id: match[1]!, name: match[2]! })));

describe('outcomeOfEndEvent', () => {
  it("should read each of the office's end events as the outcome its name says", () => {
    expect(endEvents.length).toBeGreaterThan(50);
    const outcomes = new Map(endEvents.map((end) => [end.name, outcomeOfEndEvent(end.name)]));
    expect(outcomes.get('不予受理')).toBe('notAccepted');
    expect(outcomes.get('超过申报期限，不予受理')).toBe('notAccepted');
    expect(outcomes.get('不予办理')).toBe('refused');
    expect(outcomes.get('不予变更')).toBe('refused');
    expect(outcomes.get('不予认定')).toBe('refused');
    expect(outcomes.get('不予备案')).toBe('refused');
    expect(outcomes.get('一次性告知，不予查询')).toBe('refused');
    expect(outcomes.get('怀孕未满三个月，暂不予备案')).toBe('refused');
    expect(outcomes.get('结算单有误，退回业务科室重新结算')).toBe('returned');
    expect(outcomes.get('未缴费，参保未生效')).toBe('notEffective');
    expect(outcomes.get('待遇已发放')).toBe('granted');
    expect(outcomes.get('新增、恢复缴费办结')).toBe('granted');
    // every end event whose name says 不予受理 is read so, whatever its id (endNotAccepted, endRejected, endLateSubmission)
    for (const end of endEvents.filter((candidate) => candidate.name.includes('不予受理'))) expect(outcomeOfEndEvent(end.name), `${end.file} ${end.id}`).toBe('notAccepted');
  });
});

describe('closingEndEvent', () => {
  it('should take the end event completed last, not a reminder that ended before it, and ignore what is not a completed end event', () => {
    const element = (key: string, name: string, endDate: string, extra: object = {}) => ({
      elementInstanceKey: key, elementId: name, elementName: name, type: 'END_EVENT', state: 'COMPLETED', endDate, ...extra,
    });
    const reminded = element('11', '已提醒', '2026-03-02T01:00:00.000Z');
    const refused = element('12', '不予受理', '2026-03-03T01:00:00.000Z');
    expect(closingEndEvent([refused, reminded])).toBe(refused);
    expect(closingEndEvent([reminded, element('13', '任务', '2026-03-04T01:00:00.000Z', { type: 'USER_TASK' })])).toBe(reminded);
    // the same instant: the later key
    const sameInstant = element('100', '办结', '2026-03-02T01:00:00.000Z');
    expect(closingEndEvent([sameInstant, reminded])).toBe(sameInstant);
    expect(closingEndEvent([])).toBeUndefined();
  });

  it('should read the main path\'s end though a reminder or an escalation ended after it (an overdue step refused while its 超期督办 was open)', () => {
    const end = (key: string, elementId: string, elementName: string, endDate: string) => ({ elementInstanceKey: key, elementId, elementName, type: 'END_EVENT', state: 'COMPLETED', endDate });
    const refused = end('20', 'endNotAccepted', '不予受理', '2026-03-07T01:00:00.000Z');
    const escalated = end('21', 'endFirstReviewEscalated', '督办完毕', '2026-03-08T01:00:00.000Z');
    const granted = end('22', 'endApproved', '新增、恢复缴费办结', '2026-03-09T01:00:00.000Z');
    const reminded = end('23', 'endSecondReviewReminded', '已提醒', '2026-03-10T01:00:00.000Z');
    expect(closingEndEvent([refused, escalated])).toBe(refused);
    expect(outcomeOfEndEvent(closingEndEvent([refused, escalated])?.elementName)).toBe('notAccepted');
    expect(closingEndEvent([granted, reminded])).toBe(granted);
    // a side path's end by its id alone, and only a side path ended: that one
    expect(closingEndEvent([end('24', 'endEscalated', '', '2026-03-11T01:00:00.000Z'), refused])).toBe(refused);
    expect(closingEndEvent([escalated, reminded])).toBe(reminded);
  });
});
