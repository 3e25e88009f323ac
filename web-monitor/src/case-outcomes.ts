/**
 * How some completed cases ended (办理结果), by case number: the completed END_EVENTs of each case, the end event it
 * ended at read as its outcome (web-shared/src/format/case-outcome.ts, as the read model reads it). A case missing
 * from the answer is open, cancelled, or its history is gone.
 *
 * One /v2 element-instance search per case, by its plain key: Camunda 8.8's element-instance filter takes
 * `processInstanceKey` as a plain key only (no `$in`), so a list cannot be asked for at once. The list pages ask
 * for the completed cases they show (at most a page, 50), {@link PARALLEL} at a time (p-limit). The monitor's read
 * model also knows the outcomes, but it is what its feeder has read (behind by a pass, without outcomes while it
 * rebuilds or backs off) and it is served without the manager's own /v2 permissions; the case lists read everything
 * else from /v2 with the manager's session, and so do their outcomes (docs/camunda8-cluster.md).
 */
import pLimit from 'p-limit';
import type { V2Client } from '../../web-shared/src/api/v2-client.js';
import { closingEndEvent, outcomeOfEndEvent, type CaseOutcome } from '../../web-shared/src/format/case-outcome.js';

export interface EndedAs {
  outcome: CaseOutcome;
  /** The end event's own name, in the process's words (超过申报期限，不予受理). */
  endEventName: string;
}

/** End events a case may pass before its last (已提醒, 督办完毕 …): room for that many in one page. */
const END_EVENTS_PER_CASE = 8;
/** Searches under way at once: a page of 50 completed cases is 50 small searches, not 50 at the same moment. */
const PARALLEL = 6;

export async function outcomesOf(client: V2Client, processInstanceKeys: readonly string[], signal?: AbortSignal): Promise<Map<string, EndedAs>> {
  const outcomes = new Map<string, EndedAs>();
  const limit = pLimit(PARALLEL);
  let failed = false;
  const outcomeOf = async (processInstanceKey: string) => {
    // once one search failed (the list's 办理结果 then fails) or the list was left, the searches still queued ask nothing
    if (failed || signal?.aborted) return;
    let found: Awaited<ReturnType<V2Client['searchElementInstances']>>;
    try {
      found = await client.searchElementInstances(
        {
          filter: { processInstanceKey, type: 'END_EVENT', state: 'COMPLETED' },
          // the latest first: a case reminded many times (已提醒 each cycle) may not fit the page, its last end event does
          sort: [{ field: 'elementInstanceKey', order: 'desc' }],
          page: { limit: END_EVENTS_PER_CASE },
        },
        { signal },
      );
    } catch (error) {
      failed = true;
      throw error;
    }
    const end = closingEndEvent(found.items);
    if (end) outcomes.set(processInstanceKey, { outcome: outcomeOfEndEvent(end.elementName), endEventName: end.elementName ?? end.elementId });
  };
  // one failed search fails the list's 办理结果 (「办理结果未能读取」), as one search did before
  await limit.map(new Set(processInstanceKeys), outcomeOf);
  return outcomes;
}
