/**
 * Figures a page shows from the monitor's read model (首页, 逾期与临期, 流程热力图's 办理时长), kept fresh the same way on
 * each: read at once, again every {@link REFRESH_MS} while the tab is shown, when it is shown again (unless a read
 * started less than {@link SHOWN_GAP_MS} ago), and on R (`monitor:refresh`). A manager who leaves the page open sees
 * new figures and the freshness line's word that the passes fail, not what the page read when she opened it.
 *
 * A re-read of the same figures (the same `read`) replaces them only when its answer comes: the page keeps what it
 * shows meanwhile (no 加载中, so the list does not flicker, nothing is unmounted, and the manager's filters, tab, scroll
 * position and keyboard focus stay where they are). The figures of another `read` (the filter, tab, process or
 * period before) are not given as this one's: they come as {@link RefreshedFigures.previous}, which a page shows
 * dimmed or not at all — under the new filter's labels they would read as its figures (剩余 over overdue counts).
 *
 * One read at a time: a poll while a read of the same figures is under way is skipped (an answer slower than the
 * poll's period was never shown, and the requests piled up); a read is abandoned when `read` changes, the page is
 * left, or it has taken {@link READ_TIMEOUT_MS} (so the next poll reads again). A page opened in a background tab
 * reads once, as it mounts, then not until the tab is shown.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { failureOf, type Failure } from '../../../web-shared/src/api/failure.js';
import { t } from '../texts.js';

/** How often a shown page reads its figures again (the read model's passes are a second apart). */
export const REFRESH_MS = 30_000;
/** A tab shown again reads at once only if its last read started this long ago (switching tabs back and forth). */
export const SHOWN_GAP_MS = 10_000;
/** A read not answered by then is abandoned (below {@link REFRESH_MS}: the next poll reads again). */
export const READ_TIMEOUT_MS = 25_000;

/** What a page is given to read its figures with. */
export type FiguresRead<T> = (polling: boolean, signal: AbortSignal) => Promise<T>;

export interface RefreshedFigures<T> {
  /** The newest figures of the current `read` (or `initial`, the first read's), undefined until its first answer. */
  figures: T | undefined;
  /** Until the current `read` has answered: the figures of the `read` before (another filter), for a dimmed display. */
  previous: T | undefined;
  /** Why the newest read of the current `read` failed, until one works. */
  error: Failure | string | undefined;
  /**
   * When a re-read failed while {@link figures} stay shown: the client time (epoch ms) of the answer they are
   * (「未能刷新，以下为 HH:mm 读取的数字」). Undefined while the reads work.
   */
  staleSince: number | undefined;
}

interface Shown<T> {
  read: unknown;
  figures: T | undefined;
  /** Client time of the answer. */
  at: number | undefined;
}

/**
 * `read` (memoised on what it reads: a new one reads at once) gets `polling` true for the reads the manager did not
 * ask for (the timer's, the tab's being shown again), which mark their requests as background refreshes, and a signal
 * to abandon the request with. Undefined: nothing is read (a tab of the page that shows no such figures).
 */
export function useRefreshedFigures<T>(read: FiguresRead<T> | undefined, initial?: () => T | undefined): RefreshedFigures<T> {
  const [shown, setShown] = useState<Shown<T>>(() => {
    const figures = initial?.();
    return { read, figures, at: figures === undefined ? undefined : Date.now() };
  });
  const [failed, setFailed] = useState<{ read: unknown; error: Failure | string } | undefined>(undefined);
  const latest = useRef(0);

  useEffect(() => {
    if (!read) return;
    let timer: number | undefined;
    let inFlight: AbortController | undefined;
    let startedAt = 0;
    const load = (polling: boolean) => {
      // a poll: the answer under way will do (it was asked after the filters last changed); by hand (R): she asks for
      // the figures of now, so the read under way is given up (its answer, if any, is not shown) and a new one goes out
      if (inFlight && polling) return;
      inFlight?.abort(new Error('superseded'));
      const request = ++latest.current;
      const controller = new AbortController();
      inFlight = controller;
      startedAt = performance.now();
      const timeout = window.setTimeout(() => controller.abort(new Error(t.freshness.timedOut)), READ_TIMEOUT_MS);
      const done = () => {
        window.clearTimeout(timeout);
        if (inFlight === controller) inFlight = undefined;
      };
      read(polling, controller.signal).then(
        (result) => {
          done();
          if (request !== latest.current) return;
          setShown({ read, figures: result, at: Date.now() });
          setFailed(undefined);
        },
        (failure: Error) => {
          done();
          if (request === latest.current) setFailed({ read, error: failureOf(failure) });
        },
      );
    };
    // (a chain of timeouts rather than an interval: a read asked for by hand or by showing the tab starts the wait again)
    const next = (wait = REFRESH_MS) => {
      window.clearTimeout(timer);
      timer = document.visibilityState === 'visible' ? window.setTimeout(() => (load(true), next()), wait) : undefined;
    };
    const byHand = () => (load(false), next());
    const onVisibility = () => {
      if (document.visibilityState !== 'visible') return window.clearTimeout(timer);
      const since = performance.now() - startedAt;
      // shown again soon after a read: the wait goes on for the rest of its period
      if (since < SHOWN_GAP_MS) return next(REFRESH_MS - since);
      load(true);
      next();
    };
    load(false);
    next();
    window.addEventListener('monitor:refresh', byHand);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.clearTimeout(timer);
      window.removeEventListener('monitor:refresh', byHand);
      document.removeEventListener('visibilitychange', onVisibility);
      // an answer still under way is not shown (another read, or the page left), nor waited for
      latest.current += 1;
      inFlight?.abort();
    };
  }, [read]);

  const current = shown.read === read;
  const error = failed && failed.read === read ? failed.error : undefined;
  return {
    figures: current ? shown.figures : undefined,
    previous: current ? undefined : shown.figures,
    error,
    staleSince: current && error !== undefined && shown.figures !== undefined ? shown.at : undefined,
  };
}
