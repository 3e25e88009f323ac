/**
 * The summary of a submit's errors above the form — 有 N 处内容需要修改，请逐项修改 — and, where the focus did not
 * move to the first field marked wrong (a Ctrl+Enter from that field: nothing else is read), which it is
 * (。第一处：参保人姓名——此项为必填项。); where the focus moved there, the screen reader reads the field's label and
 * message as it lands, and the summary does not say them a second time. In an assertive live region that is on
 * the page before the first failed submit and stays (empty and unseen in between): a region inserted together with its text is often not read out by a screen reader, and the same
 * summary set again (a second 提交 with the same errors, a Ctrl+Enter from the field already focused) changes
 * nothing to read. Each summary is therefore written into the region a moment after the region was emptied. The
 * task page's 办结 and 新办件's 提交受理 show it (use-form-error-summary.ts: form-errors.ts finds the first field and
 * its message).
 */
import { useEffect, useState } from 'preact/hooks';
import type { FirstFormError } from '../../../web-shared/src/form-js/form-errors.js';
import { t } from '../texts.js';

/** What a failed submit found: how many fields are wrong, and the first of them where the summary names it. */
export interface FormErrorsFound {
  count: number;
  first?: FirstFormError;
}

/** How long the region stays empty before a summary is written into it: long enough for a screen reader to see it change. */
const ANNOUNCE_AFTER_MS = 100;

export function FormErrorSummary({ found }: { found: FormErrorsFound | undefined }) {
  const [shown, setShown] = useState('');
  useEffect(() => {
    setShown('');
    if (!found) return;
    const text = found.first ? `${t.task.fixErrors(found.count)}。${t.task.firstError(found.first.label, found.first.message)}` : t.task.fixErrors(found.count);
    const timer = window.setTimeout(() => setShown(text), ANNOUNCE_AFTER_MS);
    return () => window.clearTimeout(timer);
  }, [found]);
  return (
    <p class={shown ? 'banner error form-error-summary' : 'form-error-summary'} role="alert" aria-atomic="true" data-testid="form-error-summary">
      {shown || null}
    </p>
  );
}
