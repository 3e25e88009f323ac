/**
 * The task list's first requests, sent as the session check answers (web-tasklist/src/first-screen-requests.ts):
 * the stored view's page and the other tabs' counts, then the variables of the page's cases; the list's first load
 * takes each answer once, for exactly the same request of the same user within a few seconds, and nothing after the
 * store is closed.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CurrentUser, SearchResult, UserTask } from '../../web-shared/src/api/camunda-types.js';
import type { UserTaskSearch, V2Client } from '../../web-shared/src/api/v2-client.js';

const CLERK = { username: 'li-jing', groups: ['window-first-review'], roles: ['clerk'], authorizedComponents: ['tasklist'] } as unknown as CurrentUser;
const PAGE: SearchResult<UserTask> = {
  items: [{ userTaskKey: '11', processInstanceKey: '300' }, { userTaskKey: '12', processInstanceKey: '200' }, { userTaskKey: '13', processInstanceKey: '300' }] as UserTask[],
  page: { totalItems: 3 },
};

function fakeClient() {
  return {
    searchUserTasks: vi.fn((search: UserTaskSearch) => Promise.resolve(search.page?.limit === 1 ? { items: [], page: { totalItems: 7 } } : PAGE)),
    searchVariables: vi.fn(() => Promise.resolve({ items: [], page: { totalItems: 0 } })),
  };
}

/** `owner`: whose the tab's private data is (private-data.ts): the clerk's unless said. */
async function load(view: unknown, owner = 'li-jing') {
  vi.stubGlobal('sessionStorage', { getItem: (key: string) => (key === 'private:owner' ? owner : view === undefined ? null : JSON.stringify(view)) });
  vi.resetModules();
  const requests = await import('../../web-tasklist/src/first-screen-requests.js');
  const queries = await import('../../web-tasklist/src/task-queries.js');
  return { ...requests, ...queries };
}

beforeEach(() => {
  vi.unstubAllGlobals();
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the first screen requests sent ahead', () => {
  it("should send the stored view's page and the other tab's count as the session check answers, then the page's cases' variables", async () => {
    // given the clerk's stored 待认领 view
    const { sendFirstScreenRequests, firstScreen, taskSearches, countSearch, rowVariablesSearch } = await load({ list: 'claimable', sort: 'dueDate' });
    const client = fakeClient();

    // when the session check answers
    sendFirstScreenRequests(client as unknown as V2Client, Promise.resolve(CLERK));
    await vi.waitFor(() => expect(client.searchVariables).toHaveBeenCalledTimes(1));

    // then the list's first load finds each answer once, for the same requests
    const page = taskSearches({ list: 'claimable', sort: 'dueDate' }, CLERK, undefined)![0]!;
    expect(client.searchUserTasks.mock.calls.map(([search]) => search)).toEqual([page, countSearch('mine', CLERK)]);
    expect(await firstScreen.take('li-jing', 'user-tasks', page)).toBe(PAGE);
    expect(firstScreen.take('li-jing', 'user-tasks', page)).toBeUndefined();
    expect(await firstScreen.take<SearchResult<UserTask>>('li-jing', 'user-tasks', countSearch('mine', CLERK))).toMatchObject({ page: { totalItems: 7 } });
    const variables = rowVariablesSearch(PAGE.items);
    expect(variables.filter.processInstanceKey.$in).toEqual(['200', '300']);
    expect(client.searchVariables).toHaveBeenCalledWith(variables);
    expect(firstScreen.take('li-jing', 'variables', variables)).toBeDefined();
  });

  it('should answer no request that differs, and nothing once closed', async () => {
    // given
    const { sendFirstScreenRequests, firstScreen, taskSearches } = await load({ list: 'claimable', sort: 'dueDate' });
    const client = fakeClient();
    sendFirstScreenRequests(client as unknown as V2Client, Promise.resolve(CLERK));
    await vi.waitFor(() => expect(client.searchVariables).toHaveBeenCalledTimes(1));
    const page = taskSearches({ list: 'claimable', sort: 'dueDate' }, CLERK, undefined)![0]!;

    // when
    const sortedOtherwise = firstScreen.take('li-jing', 'user-tasks', { ...page, sort: [{ field: 'creationDate', order: 'asc' }] });
    firstScreen.close();

    // then
    expect(sortedOtherwise).toBeUndefined();
    expect(firstScreen.take('li-jing', 'user-tasks', page)).toBeUndefined();
    expect(firstScreen.send('li-jing', 'user-tasks', page, () => Promise.resolve(PAGE))).toBeUndefined();
  });

  it("should give another user who signs in without a reload nothing of the first user's answers, nor an answer kept too long", async () => {
    // given the 全部 view (the same searches for every user who may list all tasks) sent ahead for li-jing
    const { sendFirstScreenRequests, firstScreen, taskSearches } = await load({ list: 'all', sort: 'dueDate' });
    const everyone = { ...CLERK, authorizedComponents: ['*'] } as unknown as CurrentUser;
    const client = fakeClient();
    sendFirstScreenRequests(client as unknown as V2Client, Promise.resolve(everyone));
    await vi.waitFor(() => expect(client.searchVariables).toHaveBeenCalledTimes(1));
    const page = taskSearches({ list: 'all', sort: 'dueDate' }, everyone, undefined)![0]!;

    // when another user's first load asks the same search
    // then it is not answered from li-jing's, and nothing is kept for li-jing either
    expect(firstScreen.take('zhang-min', 'user-tasks', page)).toBeUndefined();
    expect(firstScreen.take('li-jing', 'user-tasks', page)).toBeUndefined();

    // given a fresh store and an answer older than it keeps
    const { firstScreen: fresh } = await load({ list: 'all', sort: 'dueDate' });
    vi.useFakeTimers({ now: new Date('2026-03-02T01:00:00Z') });
    try {
      fresh.send('li-jing', 'user-tasks', page, () => Promise.resolve(PAGE));
      vi.setSystemTime(new Date(Date.now() + fresh.keptMs + 1));

      // then
      expect(fresh.take('li-jing', 'user-tasks', page)).toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
  });

  it("should not send a search stored by the tab's previous user, but the default view", async () => {
    // given a view with a colleague's search text, stored in the tab before the clerk signed in
    const { sendFirstScreenRequests, taskSearches } = await load({ list: 'all', sort: 'dueDate', search: '马福林' }, 'zhang-min');
    const client = fakeClient();

    // when the session check answers with the clerk
    sendFirstScreenRequests(client as unknown as V2Client, Promise.resolve(CLERK));
    await vi.waitFor(() => expect(client.searchUserTasks).toHaveBeenCalled());

    // then her first requests are the default view's, and none carries the search text
    expect(client.searchUserTasks.mock.calls[0]![0]).toEqual(taskSearches({ list: 'mine', sort: 'dueDate' }, CLERK, undefined)![0]);
    expect(JSON.stringify(client.searchUserTasks.mock.calls)).not.toContain('马福林');
  });

  it('should send nothing for a user the task list would not show (no access to it)', async () => {
    // given a user signed in without the task list's component
    const { sendFirstScreenRequests } = await load({ list: 'claimable', sort: 'dueDate' });
    const client = fakeClient();
    const manager = { ...CLERK, username: 'sun-qiang', authorizedComponents: ['operate'] } as unknown as CurrentUser;

    // when
    sendFirstScreenRequests(client as unknown as V2Client, Promise.resolve(manager));
    await new Promise((resolve) => setImmediate(resolve));

    // then
    expect(client.searchUserTasks).not.toHaveBeenCalled();
  });

  it('should send nothing while nobody is signed in, nor for a view filtered by due state (it needs the working days first)', async () => {
    // given
    const signedOut = await load(undefined);
    const nobody = fakeClient();
    signedOut.sendFirstScreenRequests(nobody as unknown as V2Client, Promise.resolve(undefined));
    const dueFiltered = await load({ list: 'mine', dueState: 'overdue' });
    const due = fakeClient();

    // when
    dueFiltered.sendFirstScreenRequests(due as unknown as V2Client, Promise.resolve(CLERK));
    await Promise.resolve();
    await new Promise((resolve) => setImmediate(resolve));

    // then
    expect(nobody.searchUserTasks).not.toHaveBeenCalled();
    expect(due.searchUserTasks).not.toHaveBeenCalled();
  });
});
