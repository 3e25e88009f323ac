/**
 * The monitor case page's own repairs over reads that lag (web-monitor/src/own-repairs.ts): an incident held by its
 * key until a read no longer lists it, a variable's value as sent until a read shows it (a truncated read when it
 * begins so) or shows a third value (someone set it since), a cancellation until a read shows the case ended, the
 * diagram's counts and the steps over them, and every repair dropped after the bound even while no read answers.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ElementInstance, ElementStatistics, Incident, ProcessInstance, Variable } from '../../web-shared/src/api/camunda-types.js';
import { OWN_REPAIR_MAX_MS, OwnRepairs, repairsOf } from '../../web-monitor/src/own-repairs.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('OwnRepairs', () => {
  it('should hold a resolved incident by its key until a read no longer lists it, a new incident untouched', () => {
    // given
    const repairs = new OwnRepairs();
    repairs.resolved(incident('11'));

    // when a lagging read still lists it, with a new failure beside it
    repairs.readIncidents([incident('11'), incident('12')]);

    // then
    expect(repairs.isResolved('11')).toBe(true);
    expect(repairs.isResolved('12')).toBe(false);

    // when a read no longer lists it
    repairs.readIncidents([incident('12')]);

    // then
    expect(repairs.isResolved('11')).toBe(false);
    expect(repairs.holding()).toBe(false);
  });

  it("should show a variable's value as sent until a read shows it, a truncated read when it begins so", () => {
    // given
    const repairs = new OwnRepairs();
    repairs.set('1', 'note', { text: '新值' }, '{"text":"原值"}');
    repairs.set('1', 'remark', 'x'.repeat(50), '"old"');

    // when a lagging read shows the old values
    repairs.readVariables([variable('note', '{"text":"原值"}'), variable('remark', '"old"')]);

    // then the page shows the values as sent, marked
    expect(repairs.variableOf(variable('note', '{"text":"原值"}'))).toMatchObject({ value: '{"text":"新值"}', submitted: true, isTruncated: false });
    expect(repairs.variableOf(variable('other', '1'))).toEqual(variable('other', '1'));

    // when a read shows them (formatted otherwise, truncated)
    repairs.readVariables([variable('note', '{ "text": "新值" }'), { ...variable('remark', `"${'x'.repeat(10)}`), isTruncated: true }]);

    // then
    expect(repairs.variableOf(variable('note', '{ "text": "新值" }')).submitted).toBeUndefined();
    expect(repairs.holding()).toBe(false);
  });

  it('should let a variable go when a read shows a third value: someone set it after the page did', () => {
    // given
    const repairs = new OwnRepairs();
    repairs.set('1', 'note', '新值', '"原值"');

    // when a lagging read shows the value from before
    repairs.readVariables([variable('note', '"原值"')]);

    // then
    expect(repairs.variableOf(variable('note', '"原值"')).value).toBe('"新值"');

    // when the manager corrects it again, and a lagging read shows the first value sent, then the one before it
    repairs.set('1', 'note', '第三值', '"新值"');
    repairs.readVariables([variable('note', '"新值"')]);
    repairs.readVariables([variable('note', '"原值"')]);

    // then the last value sent is still shown
    expect(repairs.variableOf(variable('note', '"原值"')).value).toBe('"第三值"');

    // when a read shows none of them (a colleague or the retried job set it since)
    repairs.readVariables([variable('note', '"同事的值"')]);

    // then the page shows what the server says
    expect(repairs.variableOf(variable('note', '"同事的值"'))).toEqual(variable('note', '"同事的值"'));
    expect(repairs.holding()).toBe(false);
  });

  it('should show a cancelled case as 已撤销 until a read shows it ended, its steps ended and nothing of it active in reads sent before that one', () => {
    // given
    const repairs = new OwnRepairs();
    repairs.canceled();

    // when a lagging read still shows it active
    repairs.readInstance(instance('ACTIVE'));

    // then
    expect(repairs.stateOf(instance('ACTIVE'))).toEqual({ state: 'TERMINATED', submitted: true });
    const sentBefore = Date.now();
    expect(repairs.isCanceled(sentBefore)).toBe(true);
    expect(repairs.statisticsOf([statistics('check', { active: 1 }), statistics('review', { incidents: 1 }), statistics('start', { completed: 1 })], [], '1', sentBefore)).toEqual([
      statistics('check', { canceled: 1 }),
      statistics('review', { canceled: 1 }),
      statistics('start', { completed: 1 }),
    ]);
    expect(repairs.stepOf(step('70', { hasIncident: true }), sentBefore)).toMatchObject({ state: 'TERMINATED', hasIncident: false });

    // when a read shows it ended
    vi.useFakeTimers({ toFake: ['Date'], now: sentBefore + 1 });
    repairs.readInstance(instance('TERMINATED'));

    // then the case is as the server says, a panel's read sent before that one still shows it ended, a later one as it is
    expect(repairs.holding()).toBe(false);
    expect(repairs.stateOf(instance('ACTIVE')).submitted).toBe(false);
    expect(repairs.isCanceled(sentBefore)).toBe(true);
    expect(repairs.stepOf(step('70', {}), sentBefore).state).toBe('TERMINATED');
    vi.setSystemTime(sentBefore + 2);
    expect(repairs.isCanceled(Date.now())).toBe(false);
    expect(repairs.stepOf(step('70', {}), Date.now()).state).toBe('ACTIVE');
    expect(repairs.lapsed()).toBe(false);
  });

  it("should show a resolved incident's element active again and its step without the incident, only for that incident", () => {
    // given an incident of the case beside another on the same element, and one of a called case
    const repairs = new OwnRepairs();
    const resolved = incident('11', { elementId: 'check', elementInstanceKey: '70' });
    const other = incident('13', { elementId: 'check', elementInstanceKey: '71' });
    const called = incident('12', { elementId: 'review', elementInstanceKey: '80', processInstanceKey: '2' });
    repairs.resolved(resolved);
    repairs.resolved(called);

    // then, over a lagging read that still lists them all
    const now = Date.now();
    expect(repairs.statisticsOf([statistics('check', { incidents: 2 }), statistics('review', { incidents: 1 })], [resolved, other, called], '1', now)).toEqual([
      statistics('check', { incidents: 1, active: 1 }),
      statistics('review', { incidents: 1 }),
    ]);
    expect(repairs.stepOf(step('70', { hasIncident: true }), now).hasIncident).toBe(false);
    expect(repairs.stepOf(step('71', { hasIncident: true }), now).hasIncident).toBe(true);

    // when the read that no longer lists it lists a new failure of the retried job on that element
    const again = incident('14', { elementId: 'check', elementInstanceKey: '70' });
    repairs.readIncidents([other, called, again]);

    // then the element and the step keep the marks of their open incidents
    expect(repairs.statisticsOf([statistics('check', { incidents: 2 })], [other, called, again], '1', now)).toEqual([statistics('check', { incidents: 2 })]);
    expect(repairs.stepOf(step('70', { hasIncident: true, incidentKey: '14' }), now).hasIncident).toBe(true);
    expect(repairs.stepOf(step('70', { hasIncident: true, incidentKey: '11' }), now).hasIncident).toBe(false);
  });

  it('should drop every repair after the bound, even while no read answers, and note that it could not confirm them', () => {
    // given
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-03-02T02:00:00.000Z') });
    const repairs = new OwnRepairs();
    repairs.canceled();
    repairs.resolved(incident('11'));
    repairs.set('1', 'note', '新值', '"原值"');
    const changes: number[] = [];
    repairs.subscribe(() => changes.push(1));

    // when no read answers until just before the bound
    vi.setSystemTime(Date.now() + OWN_REPAIR_MAX_MS - 1);

    // then all is held
    repairs.expire();
    expect(repairs.holding()).toBe(true);
    expect(repairs.lapsed()).toBe(false);

    // when the bound is reached
    vi.setSystemTime(Date.now() + 1);

    // then the page shows what the server says, and knows it could not confirm the repairs
    repairs.expire();
    expect(repairs.holding()).toBe(false);
    expect(repairs.stateOf(instance('ACTIVE'))).toEqual({ state: 'ACTIVE', submitted: false });
    expect(repairs.isResolved('11')).toBe(false);
    expect(repairs.variableOf(variable('note', '"原值"')).value).toBe('"原值"');
    expect(repairs.lapsed()).toBe(true);
    expect(changes.length).toBeGreaterThan(0);

    // when the manager refreshes, or repairs again
    repairs.acknowledge();
    expect(repairs.lapsed()).toBe(false);
  });

  it('should keep the repairs of a case for the tab while they are held: back on the case, they still show', () => {
    // given
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-03-02T02:00:00.000Z') });
    repairsOf('1').canceled();
    repairsOf('2');

    // when the manager opens another case and comes back
    expect(repairsOf('1').stateOf(instance('ACTIVE')).state).toBe('TERMINATED');

    // when he comes back after the bound
    vi.setSystemTime(Date.now() + OWN_REPAIR_MAX_MS);

    // then the case starts afresh, nothing to say about what lapsed while he was away
    expect(repairsOf('1').holding()).toBe(false);
    expect(repairsOf('1').lapsed()).toBe(false);
  });
});

// helpers

function incident(incidentKey: string, fields: Partial<Incident> = {}): Incident {
  return { incidentKey, processInstanceKey: '1', elementId: 'check', elementInstanceKey: '70', state: 'ACTIVE', ...fields } as Incident;
}

function statistics(elementId: string, counts: Partial<ElementStatistics>): ElementStatistics {
  return { elementId, active: 0, canceled: 0, incidents: 0, completed: 0, ...counts };
}

function step(elementInstanceKey: string, fields: Partial<ElementInstance>): ElementInstance {
  return { elementInstanceKey, processInstanceKey: '1', elementId: 'check', type: 'SERVICE_TASK', state: 'ACTIVE', hasIncident: false, startDate: '2026-03-02T02:00:00.000Z', ...fields };
}

function variable(name: string, value: string): Variable {
  return { variableKey: `v-${name}`, name, value, scopeKey: '1', processInstanceKey: '1', isTruncated: false } as Variable;
}

function instance(state: string): ProcessInstance {
  return { processInstanceKey: '1', state } as ProcessInstance;
}
