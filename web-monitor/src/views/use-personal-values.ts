/**
 * The ID numbers, bank accounts and diagnoses some cases hold, for masking them in text that names no variable: an
 * incident's message, a message's correlation key, a reason in the audit trail (personal-values-in-text.ts). Until
 * they are read such text is not shown: `masked` gives undefined while reading, and a note instead of the text when
 * the read failed, so a value is never on the page unmasked for a moment.
 */
import { useEffect, useState } from 'preact/hooks';
import { useSession } from '../../../web-shared/src/auth/session.js';
import { maskPersonalValuesIn, mergePersonalValues, personalValuesOfVariables, type PersonalValue } from '../../../web-shared/src/masking/personal-values-in-text.js';
import { t } from '../texts.js';

const PAGE = 200;
/** As many as the variables panel reads of one case (instance-variables.tsx). */
const MOST = 2_000;

export interface PersonalValues {
  /** The text with the cases' personal values masked; undefined until they are read. */
  masked(text: string): string | undefined;
}

/**
 * `processInstanceKeys`: the cases whose values the text may quote (a case and the cases its call activities
 * started); `revision`: read again when it moves (a variable edited).
 */
export function usePersonalValues(processInstanceKeys: readonly string[], revision: number): PersonalValues {
  const { client } = useSession();
  const [values, setValues] = useState<PersonalValue[] | 'failed' | undefined>(undefined);
  const keys = [...new Set(processInstanceKeys)].sort().join(',');

  // other cases: nothing of the last ones' values is taken for theirs
  useEffect(() => setValues(undefined), [keys]);
  useEffect(() => {
    if (keys === '') return setValues([]);
    const reads = new AbortController();
    const { signal } = reads;
    void (async () => {
      const found: { name: string; value: string }[] = [];
      let after: string | undefined;
      do {
        const filter = { processInstanceKey: { $in: keys.split(',') } };
        const page = await client.searchVariables({ filter, sort: [{ field: 'name', order: 'asc' }], page: after ? { after, limit: PAGE } : { limit: PAGE } }, { signal });
        found.push(...page.items);
        after = page.items.length === PAGE ? (page.page.endCursor ?? undefined) : undefined;
      } while (after && found.length < MOST);
      // a value the case held when the page read it before stays masked: a message may still quote it after an edit
      if (!signal.aborted) setValues((before) => mergePersonalValues(personalValuesOfVariables(found), Array.isArray(before) ? before : []));
    })().catch(() => !signal.aborted && setValues('failed'));
    return () => reads.abort();
  }, [client, keys, revision]);

  return {
    masked(text) {
      if (values === undefined) return undefined;
      return values === 'failed' ? t.instance.personalDataUnchecked : maskPersonalValuesIn(text, values);
    },
  };
}
