/**
 * The deadline day the monitor derives for a 即时办结 case: FC17 (生育保险待遇备案) sets no 受理 time, so its start
 * day is its deadline — unless the system refused it (不予备案) and it only waits at 送达不予备案告知书, which has no
 * time limit: then no deadline day (无时限), never 超期 nor 逾期办结, like FC18/FC22's late path.
 */
import { describe, expect, it } from 'vitest';
import { caseFigures, fromVariables } from '../../../../web-monitor/server/read-model/case-figures.js';
import { WorkingDayCounter } from '../../../../web-monitor/server/working-day-counter.js';
import { loadOfficeCatalog } from '../../../../web-shared/server/office-catalog.js';
import { loadCalendarConfig } from '../../../../workers/lib/calendar-config.js';

const catalog = loadOfficeCatalog();
const fc17 = catalog.processes.find((process) => process.processId === 'xining-fc17-maternity-registration')!;
const counter = new WorkingDayCounter(loadCalendarConfig());
const START = '2026-11-02';
const MAILED = '2026-11-05';

function completed(variables: Parameters<typeof fromVariables>[0]) {
  const derived = fromVariables(variables, fc17, START);
  const facts = {
    processInstanceKey: '1',
    processId: fc17.processId,
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
  it('is the catalogue\'s immediate process', () => {
    expect(fc17.timeLimit.immediate).toBe(true);
  });

  it('a filing without 受理 time is due on its start day', () => {
    expect(fromVariables({ personName: '张三' }, fc17, START).deadlineDay).toBe(START);
    expect(completed({ personName: '张三' })).toMatchObject({ deadlineDay: START, onTime: false });
  });

  it('a 不予备案 the system decided has no deadline: its notice mailed days later is not 逾期办结', () => {
    const refused = { personName: '张三', decisionNoticeNumber: '城中医保不予备案〔2026〕1号' };
    expect(fromVariables(refused, fc17, START)).toMatchObject({ acceptedDay: null, deadlineDay: null, originalDeadlineDay: null });
    expect(completed(refused)).toMatchObject({ deadlineDay: null, onTime: null, cycleWorkingDays: null });
  });

  it('a decision notice after 受理 keeps the acceptance day as the deadline', () => {
    const accepted = { acceptedAt: '2026-11-03T02:00:00.000Z', decisionNoticeNumber: '城中医保不予备案〔2026〕2号' };
    expect(fromVariables(accepted, fc17, START)).toMatchObject({ acceptedDay: '2026-11-03', deadlineDay: '2026-11-03' });
  });

  it('a 不予受理告知书 without 受理 (the intake refusal rule) has no deadline either', () => {
    expect(fromVariables({ refusalNoticeNumber: '城中医保不予受理〔2026〕3号' }, fc17, START).deadlineDay).toBeNull();
  });
});
