/**
 * How some completed cases ended (办理结果), by case number: one /v2 element-instance search per list (the completed
 * END_EVENTs of its cases), the end event each case ended at read as its outcome (web-shared/src/format/case-outcome.ts,
 * as the read model reads it). A case missing from the answer is open, cancelled, or its history is gone.
 * A list's keys go as `$in`, which this engine accepts; Camunda 8.8's element-instance filter takes one key (its
 * `processInstanceKey` is no advanced filter), so on a cluster the list's 办理结果 would need the read model instead
 * (docs/web-apps.md); the case page asks for its one case by the plain key and works on both.
 */
import type { V2Client } from '../../web-shared/src/api/v2-client.js';
import { closingEndEvent, outcomeOfEndEvent, type CaseOutcome } from '../../web-shared/src/format/case-outcome.js';

export interface EndedAs {
  outcome: CaseOutcome;
  /** The end event's own name, in the process's words (超过申报期限，不予受理). */
  endEventName: string;
}

/** End events a case may pass before its last (已提醒, 督办完毕 …): room for that many in one page. */
const END_EVENTS_PER_CASE = 8;

export async function outcomesOf(client: V2Client, processInstanceKeys: readonly string[], signal?: AbortSignal): Promise<Map<string, EndedAs>> {
  const outcomes = new Map<string, EndedAs>();
  if (processInstanceKeys.length === 0) return outcomes;
  const found = await client.searchElementInstances(
    {
      // one case by its key as such (Camunda 8.8's element-instance filter takes a plain key; `$in` is this engine's)
      filter: {
        processInstanceKey: processInstanceKeys.length === 1 ? processInstanceKeys[0]! : { $in: [...processInstanceKeys] },
        type: 'END_EVENT',
        state: 'COMPLETED',
      },
      // the latest first: a case reminded many times (已提醒 each cycle) may not fit the page, its last end event does
      sort: [{ field: 'elementInstanceKey', order: 'desc' }],
      page: { limit: Math.min(10_000, processInstanceKeys.length * END_EVENTS_PER_CASE) },
    },
    { signal },
  );
  const byCase = new Map<string, typeof found.items>();
  for (const element of found.items) byCase.set(element.processInstanceKey, [...(byCase.get(element.processInstanceKey) ?? []), element]);
  for (const [key, elements] of byCase) {
    const end = closingEndEvent(elements);
    if (end) outcomes.set(key, { outcome: outcomeOfEndEvent(end.elementName), endEventName: end.elementName ?? end.elementId });
  }
  return outcomes;
}
