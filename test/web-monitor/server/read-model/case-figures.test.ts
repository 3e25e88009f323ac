/**
 * The deadline day the monitor derives for a 即时办结 case: FC17 (生育保险待遇备案) sets no 受理 time, so its start
 * day is its deadline — unless the system refused it at once (refusedBySystem, 不予备案) and it only waits at
 * 送达不予备案告知书, which has no time limit: then no deadline day (无时限), never 超期 nor 逾期办结. A refusal a clerk
 * decided at a review (FC5/FC7's decision notice, FC6's 不予受理) keeps its deadline: a late one is 逾期办结.
 */
import { describe, expect, it } from 'vitest';
import { CASE_VARIABLES, caseFigures, fromVariables, type CaseVariables } from '../../../../web-monitor/server/read-model/case-figures.js';
import { WorkingDayCounter } from '../../../../web-monitor/server/working-day-counter.js';
import { loadOfficeCatalog } from '../../../../web-shared/server/office-catalog.js';
import { loadCalendarConfig } from '../../../../workers/lib/calendar-config.js';

const catalog = loadOfficeCatalog();
const byId = (processId: string) => catalog.processes.find((process) => process.processId === processId)!;
const fc17 = byId('xining-fc17-maternity-registration');
const fc7 = byId('xining-fc07-employee-info-change');
const fc6 = byId('xining-fc06-employer-info-change');
const counter = new WorkingDayCounter(loadCalendarConfig());
const START = '2026-11-02';
const MAILED = '2026-11-05';

/** The variables the feeder reads of a case's (it asks the engine for CASE_VARIABLES only). */
function read(variables: Record<string, unknown>): CaseVariables {
  return Object.fromEntries(Object.entries(variables).filter(([name]) => (CASE_VARIABLES as readonly string[]).includes(name)));
}

function completed(variables: Record<string, unknown>, process = fc17) {
  const derived = fromVariables(read(variables), process, START);
  const facts = {
    processInstanceKey: '1',
    processId: process.processId,
    processDefinitionKey: '2',
    version: 1,
    state: 'COMPLETED' as const,
    startDate: `${START}T01:00:00.000Z`,
    endDate: `${MAILED}T01:00:00.000Z`,
    startDay: START,
    endDay: MAILED,
    hasIncident: false,
    ...derived,
  };
  return { ...derived, ...caseFigures(facts, counter) };
}

describe('case figures of an immediate process', () => {
  it('are the catalogue\'s immediate processes', () => {
    expect([fc17, fc7, fc6].map((process) => process.timeLimit.immediate)).toEqual([true, true, true]);
  });

  it('a filing without 受理 time is due on its start day', () => {
    expect(fromVariables({ personName: '张三' }, fc17, START).deadlineDay).toBe(START);
    expect(completed({ personName: '张三' })).toMatchObject({ deadlineDay: START, onTime: false });
  });

  it('a 不予备案 the system decided has no deadline: its notice mailed days later is not 逾期办结', () => {
    const refused = { personName: '张三', decisionNoticeNumber: '城中医保不予备案〔2026〕1号', refusedBySystem: true };
    expect(fromVariables(read(refused), fc17, START)).toMatchObject({ acceptedDay: null, deadlineDay: null, originalDeadlineDay: null });
    expect(completed(refused)).toMatchObject({ deadlineDay: null, onTime: null, cycleWorkingDays: null });
  });

  it('a decision notice after a clerk\'s review, without 受理 time, keeps the start day: refused days later is 逾期办结', () => {
    const refused = { personName: '张三', decisionNoticeNumber: '城中医保不予变更〔2026〕2号' };
    expect(fromVariables(read(refused), fc7, START)).toMatchObject({ acceptedDay: null, deadlineDay: START, originalDeadlineDay: START });
    expect(completed(refused, fc7)).toMatchObject({ deadlineDay: START, onTime: false });
  });

  it('a 不予受理 decided at a clerk\'s review keeps the start day as the deadline', () => {
    const refused = { unitName: '某公司', refusalNoticeNumber: '城中医保不予受理〔2026〕3号' };
    expect(fromVariables(read(refused), fc6, START).deadlineDay).toBe(START);
    expect(completed(refused, fc6)).toMatchObject({ deadlineDay: START, onTime: false });
  });
});
