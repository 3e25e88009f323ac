/**
 * One rule for what a case's deadline badge says, in the task list (rows, case header) and the monitor's case page
 * (web-shared/src/dates/case-due.ts): a 即时办结 case has the limit of its acceptance day, never 无时限 (what the task
 * list said) nor 受理后起算 (what the monitor said) — the rule the monitor's figures count by (case-figures.ts).
 */
import { describe, expect, it } from 'vitest';
import { limitRule, loadOfficeCatalog } from '../../../web-shared/server/office-catalog.js';
import { caseDue, dueBadgeView, type CaseDueFacts } from '../../../web-shared/src/dates/case-due.js';
import type { DueInfo } from '../../../web-shared/src/dates/due-info.js';
import { fromVariables } from '../../../web-monitor/server/read-model/case-figures.js';
import { officeDateOfDateOrInstant } from '../../../workers/lib/instant.js';

const facts = (overrides: Partial<CaseDueFacts>): CaseDueFacts => ({ rule: 'days', deadline: undefined, acceptedAt: undefined, refused: false, refusedBySystem: false, ...overrides });
const counted = (remainingWorkingDays: number, state: DueInfo['state']): DueInfo => ({ date: '2026-12-07', remainingWorkingDays, state, provisional: false });

describe('a process\'s limit rule (the catalogue both apps hand the browser)', () => {
  const rules = new Map(loadOfficeCatalog().processes.map((process) => [process.flowchart === 11 ? process.processId : process.flowchart, limitRule(process.timeLimit)]));

  it('should read every 即办 process as the same day, limits in working days, calendar days as days', () => {
    for (const flowchart of [5, 6, 7, 8, 9, 12, 13, 14, 17, 19, 21]) expect(rules.get(flowchart), `FC${flowchart}`).toBe('sameDay');
    for (const flowchart of [1, 2, 3, 4, 10, 15, 16, 18, 20, 22]) expect(rules.get(flowchart), `FC${flowchart}`).toBe('days');
    expect(rules.get('xining-fc11-transfer-in')).toBe('days');
  });

  it('should read a limit with no figure as none (未规定)', () => {
    expect(limitRule({})).toBe('none');
    expect(limitRule({ immediate: true, workingDays: 5 })).toBe('sameDay');
  });
});

describe('what a case\'s deadline reads', () => {
  it('should count a deadline the case holds, whatever the rule', () => {
    for (const rule of ['days', 'sameDay', 'none', undefined] as const) {
      expect(caseDue(facts({ rule, deadline: '2026-12-10T23:59:59+08:00' }))).toEqual({ kind: 'deadline', deadline: '2026-12-10T23:59:59+08:00' });
    }
  });

  it('should count a 即时办结 case against its acceptance day, or without one its registration (start) day (office dates)', () => {
    expect(caseDue(facts({ rule: 'sameDay', startedAt: '2026-12-06T17:30:00.000Z' }))).toEqual({ kind: 'deadline', deadline: '2026-12-07', registered: true });
    expect(caseDue(facts({ rule: 'sameDay', acceptedAt: '2026-12-04T09:00:00+08:00', startedAt: '2026-12-03T09:00:00+08:00' }))).toEqual({ kind: 'deadline', deadline: '2026-12-04' });
  });

  it('should name the rule (即时办结, grey) for a 即时办结 case whose registration day the app cannot see, not a day it cannot know, nor 无时限 nor 受理后起算', () => {
    const shown = caseDue(facts({ rule: 'sameDay' }));
    expect(shown).toEqual({ kind: 'sameDay' });
    expect(dueBadgeView(shown, undefined)).toEqual({ text: '即时办结', state: 'none', title: '即时办结：登记当日办结，到期以登记日计' });
  });

  it('should read 受理后起算 only where a limit in days will run', () => {
    expect(dueBadgeView(caseDue(facts({ rule: 'days' })), undefined)?.text).toBe('受理后起算');
    expect(dueBadgeView(caseDue(facts({ rule: 'none' })), undefined)?.text).toBe('无时限');
    expect(dueBadgeView(caseDue(facts({ rule: undefined })), undefined)?.text).toBe('无时限');
    // accepted without a deadline (FC18/FC22's late path): none runs
    expect(dueBadgeView(caseDue(facts({ rule: 'days', acceptedAt: '2026-12-04T09:00:00+08:00' })), undefined)?.text).toBe('无时限');
  });

  it('should read a case refused at intake as 无时限 where no limit will run: a timed case, or a 即办 filing the system refused', () => {
    expect(dueBadgeView(caseDue(facts({ rule: 'days', refused: true, startedAt: '2026-12-06T01:00:00Z' })), undefined)).toEqual({ text: '无时限', state: 'none' });
    expect(dueBadgeView(caseDue(facts({ rule: 'sameDay', refused: true, refusedBySystem: true, startedAt: '2026-12-06T01:00:00Z' })), undefined)).toEqual({ text: '无时限', state: 'none' });
  });

  it("should keep a 即办 case's registration day as its deadline when a clerk refused it (FC6/FC12–FC14's 不予受理), as the monitor's figures do", () => {
    const catalog = loadOfficeCatalog();
    for (const flowchart of [6, 12, 13, 14]) {
      const process = catalog.processes.find((entry) => entry.flowchart === flowchart)!;
      const startedAt = '2026-12-06T01:00:00Z';
      // (the figures read no 不予受理 at all — fromVariables takes no refusal notice —: only FC17's refusedBySystem
      // takes a 即办 case's day away)
      const figures = fromVariables({}, process, officeDateOfDateOrInstant(startedAt));
      expect(figures.deadlineDay, `FC${flowchart}`).toBe('2026-12-06');
      expect(caseDue(facts({ rule: limitRule(process.timeLimit), refused: true, startedAt })), `FC${flowchart}`).toEqual({ kind: 'deadline', deadline: figures.deadlineDay, registered: true });
    }
    // and FC17's system refusal has none, in both
    const fc17 = catalog.processes.find((entry) => entry.flowchart === 17)!;
    expect(fromVariables({ refusedBySystem: true }, fc17, '2026-12-06').deadlineDay).toBeNull();
    expect(caseDue(facts({ rule: limitRule(fc17.timeLimit), refused: true, refusedBySystem: true, startedAt: '2026-12-06T01:00:00Z' }))).toEqual({ kind: 'noLimit' });
  });

  it('should word a counted deadline by its working days, and show nothing while it is not counted', () => {
    const shown = caseDue(facts({ deadline: '2026-12-07' }));
    expect(dueBadgeView(shown, undefined)).toBeUndefined();
    expect(dueBadgeView(shown, counted(0, 'dueSoon'))).toEqual({ text: '今日到期', state: 'dueSoon', title: '到期日 2026-12-07' });
    expect(dueBadgeView(shown, counted(3, 'normal'))?.text).toBe('剩 3 个工作日');
    expect(dueBadgeView(shown, counted(-2, 'overdue'))).toMatchObject({ text: '逾期 2 个工作日', state: 'overdue' });
    expect(dueBadgeView(shown, { ...counted(5, 'normal'), provisional: true })?.text).toBe('剩 5 个工作日（暂定）');
    expect(dueBadgeView(shown, { ...counted(5, 'normal'), remainingWorkingDays: null })?.text).toBe('到期日无节假日数据');
  });

  it("should give a 即时办结 case the deadline day the monitor's figures give it", () => {
    const catalog = loadOfficeCatalog();
    const fc7 = catalog.processes.find((process) => process.flowchart === 7)!;
    // 00:30 on 12-07 in Xining, 16:30 on 12-06 in UTC: the read model's own conversion of the start gives the day
    // its figures count (read-model-feeder.ts), so a zone slip on either side shows here
    const startedAt = '2026-12-06T16:30:00.000Z';
    const figures = fromVariables({}, fc7, officeDateOfDateOrInstant(startedAt));
    expect(figures.deadlineDay).toBe('2026-12-07');
    expect(caseDue(facts({ rule: limitRule(fc7.timeLimit), startedAt }))).toEqual({ kind: 'deadline', deadline: figures.deadlineDay, registered: true });
  });
});
