/**
 * Figures a page shows from the monitor's read model (首页, 逾期与临期, 流程热力图's 办理时长), kept fresh the same way on
 * each: read at once, again every {@link REFRESH_MS} while the tab is shown, at once when it is shown again, and
 * on R (`monitor:refresh`). A manager who leaves the page open sees new figures and the freshness line's word that
 * the passes fail, not what the page read when she opened it.
 *
 * A re-read replaces the figures only when its answer comes: the page keeps what it shows meanwhile (no 加载中, so
 * the list does not flicker, nothing is unmounted, and the manager's filters, tab, scroll position and keyboard focus
 * stay where they are); only the newest read's answer is shown (a slower answer for the filter before, or an older
 * re-read, would put its figures under the filter just chosen). A tab in the background asks nothing: its next read
 * is the one as it is shown again.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { failureOf, type Failure } from '../../../web-shared/src/api/failure.js';

/** How often a shown page reads its figures again (the read model's passes are a second apart). */
export const REFRESH_MS = 30_000;

export interface RefreshedFigures<T> {
  /** The newest figures read (those of the filter before until the new filter's answer comes), or `initial`. */
  figures: T | undefined;
  /** Why the newest read failed, until a read works (the figures before stay shown under it). */
  error: Failure | string | undefined;
}

/**
 * `read` (memoised on what it reads: a new one reads at once) gets `polling` true for the reads the manager did not
 * ask for (the timer's, the tab's being shown again), which mark their requests as background refreshes. Undefined:
 * nothing is read (a tab of the page that shows no such figures).
 */
export function useRefreshedFigures<T>(read: ((polling: boolean) => Promise<T>) | undefined, initial?: () => T | undefined): RefreshedFigures<T> {
  const [figures, setFigures] = useState<T | undefined>(initial);
  const [error, setError] = useState<Failure | string | undefined>(undefined);
  const latest = useRef(0);

  useEffect(() => {
    if (!read) return;
    let timer: number | undefined;
    const load = (polling: boolean) => {
      const request = ++latest.current;
      read(polling).then(
        (result) => {
          if (request !== latest.current) return;
          setFigures(result);
          setError(undefined);
        },
        (failure: Error) => request === latest.current && setError(failureOf(failure)),
      );
    };
    // (a chain of timeouts rather than an interval: a read asked for by hand or by showing the tab starts the wait again)
    const next = () => {
      window.clearTimeout(timer);
      timer = document.visibilityState === 'visible' ? window.setTimeout(() => (load(true), next()), REFRESH_MS) : undefined;
    };
    const byHand = () => (load(false), next());
    const onVisibility = () => (document.visibilityState === 'visible' ? (load(true), next()) : window.clearTimeout(timer));
    load(false);
    next();
    window.addEventListener('monitor:refresh', byHand);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.clearTimeout(timer);
      window.removeEventListener('monitor:refresh', byHand);
      document.removeEventListener('visibilitychange', onVisibility);
      // an answer still under way is not shown (another read, or the page left)
      latest.current += 1;
    };
  }, [read]);

  return { figures, error };
}
