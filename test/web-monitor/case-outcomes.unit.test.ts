/**
 * 案件查询's 办理结果 (web-monitor/src/case-outcomes.ts) asks with searches Camunda 8.8 takes: one element-instance
 * search per completed case by its plain key (8.8's `processInstanceKey` there takes no `$in`), a few at a time,
 * each case's closing end event read as its outcome. The client records every search and answers from a table of
 * end events; the browser test (case-outcome.browser.test.ts) runs the same against the real engine.
 */
import { describe, expect, it, vi } from 'vitest';
import type { V2Client } from '../../web-shared/src/api/v2-client.js';
import { outcomesOf } from '../../web-monitor/src/case-outcomes.js';

interface EndEvent {
  processInstanceKey: string;
  elementInstanceKey: string;
  elementId: string;
  elementName?: string;
  type: 'END_EVENT';
  state: 'COMPLETED';
}

/**
 * A client whose element-instance search answers from `ends` (after a few milliseconds, so that searches overlap),
 * recording each filter, the searches in flight and the most at once.
 */
function recordingClient(ends: EndEvent[], fail?: string) {
  const filters: Record<string, unknown>[] = [];
  let inFlight = 0;
  let mostInFlight = 0;
  const client = {
    async searchElementInstances(request: { filter: Record<string, unknown>; page: { limit: number } }) {
      filters.push(request.filter);
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight -= 1;
      if (request.filter.processInstanceKey === fail) throw new Error('500');
      const items = ends.filter((end) => end.processInstanceKey === request.filter.processInstanceKey);
      return { items: items.slice(0, request.page.limit), page: { totalItems: items.length } };
    },
  } as unknown as V2Client;
  return { client, filters, inFlight: () => inFlight, mostInFlight: () => mostInFlight };
}

const end = (processInstanceKey: string, elementInstanceKey: string, elementName: string): EndEvent => ({
  processInstanceKey,
  elementInstanceKey,
  elementId: `end${elementInstanceKey}`,
  elementName,
  type: 'END_EVENT',
  state: 'COMPLETED',
});

describe('outcomesOf', () => {
  it('should ask once per case by its plain key, never with $in, at most six at a time, for a page of 50', async () => {
    // given 50 completed cases, every third ended at 不予受理
    const keys = Array.from({ length: 50 }, (_, i) => String(2251799813685000 + i));
    const ends = keys.map((key, i) => end(key, String(9000 + i), i % 3 === 0 ? '超过申报期限，不予受理' : '新增、恢复缴费办结'));
    const { client, filters, mostInFlight } = recordingClient(ends);

    // when
    const outcomes = await outcomesOf(client, keys);

    // then
    expect(filters).toHaveLength(50);
    expect(new Set(filters.map((filter) => filter.processInstanceKey))).toEqual(new Set(keys));
    for (const filter of filters) expect(filter).toEqual({ processInstanceKey: expect.stringMatching(/^\d+$/), type: 'END_EVENT', state: 'COMPLETED' });
    expect(JSON.stringify(filters)).not.toContain('$in');
    expect(mostInFlight()).toBeLessThanOrEqual(6);
    expect(outcomes.get(keys[0]!)).toEqual({ outcome: 'notAccepted', endEventName: '超过申报期限，不予受理' });
    expect(outcomes.get(keys[1]!)).toEqual({ outcome: 'granted', endEventName: '新增、恢复缴费办结' });
  });

  it('should leave out a case without an end event, and fail the whole list when one search fails', async () => {
    const { client } = recordingClient([end('1', '10', '不予受理')]);
    expect([...(await outcomesOf(client, ['1', '2'])).keys()]).toEqual(['1']);
    expect(await outcomesOf(client, [])).toEqual(new Map());

    const failing = recordingClient([end('1', '10', '不予受理')], '2');
    await expect(outcomesOf(failing.client, ['1', '2', '3'])).rejects.toThrow('500');
  });

  it('should ask no more once one search failed or the list was left (aborted)', async () => {
    // given 50 cases, the first failing
    const keys = Array.from({ length: 50 }, (_, i) => String(100 + i));
    const failing = recordingClient([], keys[0]);

    // when
    await expect(outcomesOf(failing.client, keys)).rejects.toThrow('500');
    // the list fails at its first failed search, the others still under way. A search that ends gives the next
    // queued case its turn within the same task (promise callbacks), so none under way when vi.waitFor looks (between
    // tasks) means every queued case has had its turn: any search they were to make has been made
    await vi.waitFor(() => expect(failing.inFlight()).toBe(0));

    // then only the searches already under way (at most six) were made
    expect(failing.filters.length).toBeLessThanOrEqual(6);

    // given a list left while its searches run
    const left = recordingClient([]);
    const controller = new AbortController();
    const asked = outcomesOf(left.client, keys, controller.signal);
    controller.abort();
    await asked;

    // then no search is started after that
    expect(left.filters.length).toBeLessThanOrEqual(6);
  });
});
