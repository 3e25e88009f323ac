/**
 * The ID numbers, bank accounts and diagnoses some cases hold, for masking them in text that names no variable: an
 * incident's message, a message's correlation key, a reason in 办理记录 or quoted by another variable
 * (personal-values-in-text.ts). One hook for the monitor's case page and variables panel and the task list's task
 * page and 案件数据, so that each masks by all of the case's values, not by the few a form shows. Until they are read
 * such text is not shown: `masked` gives undefined while reading (and while the values are another case's), and a
 * note instead of the text when the read failed or stopped before them all, so a value is never on the page unmasked
 * for a moment.
 */
import { useEffect, useState } from 'preact/hooks';
import { readAllVariables } from '../api/read-all-variables.js';
import { useSession } from '../auth/session.js';
import { zh } from '../i18n/zh-cn.js';
import { maskPersonalValuesIn, mergePersonalValues, personalValuesOfVariables, type PersonalValue } from './personal-values-in-text.js';

/** Whose variables: cases by key (a case and the cases its call activities started), or what one task sees. */
export type PersonalValuesSource = { processInstanceKeys: readonly string[] } | { userTaskKey: string };

export interface PersonalValues {
  /** The values once read; undefined while reading or when the read failed. */
  values: readonly PersonalValue[] | undefined;
  failed: boolean;
  /** The text with the values masked; undefined until they are read, a note instead when they could not be. */
  masked(text: string): string | undefined;
  /** Reads them again (a 重试 beside the note of a failed read). */
  retry(): void;
}

/** The values as read for `key` (the source): kept with it so that another source's are never taken for its own. */
interface Read {
  key: string;
  values: PersonalValue[] | 'failed';
}

/**
 * `source` undefined: nothing to mask (the user sees the values in full), nothing read. `revision`: read again when it
 * moves (a variable edited); a value read before stays masked (see below).
 */
export function usePersonalValues(source: PersonalValuesSource | undefined, revision: number): PersonalValues {
  const { client } = useSession();
  const key = source === undefined ? 'cases:' : 'userTaskKey' in source ? `task:${source.userTaskKey}` : `cases:${[...new Set(source.processInstanceKeys)].sort().join(',')}`;
  const [read, setRead] = useState<Read | undefined>(undefined);
  const [attempt, setAttempt] = useState(0);
  const retry = () => setAttempt((count) => count + 1);

  useEffect(() => {
    const reads = new AbortController();
    const { signal } = reads;
    const keys = key.startsWith('cases:') ? key.slice('cases:'.length).split(',').filter(Boolean) : undefined;
    if (keys?.length === 0) {
      setRead({ key, values: [] });
      return;
    }
    const sort = [{ field: 'name' as const, order: 'asc' as const }];
    void readAllVariables((after, limit) => {
      const page = after ? { after, limit } : { limit };
      return keys
        ? client.searchVariables({ filter: { processInstanceKey: { $in: keys } }, sort, page }, { signal })
        : client.searchUserTaskVariables(key.slice('task:'.length), { sort, page }, { signal });
    })
      .then(({ items, incompleteOf }) => {
        if (signal.aborted) return;
        // not all read: a value past the bound could be quoted, so the texts are not shown, as when the read fails
        if (incompleteOf !== undefined) return setRead({ key, values: 'failed' });
        // a value the case held when the page read it before stays masked: a text may still quote it after an edit
        setRead((before) => ({ key, values: mergePersonalValues(personalValuesOfVariables(items), before?.key === key && Array.isArray(before.values) ? before.values : []) }));
      })
      .catch(() => !signal.aborted && setRead((before) => ({ key, values: before?.key === key && Array.isArray(before.values) ? before.values : 'failed' })));
    return () => reads.abort();
  }, [client, key, revision, attempt]);

  // the read of the last source until this one's answers: nothing of it is used
  const values = read?.key === key ? read.values : undefined;
  return {
    values: Array.isArray(values) ? values : undefined,
    failed: values === 'failed',
    masked(text) {
      if (values === undefined) return undefined;
      return values === 'failed' ? zh.masking.unchecked : maskPersonalValuesIn(text, values);
    },
    retry,
  };
}
