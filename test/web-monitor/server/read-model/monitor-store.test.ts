/**
 * The month tables are sums of the day tables, kept by triggers; a period's figures read whole months from them and
 * the days at its ends from the day tables. The open figures come from count tables kept by triggers as well. These tests change cases and tasks every way the feeder does (insert,
 * end, re-end with other figures, move to another process or day) and compare the roll-ups and the period figures
 * with sums computed straight from the case and task rows. A file of an older schema is upgraded together with its
 * version, or not at all; one of a newer schema is refused.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  MonitorStore,
  spanParameters,
  type CaseRecord,
  type TaskRecord,
} from '../../../../web-monitor/server/read-model/monitor-store.js';
import { addDays } from '../../../../workers/lib/iso-date.js';

let directory: string;
let file: string;
let store: MonitorStore;
let db: Database.Database;

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'monitor-store-'));
  file = join(directory, 'monitor.sqlite');
  store = new MonitorStore(file);
  db = new Database(file);
});

afterEach(() => {
  db.close();
  store.close();
  rmSync(directory, { recursive: true, force: true });
});

/** A small deterministic pseudo-random sequence, so a failure repeats. */
function sequence(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

const pick = <T>(random: () => number, values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
const days = Array.from({ length: 120 }, (_, i) => addDays('2025-11-15', i)); // across a year's end and February

function someCase(random: () => number, key: number): CaseRecord {
  const startDay = pick(random, days);
  const state = pick(random, ['ACTIVE', 'COMPLETED', 'TERMINATED'] as const);
  const endDay = state === 'ACTIVE' ? null : addDays(startDay, Math.floor(random() * 20));
  return {
    processInstanceKey: String(key),
    processId: pick(random, ['a', 'b', 'c']),
    processDefinitionKey: '1',
    version: 1,
    state,
    startDate: `${startDay}T02:00:00.000Z`,
    endDate: endDay && `${endDay}T02:00:00.000Z`,
    startDay,
    endDay,
    hasIncident: false,
    acceptedDay: startDay,
    deadlineDay: addDays(startDay, 10),
    originalDeadlineDay: null,
    deadlineProvisional: false,
    applicant: null,
    cycleWorkingDays: state === 'COMPLETED' && random() < 0.9 ? Math.floor(random() * 5) : null,
    onTime: state === 'COMPLETED' ? pick(random, [true, false, null]) : null,
    figuresProvisional: false,
  };
}

function someTask(random: () => number, key: number): TaskRecord {
  const creationDay = pick(random, days);
  const state = pick(random, ['CREATED', 'COMPLETED', 'CANCELED'] as const);
  const completionDay = state === 'COMPLETED' ? addDays(creationDay, Math.floor(random() * 5)) : null;
  return {
    userTaskKey: String(key),
    processInstanceKey: String(key),
    processId: pick(random, ['a', 'b']),
    elementId: pick(random, ['review', 'approve']),
    name: 'step',
    state,
    assignee: pick(random, ['wang', 'li', null]),
    candidateGroups: ['g'],
    creationDate: `${creationDay}T02:00:00.000Z`,
    completionDate: completionDay && `${completionDay}T03:00:00.000Z`,
    dueDate: null,
    completionDay,
    handlingWorkingDays: completionDay === null ? null : pick(random, [0, 1, 2, null]),
  };
}

function fill(random: () => number): void {
  store.transaction(() => {
    for (let key = 1; key <= 600; key++) store.putCase(someCase(random, key));
    for (let key = 1; key <= 600; key++) store.putTask(someTask(random, key));
    // the feeder re-puts rows as they change: ended, re-ended with other figures, moved
    for (let round = 0; round < 400; round++) {
      const key = 1 + Math.floor(random() * 600);
      store.putCase({ ...someCase(random, key), processInstanceKey: String(key) });
      store.putTask({ ...someTask(random, key), userTaskKey: String(key) });
      if (random() < 0.2) store.closeTask(String(key));
      // the feeder finds how a completed case ended after it has put it (and an outcome stays when the case is put again)
      if (random() < 0.3) store.setOutcome(String(key), pick(random, ['notAccepted', 'granted', 'refused', '']));
    }
  });
}

const rows = (sql: string, ...parameters: unknown[]) => db.prepare(sql).all(...parameters) as Record<string, unknown>[];

describe('MonitorStore month tables', () => {
  it('should hold the sums of the day tables after inserts, updates and deletes', () => {
    fill(sequence(7));
    db.exec(`DELETE FROM daily_cases WHERE process_id = 'c' AND day LIKE '2026-01-%'; DELETE FROM daily_tasks WHERE element_id = 'approve' AND day < '2025-12-10'`);
    const monthsOfDays = (table: string, columns: string) =>
      rows(`SELECT substr(day, 1, 7) AS month, ${columns}, sum(n) AS n FROM ${table} GROUP BY 1, ${columns} HAVING sum(n) <> 0 ORDER BY 1, ${columns}`);
    const months = (table: string, columns: string) => rows(`SELECT month, ${columns}, n FROM ${table} WHERE n <> 0 ORDER BY 1, ${columns}`);
    const caseColumns = 'process_id, kind, cycle_wd, on_time';
    const taskColumns = 'process_id, element_id, assignee, handling_wd';
    expect(months('monthly_cases', caseColumns).length).toBeGreaterThan(10);
    expect(months('monthly_cases', caseColumns)).toEqual(monthsOfDays('daily_cases', caseColumns));
    expect(months('monthly_tasks', taskColumns).length).toBeGreaterThan(10);
    expect(months('monthly_tasks', taskColumns)).toEqual(monthsOfDays('daily_tasks', taskColumns));
  });

  it('should give every period the figures counted from the case and task rows', () => {
    fill(sequence(11));
    const random = sequence(3);
    const periods = [
      ['2025-11-15', '2026-03-14'],
      ['2025-12-01', '2026-01-31'],
      ['2025-12-01', '2025-12-31'],
      ['2025-12-02', '2025-12-30'],
      ['2026-02-28', '2026-03-01'],
      ['2025-11-30', '2026-02-01'],
      ...Array.from({ length: 20 }, () => [pick(random, days), pick(random, days)].sort()),
    ] as [string, string][];
    for (const [from, to] of periods) {
      const byKey = <T extends object>(list: T[]) => [...list].map((row) => JSON.stringify(row)).sort();
      expect(byKey(store.startedBetween(from, to)), `${from}–${to}`).toEqual(
        byKey(
          rows(
            `SELECT process_id AS processId, count(*) AS n FROM cases
             WHERE start_day BETWEEN ? AND ? AND outcome IS NOT 'notAccepted' GROUP BY 1`,
            from,
            to,
          ),
        ),
      );
      expect(byKey(store.endedBetween(from, to)), `${from}–${to}`).toEqual(
        byKey(
          rows(
            `SELECT process_id AS processId, CASE WHEN state = 'COMPLETED' AND outcome = 'notAccepted' THEN 'NOT_ACCEPTED' ELSE state END AS state,
               coalesce(cycle_wd, -1) AS cycleWorkingDays, coalesce(on_time, -1) AS onTime, count(*) AS n
             FROM cases WHERE state <> 'ACTIVE' AND end_day BETWEEN ? AND ? GROUP BY 1, 2, 3, 4`,
            from,
            to,
          ),
        ),
      );
      const completedTasks = (processId: string | null) =>
        rows(
          `SELECT process_id AS processId, element_id AS elementId, coalesce(assignee, '') AS assignee, coalesce(handling_wd, -1) AS handlingWorkingDays,
             count(*) AS n FROM tasks WHERE state = 'COMPLETED' AND completion_day BETWEEN ? AND ? AND (? IS NULL OR process_id = ?) GROUP BY 1, 2, 3, 4`,
          from,
          to,
          processId,
          processId,
        );
      expect(byKey(store.completedTasksBetween(from, to)), `${from}–${to}`).toEqual(byKey(completedTasks(null)));
      expect(byKey(store.completedTasksBetween(from, to, 'a')), `${from}–${to}`).toEqual(byKey(completedTasks('a')));
    }
  });

  it('should count a case that ended 不予受理 neither as 受理 nor as 办结, and keep its outcome when the feeder puts it again', () => {
    const random = sequence(7);
    const ended = { ...someCase(random, 1), state: 'COMPLETED' as const, startDay: '2026-01-05', endDay: '2026-01-06', endDate: '2026-01-06T02:00:00.000Z' };
    store.putCase(ended);
    expect(store.casesWithoutOutcome(10)).toEqual(['1']);
    store.setOutcome('1', 'notAccepted');
    store.putCase({ ...ended, applicant: '王秀英' });
    expect(store.getCase('1')?.outcome).toBe('notAccepted');
    expect(store.casesWithoutOutcome(10)).toEqual([]);
    expect(store.startedBetween('2026-01-01', '2026-01-31')).toEqual([]);
    expect(store.endedBetween('2026-01-01', '2026-01-31').map((bucket) => [bucket.state, bucket.n])).toEqual([['NOT_ACCEPTED', 1]]);
  });

  it('should give a completed case the outcome of its end event whichever arrives first, and follow a later end event', () => {
    const random = sequence(11);
    const open = { ...someCase(random, 1), state: 'ACTIVE' as const, startDay: '2026-01-05', endDay: null, endDate: null };
    const ended = { ...open, state: 'COMPLETED' as const, endDay: '2026-01-06', endDate: '2026-01-06T02:00:00.000Z' };
    const endEvent = (key: string, outcome: string) => ({
      processInstanceKey: key, elementInstanceKey: '9', elementId: 'end', elementName: '不予受理', endDate: '2026-01-06T02:00:00.000Z', outcome, side: false,
    });
    // the end event before the case (a rebuild whose end-event stream is ahead): the case takes it when it comes in completed
    store.putEndEvent(endEvent('1', 'notAccepted'));
    store.putCase(ended);
    expect(store.getCase('1')?.outcome).toBe('notAccepted');
    expect(store.endedBetween('2026-01-06', '2026-01-06').map((bucket) => [bucket.state, bucket.n])).toEqual([['NOT_ACCEPTED', 1]]);
    // the end event while the case is still open in the model: it takes it when it completes
    store.putCase({ ...open, processInstanceKey: '2' });
    store.putEndEvent(endEvent('2', 'refused'));
    expect(store.getCase('2')?.outcome).toBeNull();
    store.putCase({ ...ended, processInstanceKey: '2' });
    expect(store.getCase('2')?.outcome).toBe('refused');
    // a case looked up without an end event ('') takes one read later; a cancelled case takes none
    store.putCase({ ...ended, processInstanceKey: '3' });
    store.setOutcome('3', '');
    store.putEndEvent(endEvent('3', 'granted'));
    expect(store.getCase('3')?.outcome).toBe('granted');
    store.putCase({ ...ended, processInstanceKey: '4', state: 'TERMINATED' });
    store.putEndEvent(endEvent('4', 'granted'));
    expect(store.getCase('4')?.outcome).toBeNull();
    // a later end event replaces the one kept, and the day tables follow
    store.putEndEvent({ ...endEvent('1', 'granted'), elementInstanceKey: '10' });
    expect(store.getCase('1')?.outcome).toBe('granted');
    expect(store.endedBetween('2026-01-06', '2026-01-06').filter((bucket) => bucket.state === 'NOT_ACCEPTED')).toEqual([]);
    expect(store.endEventOf('1')).toMatchObject({ elementInstanceKey: '10', outcome: 'granted' });
    expect(store.casesWithoutOutcome(10)).toEqual([]);
  });

  it('should prune only the end events no case needs any more, looking at a bounded batch a call, oldest first', () => {
    const random = sequence(13);
    const at = (day: string) => `${day}T02:00:00.000Z`;
    const caseOn = (key: string, state: 'ACTIVE' | 'COMPLETED' | 'TERMINATED', endDay: string | null) => store.putCase({
      ...someCase(random, Number(key)), processInstanceKey: key, state, startDay: '2026-01-02', startDate: at('2026-01-02'),
      endDay, endDate: endDay && at(endDay),
    });
    const endEvent = (key: string, day: string, side = false) => store.putEndEvent({
      processInstanceKey: key, elementInstanceKey: `9${key}`, elementId: side ? 'endEscalated' : 'end', elementName: side ? '督办完毕' : '办结',
      endDate: at(day), outcome: 'granted', side,
    });
    // (before: 2026-01-10; the started cases' stream: 2026-01-08)
    caseOn('1', 'COMPLETED', '2026-01-05'); endEvent('1', '2026-01-05'); // completed, has its outcome: pruned
    caseOn('2', 'ACTIVE', null); endEvent('2', '2026-01-05'); // open (a side path's end, or the main path's before 督办完毕): kept
    caseOn('3', 'TERMINATED', '2026-01-06'); endEvent('3', '2026-01-04'); // cancelled: pruned
    caseOn('4', 'COMPLETED', '2026-01-06'); endEvent('4', '2026-01-06', true); // a side path's, waiting for a lookup by key: kept
    caseOn('5', 'COMPLETED', '2026-01-06'); endEvent('5', '2026-01-06', true); store.markLookedUp('5'); // looked up: pruned
    caseOn('6', 'COMPLETED', '2026-01-11'); endEvent('6', '2026-01-07'); // its case ended after `before` (the stream may read more): kept
    endEvent('7', '2026-01-07'); // no case, before the started cases' stream: a called process's, pruned
    endEvent('8', '2026-01-09'); // no case, after it (the case may not be read yet): kept
    caseOn('9', 'COMPLETED', '2026-01-12'); endEvent('9', '2026-01-12'); // newer than `before`: not looked at
    const kept = () => (db.prepare('SELECT process_instance_key AS key FROM case_end_events ORDER BY 1').all() as { key: string }[]).map((row) => row.key);
    const outcomes = () => ['1', '3', '4', '5'].map((key) => store.getCase(key)?.outcome);
    const outcomesBefore = outcomes();

    // three at a time, each call going on after the last row the one before looked at
    const first = store.pruneEndEvents(at('2026-01-10'), at('2026-01-08'), 3);
    expect(first).toEqual({ last: { endDate: at('2026-01-05'), processInstanceKey: '2' } }); // 3, 1, 2
    expect(kept()).toEqual(['2', '4', '5', '6', '7', '8', '9']);
    const second = store.pruneEndEvents(at('2026-01-10'), at('2026-01-08'), 3, first.last);
    expect(second).toEqual({ last: { endDate: at('2026-01-07'), processInstanceKey: '6' } }); // 4, 5, 6
    expect(kept()).toEqual(['2', '4', '6', '7', '8', '9']);
    const third = store.pruneEndEvents(at('2026-01-10'), at('2026-01-08'), 3, second.last);
    expect(third).toEqual({ last: undefined }); // 7, 8: fewer than three, the lap ends

    expect(kept()).toEqual(['2', '4', '6', '8', '9']);
    expect(outcomes()).toEqual(outcomesBefore);
    // the next lap finds nothing more to prune
    expect(store.pruneEndEvents(at('2026-01-10'), at('2026-01-08'), 10)).toEqual({ last: undefined });
    expect(kept()).toEqual(['2', '4', '6', '8', '9']);

    // a case the cluster showed late, whose end event was pruned as no case's (7), completes in the model: without
    // an end event, it is looked up by its key (the feeder's recovery, feeder-pruning.test.ts)
    caseOn('7', 'COMPLETED', '2026-01-07');
    expect(store.getCase('7')?.outcome).toBeNull();
    expect(store.casesWithoutOutcome(10)).toContain('7');
  });

  it('should read whole months from the month tables and only the days at the ends from the day tables', () => {
    expect(spanParameters('2025-11-15', '2026-03-14')).toEqual({
      headFrom: '2025-11-15', headTo: '2025-11-30', firstMonth: '2025-12', lastMonth: '2026-02', tailFrom: '2026-03-01', tailTo: '2026-03-14',
    });
    expect(spanParameters('2026-02-01', '2026-02-28')).toMatchObject({ firstMonth: '2026-02', lastMonth: '2026-02', headFrom: '2026-02-01', headTo: '2026-01-31' });
    expect(spanParameters('2026-02-02', '2026-02-27')).toMatchObject({ headFrom: '2026-02-02', headTo: '2026-02-27', firstMonth: '1', lastMonth: '0' });
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN SELECT sum(n) FROM monthly_cases WHERE month BETWEEN '2024-01' AND '2026-11' AND kind <> 'started'`)
      .all() as { detail: string }[];
    expect(plan.map((step) => step.detail).join('\n')).toMatch(/SEARCH monthly_cases USING PRIMARY KEY \(month>\? AND month<\?\)/);
  });

  it('should fill the month tables of a schema-1 file from its day tables when it opens it', () => {
    fill(sequence(5));
    const expected = rows(`SELECT * FROM monthly_cases WHERE n <> 0 ORDER BY 1, 2, 3, 4, 5`);
    db.exec(`DELETE FROM monthly_cases; DELETE FROM monthly_tasks; UPDATE meta SET value = '1' WHERE name = 'schemaVersion'`);
    store.close();
    store = new MonitorStore(file);
    expect(rows(`SELECT * FROM monthly_cases WHERE n <> 0 ORDER BY 1, 2, 3, 4, 5`)).toEqual(expected);
    expect(store.meta('schemaVersion')).toBe('5');
  });
});

describe('MonitorStore open counts', () => {
  /** Open cases and tasks changed every way the feeder changes them: deadlines set and moved, incidents, claims, ends. */
  function change(random: () => number): void {
    fill(random);
    store.transaction(() => {
      for (let round = 0; round < 300; round++) {
        const key = String(1 + Math.floor(random() * 600));
        const record = store.getCase(key)!;
        const deadlineDay = pick(random, [null, record.deadlineDay, pick(random, days)]);
        store.putCase({ ...record, deadlineDay, processId: random() < 0.1 ? pick(random, ['a', 'b', 'c']) : record.processId });
        const task = store.getTask(key)!;
        store.putTask({ ...task, assignee: pick(random, ['wang', 'li', 'zhao', null]), candidateGroups: pick(random, [['g'], ['g', 'h'], []]) });
      }
      store.markIncidents(Array.from({ length: 80 }, () => String(1 + Math.floor(random() * 600))));
    });
    store.markIncidents(Array.from({ length: 50 }, () => String(1 + Math.floor(random() * 600))));
  }

  it('should count the open cases and tasks as the rows do, for any day', () => {
    change(sequence(13));
    db.exec(`DELETE FROM cases WHERE process_instance_key IN ('5', '6', '7'); DELETE FROM tasks WHERE user_task_key IN ('8', '9')`);
    const byKey = <T extends object>(list: T[]) => [...list].map((row) => JSON.stringify(row)).sort();
    const seen: Record<string, unknown>[] = [];
    for (const [today, dueSoonUntil] of [['2025-12-01', '2025-12-05'], ['2026-01-10', '2026-01-20'], ['2026-03-20', '2026-03-20']] as const) {
      const expected = rows(
        `SELECT process_id AS processId, count(*) AS open, coalesce(sum(deadline_day < ?), 0) AS overdue,
           coalesce(sum(deadline_day >= ? AND deadline_day <= ?), 0) AS dueSoon, sum(has_incident) AS withIncident, sum(deadline_day IS NULL) AS noDeadline
         FROM cases WHERE state = 'ACTIVE' GROUP BY process_id`,
        today,
        today,
        dueSoonUntil,
      );
      expect(byKey(store.openCaseCounts(today, dueSoonUntil)), today).toEqual(byKey(expected));
      seen.push(...expected);
    }
    for (const figure of ['overdue', 'dueSoon', 'withIncident', 'noDeadline']) expect(seen.some((row) => Number(row[figure]) > 0), figure).toBe(true);
    expect(byKey(store.openTasksByStep())).toEqual(
      byKey(rows(`SELECT process_id AS processId, element_id AS elementId, max(name) AS name, count(*) AS n FROM tasks WHERE state = 'CREATED' GROUP BY 1, 2`)),
    );
    const groups = rows(`SELECT g.value AS groupId, count(*) AS n FROM tasks t, json_each(t.candidate_groups) g WHERE t.state = 'CREATED' GROUP BY g.value`);
    expect(groups.map((group) => group.groupId)).toEqual(['g', 'h']);
    expect(store.openTasksByGroup()).toEqual(groups);
    const assignees = rows(`SELECT assignee, count(*) AS n FROM tasks WHERE state = 'CREATED' AND assignee IS NOT NULL GROUP BY assignee`);
    expect(assignees).toHaveLength(3);
    expect(store.openTasksByAssignee()).toEqual(assignees);
    // no row of a count table is left at 0
    expect(rows(`SELECT * FROM open_case_counts WHERE n <= 0`)).toEqual([]);
    expect(rows(`SELECT * FROM open_task_counts WHERE n <= 0`)).toEqual([]);
  });

  it('should fill the open counts of a schema-2 file from its rows when it opens it', () => {
    change(sequence(17));
    const expected = { cases: store.openCaseCounts('2026-01-10', '2026-01-20'), steps: store.openTasksByStep(), groups: store.openTasksByGroup() };
    db.exec(`DELETE FROM open_case_counts; DELETE FROM open_task_counts; UPDATE meta SET value = '2' WHERE name = 'schemaVersion'`);
    store.close();
    store = new MonitorStore(file);
    expect({ cases: store.openCaseCounts('2026-01-10', '2026-01-20'), steps: store.openTasksByStep(), groups: store.openTasksByGroup() }).toEqual(expected);
    expect(expected.cases.length).toBe(3);
    expect(store.meta('schemaVersion')).toBe('5');
  });

  it('should add the outcome column to a schema-3 file and count its cases as before until their outcomes are known', () => {
    // given a schema-3 file: no outcome column, the triggers of then
    fill(sequence(9));
    db.exec(`UPDATE cases SET outcome = NULL`);
    const before = rows(`SELECT * FROM monthly_cases WHERE n <> 0 ORDER BY 1, 2, 3, 4, 5`);
    db.exec(`DROP INDEX cases_outcome_unknown;
      DROP TRIGGER cases_started_insert; DROP TRIGGER cases_started_update; DROP TRIGGER cases_ended_insert; DROP TRIGGER cases_ended_update;
      DROP TABLE case_end_events;
      ALTER TABLE cases DROP COLUMN outcome; UPDATE meta SET value = '3' WHERE name = 'schemaVersion'`);
    store.close();

    // when the monitor opens it
    store = new MonitorStore(file);

    // then it is schema 5, the figures are as they were, and a case found 不予受理 leaves 办结
    expect(store.meta('schemaVersion')).toBe('5');
    expect(rows(`SELECT * FROM monthly_cases WHERE n <> 0 ORDER BY 1, 2, 3, 4, 5`)).toEqual(before);
    const [key] = store.casesWithoutOutcome(1);
    const record = store.getCase(key!)!;
    store.setOutcome(key!, 'notAccepted');
    const ended = store.endedBetween(record.endDay!, record.endDay!);
    expect(ended.filter((bucket) => bucket.processId === record.processId && bucket.state === 'NOT_ACCEPTED').map((bucket) => bucket.n)).toEqual([1]);
  });

  it('should leave a schema-2 file as it was when the upgrade fails before it has set the new version, and upgrade it on the next open', () => {
    // given a schema-2 file whose version cannot be set (as if the monitor stopped right there)
    change(sequence(19));
    const expected = store.openCaseCounts('2026-01-10', '2026-01-20');
    db.exec(`DELETE FROM open_case_counts; DELETE FROM open_task_counts; UPDATE meta SET value = '2' WHERE name = 'schemaVersion'`);
    db.exec(`CREATE TRIGGER stop_at_version BEFORE UPDATE ON meta WHEN NEW.name = 'schemaVersion' BEGIN SELECT RAISE(ABORT, 'stopped'); END`);
    store.close();

    // when the monitor opens it
    expect(() => new MonitorStore(file)).toThrow('stopped');

    // then the file still is schema 2, without the counts the upgrade filled
    expect(rows(`SELECT value FROM meta WHERE name = 'schemaVersion'`)).toEqual([{ value: '2' }]);
    expect(rows(`SELECT count(*) AS n FROM open_case_counts`)).toEqual([{ n: 0 }]);

    // when the next start opens it
    db.exec(`DROP TRIGGER stop_at_version`);
    store = new MonitorStore(file);

    // then it is schema 5 with its counts
    expect(store.meta('schemaVersion')).toBe('5');
    expect(store.openCaseCounts('2026-01-10', '2026-01-20')).toEqual(expected);
  });

  it('should close a damaged file it cannot open', () => {
    // given a file that is not a database
    const damaged = join(directory, 'damaged.sqlite');
    writeFileSync(damaged, Buffer.alloc(8192, 'x'));
    const handlesOn = (path: string) => readdirSync('/proc/self/fd').filter((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`) === path;
      } catch {
        return false; // (closed while listed)
      }
    }).length;

    // then each open fails and leaves no handle on it
    for (let i = 0; i < 3; i++) expect(() => new MonitorStore(damaged)).toThrow('not a database');
    expect(handlesOn(damaged)).toBe(0);
  });

  it('should refuse a file of a newer schema and leave it as it is', () => {
    // given a file a newer monitor wrote
    db.exec(`UPDATE meta SET value = '6' WHERE name = 'schemaVersion'`);
    store.close();

    // then
    expect(() => new MonitorStore(file)).toThrow('written by a newer monitor (schema 6); this one knows schema 5');
    expect(rows(`SELECT value FROM meta WHERE name = 'schemaVersion'`)).toEqual([{ value: '6' }]);
  });
});

/** The DDL of schema-4 files as monitors wrote them (fixtures/): the store of f292d97, and what 9471a43..5843f38 added. */
const fixture = (name: string) => readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'fixtures', name), 'utf8');

describe('MonitorStore on a schema-4 file', () => {
  /** A schema-4 file made by the store of f292d97 (and then opened by that of 5843f38, with `endEvents`). */
  function schema4File(name: string, endEvents: boolean): Database.Database {
    const old = new Database(join(directory, name));
    old.exec(fixture('monitor-schema-4-f292d97.sql'));
    if (endEvents) old.exec(fixture('monitor-schema-4-end-events.sql'));
    old.exec(`INSERT INTO meta (name, value) VALUES ('schemaVersion', '4')`);
    return old;
  }
  const columns = ['process_instance_key', 'process_id', 'process_definition_key', 'version', 'state', 'start_date', 'end_date', 'start_day',
    'end_day', 'has_incident', 'accepted_day', 'deadline_day', 'original_deadline_day', 'deadline_provisional', 'applicant', 'cycle_wd',
    'on_time', 'figures_provisional'];
  /** The upsert of cases of those stores (every column but the outcome). */
  const oldPutCase = `INSERT INTO cases (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})
    ON CONFLICT (process_instance_key) DO UPDATE SET ${columns.slice(1).map((c) => `${c} = excluded.${c}`).join(', ')}`;
  const open = ['7', 'a', '1', 1, 'ACTIVE', '2026-01-05T02:00:00.000Z', null, '2026-01-05', null, 0, '2026-01-05', '2026-01-15', null, 0, null, null, null, 0];
  const completed = [...open.slice(0, 4), 'COMPLETED', open[5], '2026-01-06T02:00:00.000Z', open[7], '2026-01-06', ...open.slice(9, 15), 1, 1, 0];
  const endedKinds = (s: MonitorStore, from: string, to: string) =>
    s.endedBetween(from, to).map((bucket) => [bucket.state, bucket.n]);
  /** What the store says before it upgrades a schema-4 file. */
  const upgrading4 =
    '[monitor] upgrading the read model from schema 4 to schema 5, once: its cases are read to count the day and month tables again (a large file takes a few seconds)';

  it('should say before it upgrades a file of f292d97 and how long it took after, and nothing when it opens it again or a new file', () => {
    // given a file of f292d97's store (no end events kept: no index to make) with its cases
    const old = schema4File('f292d97-log.sqlite', false);
    old.prepare(oldPutCase).run(...open);
    old.prepare(oldPutCase).run('8', ...completed.slice(1));
    old.close();
    const lines: string[] = [];
    const log = (line: string) => lines.push(line);

    // when this store opens it
    const upgraded = new MonitorStore(join(directory, 'f292d97-log.sqlite'), { log });
    try {
      // then it said what it does and why it may take a while before, and how long it took once it was done
      expect(lines).toEqual([
        upgrading4,
        expect.stringMatching(/^\[monitor\] read model upgraded from schema 4 to schema 5 \(revision 2\) in \d+\.\d s: tasks\.look_up added$/),
      ]);
      expect(upgraded.endedBetween('2026-01-06', '2026-01-06').map((bucket) => [bucket.state, bucket.n])).toEqual([['COMPLETED', 1]]);
    } finally {
      upgraded.close();
    }

    // when it opens the file again, and a new file beside it
    new MonitorStore(join(directory, 'f292d97-log.sqlite'), { log }).close();
    new MonitorStore(join(directory, 'fresh-monitor.sqlite'), { log }).close();

    // then it says nothing more
    expect(lines).toHaveLength(2);
  });

  it('should count a case ended at 不予受理 once, not also as 办结, in a file the store of f292d97 made', () => {
    // given a file of f292d97's store with an open case
    const old = schema4File('f292d97.sqlite', false);
    old.prepare(oldPutCase).run(...open);
    old.close();

    // when this store opens it, reads the case's end event, then the case completed (the order of a pass)
    const upgraded = new MonitorStore(join(directory, 'f292d97.sqlite'));
    try {
      upgraded.putEndEvent({
        processInstanceKey: '7', elementInstanceKey: '70', elementId: 'endNotAccepted', elementName: '不予受理',
        endDate: '2026-01-06T02:00:00.000Z', outcome: 'notAccepted', side: false,
      });
      upgraded.putCase({ ...upgraded.getCase('7')!, state: 'COMPLETED', endDate: '2026-01-06T02:00:00.000Z', endDay: '2026-01-06', cycleWorkingDays: 1, onTime: true });
      // and one the other way round: completed first, its end event after
      upgraded.putCase({ ...upgraded.getCase('7')!, processInstanceKey: '8' });
      upgraded.putEndEvent({
        processInstanceKey: '8', elementInstanceKey: '80', elementId: 'endNotAccepted', elementName: '不予受理',
        endDate: '2026-01-06T02:00:00.000Z', outcome: 'notAccepted', side: false,
      });

      // then each is counted once, as 不予受理 (the day, and January from the month table)
      expect(endedKinds(upgraded, '2026-01-06', '2026-01-06')).toEqual([['NOT_ACCEPTED', 2]]);
      expect(endedKinds(upgraded, '2026-01-01', '2026-01-31')).toEqual([['NOT_ACCEPTED', 2]]);
      expect(upgraded.startedBetween('2026-01-01', '2026-01-31')).toEqual([]);
      expect(upgraded.meta('schemaVersion')).toBe('5');
    } finally {
      upgraded.close();
    }
  });

  it('should count again the ends a file opened by the store of 5843f38 counted twice, and drop its triggers on cases', () => {
    // given a file of f292d97's store opened by that of 5843f38, where a case ended at 不予受理 counted twice
    const old = schema4File('5843f38.sqlite', true);
    old.prepare(oldPutCase).run(...open);
    old.prepare(`INSERT INTO case_end_events VALUES ('7', '70', 'endNotAccepted', '不予受理', '2026-01-06T02:00:00.000Z', 'notAccepted')`).run();
    old.prepare(oldPutCase).run(...completed);
    const wrong = old.prepare(`SELECT kind, n FROM daily_cases WHERE day = '2026-01-06' AND n <> 0 ORDER BY kind`).all();
    expect(wrong).toEqual([{ kind: 'COMPLETED', n: 1 }, { kind: 'NOT_ACCEPTED', n: 1 }]);
    // and a reminder's end event kept for a case whose main-path end had not been read
    old.prepare(oldPutCase).run('9', ...completed.slice(1));
    old.prepare(`INSERT INTO case_end_events VALUES ('9', '90', 'endEscalated', '督办完毕', '2026-01-06T03:00:00.000Z', 'granted')`).run();
    // and a reminder's known by its id only (a process instance of no case: a called process's)
    old.prepare(`INSERT INTO case_end_events VALUES ('10', '100', 'endFirstReviewReminded', NULL, '2026-01-06T03:00:00.000Z', 'granted')`).run();
    old.close();

    // when this store opens it
    const lines: string[] = [];
    const upgraded = new MonitorStore(join(directory, '5843f38.sqlite'), { log: (line) => lines.push(line) });
    try {
      // then the ends are counted from the cases: one 不予受理, one 办结 (the escalated case, until its lookup)
      expect(endedKinds(upgraded, '2026-01-06', '2026-01-06').sort()).toEqual([['COMPLETED', 1], ['NOT_ACCEPTED', 1]]);
      expect(endedKinds(upgraded, '2026-01-01', '2026-01-31').sort()).toEqual([['COMPLETED', 1], ['NOT_ACCEPTED', 1]]);
      expect(upgraded.startedBetween('2026-01-01', '2026-01-31')).toEqual([{ processId: 'a', n: 1 }]);
      const check = new Database(join(directory, '5843f38.sqlite'), { readonly: true });
      expect(check.prepare(`SELECT name FROM sqlite_master WHERE name LIKE 'cases_outcome_%' AND type = 'trigger'`).all()).toEqual([]);
      check.close();
      // the side path's end event is known as such, and its case is to be looked up by its key, once
      expect(upgraded.endEventOf('9')).toMatchObject({ side: true });
      expect(upgraded.endEventOf('10')).toMatchObject({ side: true });
      expect(upgraded.endEventOf('7')).toMatchObject({ side: false });
      expect(upgraded.casesWithoutOutcome(10)).toEqual(['9']);
      upgraded.markLookedUp('9');
      expect(upgraded.casesWithoutOutcome(10)).toEqual([]);
      // and it said so, schema 5's additions made with the rest (the end events' index made with their table's columns)
      expect(lines).toEqual([
        upgrading4,
        '[monitor] indexing the kept end events by date (case_end_events_end), once: a large file takes a few seconds',
        expect.stringMatching(/^\[monitor\] read model upgraded from schema 4 to schema 5 \(revision 2\) in \d+\.\d s: tasks\.look_up added, case_end_events_end added$/),
      ]);
      expect(upgraded.meta('schemaRevision')).toBe('2');
    } finally {
      upgraded.close();
    }
  });
});

describe('MonitorStore on a schema-5 file of an earlier revision', () => {
  const indexing = '[monitor] indexing the kept end events by date (case_end_events_end), once: a large file takes a few seconds';
  /**
   * A file as the store of d27caea made it (schema 5, no revision: neither tasks.look_up nor the end events' index),
   * with an open task and an end event.
   */
  function d27caeaFile(name: string): string {
    const path = join(directory, name);
    const old = new Database(path);
    old.exec(fixture('monitor-schema-5-d27caea.sql'));
    old.exec(`INSERT INTO meta (name, value) VALUES ('schemaVersion', '5')`);
    old.prepare(`INSERT INTO tasks (user_task_key, process_instance_key, process_id, element_id, name, state, assignee, candidate_groups,
      creation_date, completion_date, due_date, completion_day, handling_wd) VALUES ('71', '7', 'a', 'review', '初审', 'CREATED', NULL, '["g"]',
      '2026-01-05T02:00:00.000Z', NULL, NULL, NULL, NULL)`).run();
    old.prepare(`INSERT INTO case_end_events VALUES ('8', '80', 'end', '办结', '2026-01-06T02:00:00.000Z', 'granted', 0, 0)`).run();
    old.close();
    return path;
  }
  const indexes = (path: string) => {
    const check = new Database(path, { readonly: true });
    try {
      return check.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'case_end_events_end'`).all();
    } finally {
      check.close();
    }
  };

  it('should add tasks.look_up and the end events\' index to a file of d27caea, say so, and record revision 2', () => {
    // given a file of d27caea's store
    const path = d27caeaFile('d27caea.sqlite');
    const lines: string[] = [];
    const log = (line: string) => lines.push(line);

    // when this store opens it
    const upgraded = new MonitorStore(path, { log });
    try {
      // then it said it indexes before it did, and the upgrade once it was made
      expect(lines).toEqual([
        indexing,
        expect.stringMatching(/^\[monitor\] read model upgraded from schema 5 \(revision 0\) to schema 5 \(revision 2\) in \d+\.\d s: tasks\.look_up added, case_end_events_end added$/),
      ]);
      expect(upgraded.meta('schemaRevision')).toBe('2');
      expect(upgraded.meta('schemaVersion')).toBe('5');
      expect(indexes(path)).toHaveLength(1);
      // and the rows it held work with what was added: the open task, unflagged, is flagged and looked up as in a new file
      expect(upgraded.getTask('71')).toMatchObject({ state: 'CREATED' });
      expect(upgraded.tasksClosedByCaseEnd()).toEqual([]);
      upgraded.closeTaskByCaseEnd('71');
      expect(upgraded.tasksClosedByCaseEnd()).toEqual(['71']);
      upgraded.taskLookedUp('71');
      expect(upgraded.tasksClosedByCaseEnd()).toEqual([]);
      // the end event (no case: a called process's) is pruned by date
      upgraded.pruneEndEvents('2026-02-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z', 10);
      expect(upgraded.endEventOf('8')).toBeUndefined();
    } finally {
      upgraded.close();
    }

    // when it opens it again, and a new file is made beside it
    new MonitorStore(path, { log }).close();
    new MonitorStore(join(dirname(path), 'new-monitor.sqlite'), { log }).close();

    // then there is nothing more to say: a file made whole at this revision upgrades nothing
    expect(lines).toHaveLength(2);
  });

  it('should add only the index to a file of 598c752 (tasks.look_up without a revision), and only record the revision of one of e9c7998', () => {
    // given a file a monitor of 598c752 opened: tasks.look_up added in place, no index of the end events by date
    const path = d27caeaFile('598c752.sqlite');
    const old = new Database(path);
    old.exec('ALTER TABLE tasks ADD COLUMN look_up INTEGER NOT NULL DEFAULT 0');
    old.close();
    const lines: string[] = [];

    // when this store opens it
    new MonitorStore(path, { log: (line) => lines.push(line) }).close();

    // then it makes the index alone
    expect(lines).toEqual([
      indexing,
      expect.stringMatching(/^\[monitor\] read model upgraded from schema 5 \(revision 0\) to schema 5 \(revision 2\) in \d+\.\d s: case_end_events_end added$/),
    ]);
    expect(indexes(path)).toHaveLength(1);

    // given a file a monitor of 6e8e96b..e9c7998 kept: both made on open, still no revision
    db.exec(`DELETE FROM meta WHERE name = 'schemaRevision'`);
    store.close();
    lines.length = 0;

    // when this store opens it, then it only records the revision
    store = new MonitorStore(file, { log: (line) => lines.push(line) });
    expect(lines).toEqual([expect.stringMatching(/^\[monitor\] read model upgraded from schema 5 \(revision 0\) to schema 5 \(revision 2\) in \d+\.\d s$/)]);
    expect(store.meta('schemaRevision')).toBe('2');
  });

  it('should open a file of a later revision (a newer monitor\'s additions to schema 5) as it is, keeping its revision', () => {
    // given a file a newer monitor of schema 5 wrote
    db.exec(`UPDATE meta SET value = '3' WHERE name = 'schemaRevision'`);
    store.close();
    const lines: string[] = [];

    // when this store opens it
    store = new MonitorStore(file, { log: (line) => lines.push(line) });

    // then it reads it, says nothing, and leaves its revision
    expect(store.meta('schemaRevision')).toBe('3');
    expect(lines).toEqual([]);
  });
});
