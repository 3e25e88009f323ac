/**
 * The task list's rows (web-tasklist/src/task-rows.ts) against a real HTTP server standing in for the engine's
 * variables search and the task list server's working days: a case's acceptance day is counted only for a task of a
 * 即时办结 process without a due date (the one row whose badge reads it, case-due.ts) — not, on every 15 s refresh,
 * for every accepted case of a process whose limit runs in days, of no limit, or not in the catalogue.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CurrentUser, UserTask, Variable } from '../../web-shared/src/api/camunda-types.js';
import { V2Client } from '../../web-shared/src/api/v2-client.js';
import type { LimitRule } from '../../web-shared/src/dates/case-due.js';
import { taskRows } from '../../web-tasklist/src/task-rows.js';
import { TasklistApi } from '../../web-tasklist/src/tasklist-api.js';

const CLERK = { username: 'li-jing', groups: ['window-first-review'], roles: ['clerk'], authorizedComponents: ['tasklist'] } as unknown as CurrentUser;

const RULES: Record<string, LimitRule> = { 'same-day': 'sameDay', 'in-days': 'days', 'no-limit': 'none' };

/** Case key → its acceptance time (each case accepted on another day, so the days asked for tell the cases apart). */
const ACCEPTED: Record<string, string> = {
  '101': '2026-12-01T09:00:00+08:00',
  '102': '2026-12-02T09:00:00+08:00',
  '103': '2026-12-03T09:00:00+08:00',
  '104': '2026-12-04T09:00:00+08:00',
  '105': '2026-11-30T09:00:00+08:00',
  '106': '2026-11-27T09:00:00+08:00',
};

function task(key: string, processDefinitionId: string, processInstanceKey: string, dueDate?: string): UserTask {
  return { userTaskKey: key, state: 'CREATED', elementId: 'review', processDefinitionId, processDefinitionKey: '1', processInstanceKey, elementInstanceKey: key, creationDate: '2026-12-01T01:00:00Z', dueDate };
}

let server: Server;
let origin = '';
/** The `dates` of each working-days request, in order. */
let asked: string[][] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const reply = (value: unknown) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(value));
      };
      if (request.url?.startsWith('/v2/variables/search')) {
        const keys = (JSON.parse(body) as { filter: { processInstanceKey: { $in: string[] } } }).filter.processInstanceKey.$in;
        const items: Variable[] = keys
          .filter((key) => ACCEPTED[key])
          .map((key) => ({ variableKey: `v${key}`, name: 'acceptedAt', value: JSON.stringify(ACCEPTED[key]), scopeKey: key, processInstanceKey: key }));
        return reply({ items, page: { totalItems: items.length } });
      }
      if (request.url === '/tasklist/api/working-days') {
        const { dates } = JSON.parse(body) as { dates: string[] };
        asked.push(dates);
        const results = Object.fromEntries(dates.map((date) => [date, { date: date.slice(0, 10), remainingWorkingDays: 0, state: 'dueSoon', provisional: false }]));
        return reply({ today: '2026-12-04', dueSoonUntil: null, results });
      }
      response.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  asked = [];
});

describe('the task list rows’ acceptance days', () => {
  it('should count the acceptance day only of tasks of a 即时办结 process without a due date', async () => {
    // given accepted cases of each kind of process, with and without a due date on their task
    const client = new V2Client(origin);
    const tasks = [
      task('1', 'same-day', '101'),
      task('2', 'in-days', '102'),
      task('3', 'no-limit', '103'),
      task('4', 'not-in-catalogue', '104'),
      task('5', 'same-day', '105', '2026-12-08T23:59:59+08:00'),
      task('6', 'same-day', '106'),
      task('7', 'same-day', '107'),
    ];

    // when the list reads its rows
    const rows = await taskRows(client, new TasklistApi(client), CLERK, tasks, (processId) => RULES[processId], true);

    // then the due dates go in one request, and only the 即办 cases' acceptance days (no due date) in the second
    expect(asked).toEqual([['2026-12-08T23:59:59+08:00'], ['2026-12-01', '2026-11-27']]);
    const byKey = new Map(rows.map((row) => [row.task.userTaskKey, row]));
    expect(byKey.get('1')?.acceptedDue?.date).toBe('2026-12-01');
    expect(byKey.get('6')?.acceptedDue?.date).toBe('2026-11-27');
    expect(byKey.get('5')?.due?.date).toBe('2026-12-08');
    // the others keep their acceptance time (their badges read it: not 受理后起算), with no day counted
    for (const key of ['2', '3', '4', '5']) expect(byKey.get(key)?.acceptedDue).toBeUndefined();
    expect(byKey.get('2')?.acceptedAt).toBe(ACCEPTED['102']);
    // a 即办 case not accepted yet has no day to count
    expect(byKey.get('7')?.acceptedAt).toBeUndefined();
  });

  it('should send no second request when no 即时办结 task lacks a due date', async () => {
    // given accepted cases of processes whose limits run in days or not at all
    const client = new V2Client(origin);
    const tasks = [task('2', 'in-days', '102'), task('3', 'no-limit', '103')];

    // when the list reads its rows (as on every refresh)
    const rows = await taskRows(client, new TasklistApi(client), CLERK, tasks, (processId) => RULES[processId], true);

    // then no working days are asked for at all
    expect(asked).toEqual([]);
    expect(rows.map((row) => row.acceptedAt)).toEqual([ACCEPTED['102'], ACCEPTED['103']]);
  });
});
