/**
 * The monitor case page's own repairs over reads that lag (web-monitor/src/own-repairs.ts): an incident held by its
 * key until a read no longer lists it, a variable's value as sent until a read shows it (a truncated read when it
 * begins so), a cancellation until a read shows the case ended, and the manager's refresh after the bound giving
 * way to what the server says.
 */
import { describe, expect, it } from 'vitest';
import type { Incident, ProcessInstance, Variable } from '../../web-shared/src/api/camunda-types.js';
import { OwnRepairs, REREAD_BOUND_MS } from '../../web-monitor/src/own-repairs.js';

describe('OwnRepairs', () => {
  it('should hold a resolved incident by its key until a read no longer lists it, a new incident untouched', () => {
    // given
    const repairs = new OwnRepairs();
    repairs.resolved('11');

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
    repairs.set('1', 'note', { text: '新值' });
    repairs.set('1', 'remark', 'x'.repeat(50));

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

  it('should show a cancelled case as 已撤销 until a read shows it ended, and give way to the server on a refresh after the bound', () => {
    // given
    const repairs = new OwnRepairs();
    repairs.canceled();
    const changes: number[] = [];
    repairs.subscribe(() => changes.push(1));

    // when a lagging read still shows it active
    repairs.readInstance(instance('ACTIVE'));

    // then
    expect(repairs.stateOf(instance('ACTIVE'))).toEqual({ state: 'TERMINATED', submitted: true });

    // when the manager refreshes before the bound, then after it
    repairs.dropOlderThan(REREAD_BOUND_MS);
    expect(repairs.holding()).toBe(true);
    repairs.dropOlderThan(REREAD_BOUND_MS, Date.now() + REREAD_BOUND_MS);

    // then the page shows what the server says
    expect(repairs.stateOf(instance('ACTIVE'))).toEqual({ state: 'ACTIVE', submitted: false });
    expect(changes).toHaveLength(1);
  });
});

// helpers

function incident(incidentKey: string): Incident {
  return { incidentKey, processInstanceKey: '1', state: 'ACTIVE' } as Incident;
}

function variable(name: string, value: string): Variable {
  return { variableKey: `v-${name}`, name, value, scopeKey: '1', processInstanceKey: '1', isTruncated: false } as Variable;
}

function instance(state: string): ProcessInstance {
  return { processInstanceKey: '1', state } as ProcessInstance;
}
