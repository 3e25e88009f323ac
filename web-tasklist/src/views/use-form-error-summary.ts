/**
 * A page's failed submits, for its FormErrorSummary (form-error-summary.tsx): `report(count)` moves the focus to the
 * first field marked wrong (form-errors.ts) and then sets what the summary says — once, so a slow PC never reads
 * the count alone and then the count with the first field —; `clear()` empties it before each try. The task page's
 * 办结 and 新办件's 提交受理 share it.
 */
import { useCallback, useRef, useState } from 'preact/hooks';
import { focusFirstFormError } from '../../../web-shared/src/form-js/form-errors.js';
import type { FormErrorsFound } from './form-error-summary.js';

export interface FormErrorSummaryState {
  /** What the summary says (undefined: nothing). */
  found: FormErrorsFound | undefined;
  /** A submit found `count` fields wrong (form-js marks them as it renders). */
  report(count: number): void;
  /** A new try: the summary is emptied, and a report still under way is not shown. */
  clear(): void;
}

/** `within`: the selector of the page's form (`.start-form`, `.task-detail`). */
export function useFormErrorSummary(within: string): FormErrorSummaryState {
  const [found, setFound] = useState<FormErrorsFound | undefined>(undefined);
  // the latest report or clear: a focus that resolves after a newer one is not shown
  const token = useRef(0);
  const clear = useCallback(() => {
    token.current += 1;
    setFound(undefined);
  }, []);
  const report = useCallback(
    (count: number) => {
      const own = ++token.current;
      void focusFirstFormError(within).then(({ first, moved }) => {
        if (token.current !== own) return;
        // (the focus landing in that field reads its label and message: the summary names it only when it stayed put)
        setFound(first && !moved ? { count, first } : { count });
      });
    },
    [within],
  );
  return { found, report, clear };
}
