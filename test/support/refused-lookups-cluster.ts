/**
 * A stand-in cluster for the monitor feeder's tests of cases whose end events it must look up by case key: completed
 * FC20 cases whose end events the stream has passed by (it shows only two other cases', one at 08:00 before them all
 * and one at 13:00 after them: the stream is past them), each answered 办结 when looked up by its key — unless the
 * test's `refuses` says the cluster refuses that key now (a 500), as a cluster does for some cases during an outage.
 */
import type { ClusterReader, SearchPage } from '../../web-monitor/server/read-model/read-model-feeder.js';

export interface EndedCase {
  processInstanceKey: string;
  processDefinitionId: string;
  processDefinitionKey: string;
  processDefinitionVersion: number;
  state: 'COMPLETED';
  startDate: string;
  endDate: string;
}

/** A time on 2 November 2026 in the office's zone, as a cluster may answer it (with the offset). */
export const onNovember2 = (time: string): string => `2026-11-02T${time}+08:00`;

/** A completed FC20 case started at 09:00 on 2 November 2026 and ended at `endDate`. */
export function endedCase(key: string, endDate: string): EndedCase {
  return {
    processInstanceKey: key, processDefinitionId: 'xining-fc20-manual-reimbursement', processDefinitionKey: '1', processDefinitionVersion: 1,
    state: 'COMPLETED', startDate: onNovember2('09:00:00'), endDate,
  };
}

/** `count` cases keyed from `firstKey` on, ended a second apart from `minute` on (`'11:00'`: 11:00:00, 11:00:01 …). */
export function casesEndedASecondApart(firstKey: number, count: number, minute: string): EndedCase[] {
  return Array.from({ length: count }, (_, i) => endedCase(String(firstKey + i), onNovember2(`${minute}:${String(i).padStart(2, '0')}`)));
}

function endEvent(key: string, endDate: string) {
  return { elementInstanceKey: `${key}9`, processInstanceKey: key, elementId: 'end', elementName: '办结', type: 'END_EVENT', state: 'COMPLETED', endDate };
}

/**
 * The cluster holding `cases`, refusing the lookup of a case's end event while `refuses(key)`; `lookups` lists every
 * key looked up, refused or not, in order.
 */
export function clusterRefusingLookups(cases: readonly EndedCase[], refuses: (key: string) => boolean): ClusterReader & { lookups: string[] } {
  const lookups: string[] = [];
  return {
    lookups,
    async search<T>(path: string, body: { filter?: Record<string, unknown> }) {
      const filter = body.filter ?? {};
      let items: object[] = [];
      if (path === 'process-instances' && (filter.startDate || filter.endDate)) items = [...cases];
      if (path === 'element-instances' && filter.endDate) items = [endEvent('398', onNovember2('08:00:00')), endEvent('399', onNovember2('13:00:00'))];
      if (path === 'element-instances' && typeof filter.processInstanceKey === 'string') {
        const key = filter.processInstanceKey;
        lookups.push(key);
        if (refuses(key)) throw new Error('Response code 500 (Internal Server Error)');
        items = [endEvent(key, cases.find((row) => row.processInstanceKey === key)!.endDate)];
      }
      return { items, page: { totalItems: items.length } } as SearchPage<T>;
    },
  };
}
