/**
 * The task list's own changes over reads that lag (web-tasklist/src/own-changes.ts): held by userTaskKey only,
 * dropped only by a load whose searches went out after a read showed them, a 释放 right after a 认领 not taken as
 * shown by a read from before the 认领, undone when the engine refuses, let go when someone else changed the task
 * next, never longer than the bound even while every read fails, undone (then shown as last read) when the outcome
 * of the command could not be read — but never once a read by key showed it (the server made it); and the tab counts
 * they shift and the tasks they add to a list.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CurrentUser, UserTask } from '../../web-shared/src/api/camunda-types.js';
import type { V2Client } from '../../web-shared/src/api/v2-client.js';
import { FOLLOW_UP_MS, OWN_CHANGE_MAX_MS, OwnChanges, type OwnChangeEvent } from '../../web-tasklist/src/own-changes.js';
import { REFRESH_MS } from '../../web-tasklist/src/list-load.js';
import { changedIntoList, tabCounts, withChangedTask } from '../../web-tasklist/src/list-own-changes.js';

const CLERK = 'li-jing';
const COLLEAGUE = 'wang-hua';
const user: CurrentUser = { username: CLERK, groups: ['window-first-review'] } as CurrentUser;

afterEach(() => {
  vi.useRealTimers();
});

describe('OwnChanges', () => {
  it('should hide a completed task by its key only, and keep it hidden until a load after a read that shows it completed', async () => {
    // given
    const changes = new OwnChanges();
    const server = serverOf(task('1', { assignee: CLERK }), task('2', { processInstanceKey: 'case-1' }));
    changes.completed('1');

    // then the completed task is shown completed, the case's next task (same case, new key) untouched
    expect(changes.over(server.task('1')).state).toBe('COMPLETED');
    expect(changes.over(server.task('2'))).toEqual(server.task('2'));

    // when a read still shows it open, and a later one completed
    await changes.read(server.client, true, Date.now());
    expect(changes.has('1')).toBe(true);
    server.set(task('1', { assignee: CLERK, state: 'COMPLETED' }));
    const searchedBefore = Date.now() - 1;
    await changes.read(server.client, true, searchedBefore);
    // a load whose searches went out before that read keeps the change (they may still return the task as open)
    await changes.read(server.client, true, searchedBefore);
    expect(changes.has('1')).toBe(true);
    // a load whose searches went out after it drops it
    await changes.read(server.client, true, Date.now() + 1);
    expect(changes.has('1')).toBe(false);
  });

  it('should send no read of a held change for a load already cancelled, and keep the change', async () => {
    // given a held 认领, and a load that was superseded while its searches ran
    const changes = new OwnChanges();
    const server = serverOf(task('1', { assignee: CLERK }));
    changes.assigned('1', CLERK, undefined);
    const cancelled = new AbortController();
    cancelled.abort();
    const getUserTask = vi.spyOn(server.client, 'getUserTask');

    // when
    const read = await changes.read(server.client, true, Date.now(), cancelled.signal);

    // then nothing went out, nothing was taken as shown
    expect(getUserTask).not.toHaveBeenCalled();
    expect(read).toEqual({ tasks: [], agreedNow: false });
    expect(changes.has('1')).toBe(true);
  });

  it('should not take a read from before a 认领 as showing the 释放 that followed it', async () => {
    // given 认领 then 释放 at once, the server's reads still from before both
    const changes = new OwnChanges();
    const server = serverOf(task('1'));
    changes.assigned('1', CLERK, undefined);
    changes.assigned('1', undefined, undefined);

    // when a read shows it unclaimed (from before the 认领)
    await changes.read(server.client, true, Date.now());
    await changes.read(server.client, true, Date.now() + 1);

    // then the 释放 is still held, and shown
    expect(changes.has('1')).toBe(true);
    expect(changes.over(server.task('1')).assignee).toBeNull();
    // until the reads showed the 认领, then the 释放
    server.set(task('1', { assignee: CLERK }));
    await changes.read(server.client, true, Date.now());
    expect(changes.over(server.task('1')).assignee).toBeNull();
    // (a second read still showing the 认领 is the lag, not a colleague)
    await changes.read(server.client, true, Date.now());
    await changes.read(server.client, true, Date.now() + 1);
    expect(changes.has('1')).toBe(true);
    server.set(task('1'));
    await changes.read(server.client, true, Date.now());
    await changes.read(server.client, true, Date.now() + 1);
    expect(changes.has('1')).toBe(false);
  });

  it('should undo a 认领 the engine refused, back to the change held before it', () => {
    // given
    const changes = new OwnChanges();
    const events: string[] = [];
    changes.subscribe((event) => events.push(event.kind));
    changes.completed('2');
    const undo = changes.assigned('1', CLERK, undefined);
    expect(changes.over(task('1')).assignee).toBe(CLERK);

    // when (the undo did undo: nothing kept)
    expect(undo()).toBe(false);

    // then
    expect(changes.has('1')).toBe(false);
    expect(changes.over(task('1')).assignee).toBeUndefined();
    expect(changes.has('2')).toBe(true);
    // the list reads again at once on an undo only (a change made shows from memory, the follow-up reads ½ s later)
    expect(events).toEqual(['changed', 'changed', 'undone']);
  });

  it('should name the task and the time of each change made (the task page holds only its own task\'s)', () => {
    // given a pinned clock
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-03-02T02:00:00.000Z') });
    const changes = new OwnChanges();
    const events: OwnChangeEvent[] = [];
    changes.subscribe((event) => events.push(event));

    // when the clerk claims one task, and completes another
    changes.assigned('1', CLERK, undefined);
    vi.setSystemTime(Date.now() + 1_000);
    changes.completed('2');

    // then
    expect(events).toEqual([
      { kind: 'changed', userTaskKey: '1', at: Date.parse('2026-03-02T02:00:00.000Z') },
      { kind: 'changed', userTaskKey: '2', at: Date.parse('2026-03-02T02:00:01.000Z') },
    ]);
  });

  it('should drop a change the reads never show after the bound', async () => {
    // given
    const changes = new OwnChanges();
    const server = serverOf(task('1'));
    changes.assigned('1', CLERK, undefined);

    // when
    await changes.read(server.client, true, Date.now() + OWN_CHANGE_MAX_MS);

    // then (at the bound, not a millisecond later)
    expect(changes.has('1')).toBe(false);
  });

  it('should let a 释放 go once a read shows a colleague claimed the task next', async () => {
    // given the clerk held the task and released it, the reads still showing her
    const changes = new OwnChanges();
    const server = serverOf(task('1', { assignee: CLERK }));
    changes.assigned('1', undefined, CLERK);
    await changes.read(server.client, true, Date.now());
    expect(changes.over(server.task('1')).assignee).toBeNull();

    // when a colleague claims it, and a read shows him
    server.set(task('1', { assignee: COLLEAGUE }));
    const { agreedNow } = await changes.read(server.client, true, Date.now());

    // then the server has moved past the 释放: the clerk's older 释放 no longer shows over what the server says (the
    // read shows the colleague; a search row from before him shows as the search has it), and the next load drops it
    expect(agreedNow).toBe(true);
    expect(changes.has('1')).toBe(true);
    expect(changes.over(server.task('1')).assignee).toBe(COLLEAGUE);
    expect(changes.over(task('1', { assignee: CLERK })).assignee).toBe(CLERK);
    await changes.read(server.client, true, Date.now() + 1);
    expect(changes.has('1')).toBe(false);
    expect(changes.over(server.task('1')).assignee).toBe(COLLEAGUE);
  });

  it('should not bring back a 认领 the reads had shown when the 释放 after it is refused', async () => {
    // given a 认领 the reads showed, then a 释放
    const changes = new OwnChanges();
    const server = serverOf(task('1', { assignee: CLERK }));
    changes.assigned('1', CLERK, undefined);
    await changes.read(server.client, true, Date.now());
    const undo = changes.assigned('1', undefined, CLERK);

    // when the engine refuses the 释放 (a colleague took the task meanwhile)
    server.set(task('1', { assignee: COLLEAGUE }));
    undo();

    // then the server's value shows, not the clerk's old 认领
    expect(changes.has('1')).toBe(false);
    expect(changes.over(server.task('1')).assignee).toBe(COLLEAGUE);
  });

  it('should drop a change by its age while every read fails, and then stop re-reading', () => {
    // given a pinned clock, a 认领, and searches that fail (no read answers)
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-03-02T02:00:00.000Z') });
    const changes = new OwnChanges();
    const events: string[] = [];
    changes.subscribe((event) => events.push(event.kind));
    const start = Date.now();
    changes.assigned('1', CLERK, undefined);
    expect(changes.followUpDue(start + 600)).toBe(true);

    // when a load fails, the re-reads wait for the normal refresh
    changes.loadFailed(REFRESH_MS, start + 700);
    expect(changes.followUpDue(start + 5_000)).toBe(false);
    expect(changes.followUpDue(start + 700 + REFRESH_MS)).toBe(true);
    expect(changes.holding(start + OWN_CHANGE_MAX_MS - 1)).toBe(true);

    // then at the bound (as the monitor's repairs: held-changes.ts) the change is dropped without any read, and no
    // re-read is due any more
    expect(changes.followUpDue(start + OWN_CHANGE_MAX_MS)).toBe(false);
    expect(changes.has('1')).toBe(false);
    expect(events).toEqual(['changed', 'dropped']);
    expect(changes.followUpDue(start + OWN_CHANGE_MAX_MS + 60_000)).toBe(false);
  });

  it('should undo a 认领 its age let go before any read showed it, but not one a read showed, nor one another change replaced', async () => {
    // given a pinned clock and three 认领 whose outcomes are not known yet; task 2's read shows it, task 3 is released next
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-03-02T02:00:00.000Z') });
    const changes = new OwnChanges();
    const undone: (string | undefined)[] = [];
    changes.subscribe((event) => event.kind === 'undone' && undone.push(event.userTaskKey));
    const undoFirst = changes.assigned('1', CLERK, undefined);
    const undoSecond = changes.assigned('2', CLERK, undefined);
    const undoThird = changes.assigned('3', CLERK, undefined);
    changes.assigned('3', undefined, undefined);
    const read = await changes.read(serverOf(task('2', { assignee: CLERK })).client, true, Date.now());
    expect(read.agreedNow).toBe(true);

    // when the bound lets them go, every read having failed for task 1
    expect(changes.holding(Date.now() + OWN_CHANGE_MAX_MS)).toBe(false);

    // then undoing task 1's (the read again after a command without an answer failed too) tells the views to show
    // it as last read — the task page held it past the drop —, while task 2's read and task 3's 释放 stand
    undoFirst();
    undoSecond();
    undoThird();
    expect(undone).toEqual(['1']);
  });

  it('should not undo a 认领 a read again by the task page itself showed, when the command had no answer (the engine did it)', async () => {
    // given a 认领 whose answer never came, the engine having done it
    const changes = new OwnChanges();
    const events: string[] = [];
    changes.subscribe((event) => events.push(event.kind));
    const undo = changes.assigned('1', CLERK, undefined);

    // when the task page's read again shows it, and the page then undoes what it could not confirm by the command
    const sentAt = Date.now();
    changes.noteRead(task('1', { assignee: CLERK }), sentAt);
    // (the undo says it kept the change the server made: the page says 已认领, not that the outcome is unknown)
    expect(undo()).toBe(true);

    // then the 认领 stays (until a load after that read drops it, its searches showing it too), nothing is undone,
    // and the read went on to the task page
    expect(changes.has('1')).toBe(true);
    expect(changes.over(task('1')).assignee).toBe(CLERK);
    expect(events).toEqual(['changed', 'read']);
    await changes.read(serverOf(task('1', { assignee: CLERK })).client, true, Date.now() + 1);
    expect(changes.has('1')).toBe(false);
  });

  it('should not undo a 认领 a list read showed while it was held, even when the read again by the task page failed', async () => {
    // given a 认领 without an answer, which a list load's read by key showed (its counts not yet shifted: agreedNow)
    const changes = new OwnChanges();
    const undone: string[] = [];
    changes.subscribe((event) => event.kind === 'undone' && undone.push(event.userTaskKey));
    const server = serverOf(task('1', { assignee: CLERK }));
    const undo = changes.assigned('1', CLERK, undefined);
    const read = await changes.read(server.client, true, Date.now());
    expect(read.agreedNow).toBe(true);

    // when the task page's read again fails and it undoes the 认领: kept, as the server made it
    expect(undo()).toBe(true);

    // then it stays held and shown: the counts the list shifts by it stay right until a load drops it
    expect(changes.has('1')).toBe(true);
    expect(changes.over(task('1')).assignee).toBe(CLERK);
    expect(undone).toEqual([]);
    expect(tabCounts([['claimable', { totalItems: 3 }], ['mine', { totalItems: 1 }]], { tasks: [task('1')], agreedNow: false }, changes, user)).toEqual({ claimable: '2', mine: '2' });
  });

  it('should undo a 认领 the engine refused when the read again shows a colleague took the task', () => {
    // given a 认领 the engine refused
    const changes = new OwnChanges();
    const undone: string[] = [];
    changes.subscribe((event) => event.kind === 'undone' && undone.push(event.userTaskKey));
    const undo = changes.assigned('1', CLERK, undefined);

    // when the read again shows the colleague, and the page undoes (not a change kept)
    changes.noteRead(task('1', { assignee: COLLEAGUE }), Date.now());
    expect(undo()).toBe(false);

    // then the page shows the colleague (a read that moved past the 认领 is not one that showed it)
    expect(changes.has('1')).toBe(false);
    expect(changes.over(task('1', { assignee: COLLEAGUE })).assignee).toBe(COLLEAGUE);
    expect(undone).toEqual(['1']);
  });

  it('should undo a 认领 brought back by the undo of its 释放, like any other', () => {
    // given 认领 then 释放 at once, neither shown by a read
    const changes = new OwnChanges();
    const undone: string[] = [];
    changes.subscribe((event) => event.kind === 'undone' && undone.push(event.userTaskKey));
    const undoClaim = changes.assigned('1', CLERK, undefined);
    const undoRelease = changes.assigned('1', undefined, undefined);

    // when the 释放 is undone: the 认领 is back
    undoRelease();
    expect(changes.over(task('1')).assignee).toBe(CLERK);

    // then undoing the 认领 takes it back too: it no longer counts as replaced
    undoClaim();
    expect(changes.has('1')).toBe(false);
    expect(changes.over(task('1')).assignee).toBeUndefined();
    expect(undone).toEqual(['1', '1']);
  });

  it('should shift the tab counts by the changes the searches do not show yet, but not a capped count, nor in the load a read first shows one', () => {
    // given the clerk claimed a task the reads still show unclaimed
    const changes = new OwnChanges();
    changes.assigned('1', CLERK, undefined);
    const counts = [
      ['mine', { totalItems: 0 }],
      ['claimable', { totalItems: 10_000, hasMoreTotalItems: true }],
      ['all', { totalItems: 5 }],
    ] as const;

    // when / then: 我的待办 counts it, 待认领 stays 10000+, 全部 is unchanged
    expect(tabCounts(counts, { tasks: [task('1')], agreedNow: false }, changes, user)).toEqual({ mine: '1', claimable: '10000+', all: '5' });
    // a read that first shows the 认领 in this load: the searches may not yet, so the counts shown stay
    expect(tabCounts(counts, { tasks: [task('1', { assignee: CLERK })], agreedNow: true }, changes, user)).toBeUndefined();
  });

  it('should add to a list only the changed tasks the server does not have in it yet, as the counts shift', () => {
    // given the clerk claimed task 1 (the read still shows it unclaimed) and task 2 (the read already shows her), released task 3 (the read already shows it unclaimed)
    const changes = new OwnChanges();
    changes.assigned('1', CLERK, undefined);
    changes.assigned('2', CLERK, undefined);
    changes.assigned('3', undefined, CLERK);
    const reads = [task('1'), task('2', { assignee: CLERK }), task('3')];

    // when the searches return none of them (they lag, or have them on a later page)
    const added = (list: 'mine' | 'claimable' | 'all', agreedNow = false) => changedIntoList({ tasks: reads, agreedNow }, [], changes, list, user).map((item) => item.userTaskKey);

    // then only task 1 comes into 我的待办 (the search counts task 2 already: adding it would make 共 N+1, and 加载更多 would bring it twice)
    expect(added('mine')).toEqual(['1']);
    expect(changes.over(changedIntoList({ tasks: reads, agreedNow: false }, [], changes, 'mine', user)[0]!).assignee).toBe(CLERK);
    expect(added('claimable')).toEqual([]);
    expect(added('all')).toEqual([]);
    // nor one the search returned
    expect(changedIntoList({ tasks: reads, agreedNow: false }, [task('1')], changes, 'mine', user)).toEqual([]);
    // while a read first shows a change the counts stay as they were (tabCounts), and so does the list: the task it showed stays
    expect(added('mine', true)).toEqual(['1', '2']);
  });

  it('should re-read less often each time while a change is held, and for a while after a 办结', async () => {
    // given a pinned clock (the steps are counted from the 办结's Date.now())
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-03-02T02:00:00.000Z') });
    const changes = new OwnChanges();
    const now = Date.now();
    expect(changes.followUpDue(now + 60_000)).toBe(false);

    // when
    changes.completed('1');

    // then due ½, 1½, 3½, 7½ s after it (not in between), then no more once the change is dropped and the time is over
    const due = [0, 400, 600, 1_000, 1_600, 3_000, 3_600, 7_000, 7_600].filter((ms) => changes.followUpDue(now + ms));
    expect(due).toEqual([600, 1_600, 3_600, 7_600]);
    expect(changes.followUpDue(now + 11_700)).toBe(true);
    await changes.read(serverOf(task('1', { state: 'COMPLETED' })).client, true, now + FOLLOW_UP_MS + OWN_CHANGE_MAX_MS);
    expect(changes.has('1')).toBe(false);
    expect(changes.followUpDue(now + FOLLOW_UP_MS + 20_000)).toBe(false);
  });

  it('should re-read for a while after a case started on the page (its first task comes later), holding no change', () => {
    // given
    const changes = new OwnChanges();
    const now = Date.now();

    // when
    changes.caseStarted();

    // then the re-reads of a 办结, and none once the time is over
    expect(changes.holding()).toBe(false);
    const due = [0, 400, 600, 1_000, 1_600].filter((ms) => changes.followUpDue(now + ms));
    expect(due).toEqual([600, 1_600]);
    expect(changes.followUpDue(now + FOLLOW_UP_MS + 5_000)).toBe(false);
  });

  it('should shift the counts by a 认领 of a task the counts’ load did not return, as the page last read it by key', () => {
    // given counts read while 我的待办 was listed (empty), and the task of 待认领 the clerk opened by its address
    const changes = new OwnChanges();
    const counted = { counts: [['mine', { totalItems: 0 }], ['claimable', { totalItems: 1 }]] as const, tasks: [] };
    const opened = task('1');

    // when she claims it
    changes.assigned('1', CLERK, undefined);
    const from = withChangedTask(counted, opened);

    // then it counts under 我的待办 (not only once a read shows it), and a task the load returned is not added twice
    expect(tabCounts(from.counts, { tasks: from.tasks, agreedNow: false }, changes, user)).toEqual({ mine: '1', claimable: '0' });
    expect(tabCounts(counted.counts, { tasks: counted.tasks, agreedNow: false }, changes, user)).toEqual({ mine: '0', claimable: '1' });
    expect(withChangedTask(from, task('1', { assignee: COLLEAGUE })).tasks).toEqual([opened]);
    expect(withChangedTask(counted, undefined)).toBe(counted);
  });
});

// helpers

function task(userTaskKey: string, fields: Partial<UserTask> = {}): UserTask {
  return {
    userTaskKey,
    state: 'CREATED',
    elementId: 'preliminaryReview',
    candidateGroups: ['window-first-review'],
    processDefinitionId: 'xining-fc20-manual-reimbursement',
    creationDate: '2026-03-02T01:00:00.000Z',
    processDefinitionKey: '9',
    processInstanceKey: `case-${userTaskKey}`,
    elementInstanceKey: `element-${userTaskKey}`,
    ...fields,
  };
}

/** A server whose reads by key answer what the test set last. */
function serverOf(...tasks: UserTask[]) {
  const byKey = new Map(tasks.map((item) => [item.userTaskKey, item]));
  const client = { getUserTask: async (key: string) => structuredClone(byKey.get(key)!) } as unknown as V2Client;
  return { client, task: (key: string) => byKey.get(key)!, set: (item: UserTask) => byKey.set(item.userTaskKey, item) };
}
