/**
 * One ECharts chart: the library is loaded when the first chart is shown; the chart follows its option and the
 * size of its box. A chart is a picture of figures the page also lists in a table (screen readers read that).
 * When the library cannot be loaded (a network cut, a new version deployed while the page was open), each chart's
 * box says so in Chinese, with a reload as the way out: Chromium keeps a failed `import()` for the rest of the
 * page's life, so loading it again before a reload would fail the same way. One of them is an alert (the first to
 * fail): a screen reader announces the failure once, not once per chart.
 *
 * A chart may come drawn by the server (`drawn`, 首页's two top charts in its first screen): that picture shows at
 * once, and the chart becomes the live one (tooltips, resizing) on the first pointer on it (the box takes no
 * focus: a keyboard user reads the figures in the tables), when the browser has been idle a while, or when its
 * option changes — never in the task of the first render, where the library's first draw (a few hundred
 * milliseconds of cold code) would hold up the first screen. A pointer resting on the box when the chart is drawn
 * gets its tooltip there: ECharts hears of a pointer only when it moves, so one that came before the library (or
 * stood still while the chart went live) would otherwise show nothing until it moved.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../texts.js';
import { withDefaults } from './overview-charts.js';

type EChartsOption = Record<string, unknown>;
interface ChartInstance {
  setOption(option: EChartsOption, notMerge?: boolean): void;
  dispatchAction(action: { type: 'showTip'; x: number; y: number }): void;
  resize(): void;
  dispose(): void;
}

// (a failure is kept, not retried: the browser would answer the same until the page is reloaded)
let loading: Promise<typeof import('./echarts-setup.js')> | undefined;
const load = () => (loading ??= import('./echarts-setup.js'));

/**
 * Starts loading the chart library before the first chart is shown: a page with charts calls it as it asks for its
 * figures, so the library downloads and compiles while the server counts them, not after.
 */
export function preloadCharts(): void {
  // (a failure is shown by the charts, which await the same promise)
  load().catch(() => undefined);
}

/**
 * Runs `draw` after the charts asked before it have drawn, each in a task of its own after a frame: drawing a chart
 * takes tens of milliseconds on an office PC, so the page paints between charts and the ones at its top (drawn
 * first, in the page's order) show without waiting for those further down. A chart with none before it draws at once
 * (its effect runs after a paint already). A chart beside the one before it (`withPrevious`, the same row) draws in
 * that one's task: they show together, without a paint of the whole page between them.
 */
let drawing: Promise<void> | undefined;
function inTurn(draw: () => void, withPrevious: boolean): Promise<void> {
  const afterFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const turn = (drawing ? drawing.then(withPrevious ? undefined : afterFrame) : Promise.resolve()).then(draw);
  // (a chart that failed to draw does not hold up the next)
  const settled = turn.catch(() => undefined);
  drawing = settled;
  void settled.then(() => {
    if (drawing === settled) drawing = undefined;
  });
  return turn;
}

/** A drawn chart goes live when the browser is idle after this long (or at the latest `IDLE_TIMEOUT_MS` later). */
const LIVE_AFTER_MS = 1_000;
const IDLE_TIMEOUT_MS = 3_000;

/** The chart whose failure is the page's one alert, while it is shown. */
let alerting: object | undefined;

export function Chart({
  option,
  height,
  label,
  testId,
  withPrevious = false,
  drawn,
}: {
  option: EChartsOption;
  height: number;
  label: string;
  testId?: string;
  /** Drawn in the same task as the chart before it (beside it in a row). */
  withPrevious?: boolean;
  /** The chart of `option` as the server drew it (SVG markup ECharts wrote from our own figures, texts escaped). */
  drawn?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ChartInstance | undefined>(undefined);
  // the option when the chart is drawn, which may be after its first render
  const latest = useRef(option);
  latest.current = option;
  const [failed, setFailed] = useState(false);
  const self = useRef({});
  // the server's picture, the box's content until the live chart replaces it. Preact sets innerHTML again only when
  // `__html` changes, so the live chart's children stay; removing the prop would run `innerHTML = ''` and wipe them,
  // which is why the picture is taken out through the DOM, never through this prop
  const [picture] = useState(() => (drawn === undefined ? undefined : { __html: drawn }));
  const pictured = useRef(option);
  const [live, setLive] = useState(picture === undefined);
  // the library failed to load while the picture was kept
  const unloadable = useRef(false);
  // where a pointer on the box is, in the viewport (the box may move under it as the page fills)
  const pointer = useRef<{ x: number; y: number } | undefined>(undefined);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const track = (event: PointerEvent) => (pointer.current = { x: event.clientX, y: event.clientY });
    const leave = () => (pointer.current = undefined);
    element.addEventListener('pointerenter', track);
    element.addEventListener('pointermove', track);
    element.addEventListener('pointerleave', leave);
    return () => {
      element.removeEventListener('pointerenter', track);
      element.removeEventListener('pointermove', track);
      element.removeEventListener('pointerleave', leave);
    };
  }, []);

  useEffect(() => {
    const element = box.current;
    if (live || !element) return;
    const goLive = () => setLive(true);
    element.addEventListener('pointerenter', goLive);
    let idle: number | undefined;
    const timer = window.setTimeout(() => (idle = requestIdleCallback(goLive, { timeout: IDLE_TIMEOUT_MS })), LIVE_AFTER_MS);
    return () => {
      element.removeEventListener('pointerenter', goLive);
      window.clearTimeout(timer);
      if (idle !== undefined) cancelIdleCallback(idle);
    };
  }, [live]);

  useEffect(() => {
    if (!live) return;
    let disposed = false;
    let observer: ResizeObserver | undefined;
    const fail = () => {
      if (!disposed) setFailed(true);
    };
    // (the library not loading leaves the server's picture while it still shows the chart's figures)
    const failToLoad = () => {
      unloadable.current = true;
      if (!(picture && latest.current === pictured.current)) fail();
    };
    // the library failing to load and the chart failing to draw both leave the table beside it and say so
    void load()
      .then(
        ({ init }) =>
          inTurn(() => {
            const element = box.current;
            if (disposed || !element) return;
            // (the server's picture goes in the task the live chart is drawn in: no empty box is painted between)
            if (picture) element.replaceChildren();
            chart.current = init(element, undefined, { renderer: 'svg' }) as unknown as ChartInstance;
            chart.current.setOption(withDefaults(latest.current), true);
            // (only while the pointer is still over the box: one that stood still as the page moved the box from
            // under it heard no pointerleave)
            if (pointer.current && element.matches(':hover')) {
              const { left, top } = element.getBoundingClientRect();
              chart.current.dispatchAction({ type: 'showTip', x: pointer.current.x - left, y: pointer.current.y - top });
            }
            // (an observer reports the size it starts with: redrawing the chart at that size would only cost time)
            let size = `${element.clientWidth}×${element.clientHeight}`;
            observer = new ResizeObserver(() => {
              const now = `${element.clientWidth}×${element.clientHeight}`;
              if (now === size) return;
              size = now;
              chart.current?.resize();
            });
            observer.observe(element);
            element.dataset.ready = 'true';
          }, withPrevious),
        failToLoad,
      )
      .catch(fail);
    return () => {
      disposed = true;
      if (alerting === self.current) alerting = undefined;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = undefined;
    };
  }, [live]);

  useEffect(() => {
    if (chart.current) chart.current.setOption(withDefaults(option), true);
    // new figures before the drawn chart went live: the live chart draws them (or says it cannot, the picture
    // being out of date)
    else if (option !== pictured.current) {
      // (out of date at once: the box must not show last period's figures as ready while the library loads)
      const element = box.current;
      if (element) {
        element.replaceChildren();
        delete element.dataset.ready;
      }
      if (unloadable.current) setFailed(true);
      else setLive(true);
    }
  }, [option]);

  if (failed) {
    alerting ??= self.current;
    return (
      <p class="chart chart-failed" role={alerting === self.current ? 'alert' : undefined} data-testid={testId}>
        {t.charts.failed}
      </p>
    );
  }
  return (
    <div
      class="chart"
      ref={box}
      style={{ height: `${height}px` }}
      role="img"
      aria-label={label}
      data-testid={testId}
      data-ready={picture ? 'true' : undefined}
      dangerouslySetInnerHTML={picture}
    />
  );
}
