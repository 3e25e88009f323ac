/**
 * One ECharts chart: the library is loaded when the first chart is shown; the chart follows its option and the
 * size of its box. A chart is a picture of figures the page also lists in a table (screen readers read that).
 */
import { useEffect, useRef } from 'preact/hooks';

type EChartsOption = Record<string, unknown>;
interface ChartInstance {
  setOption(option: EChartsOption, notMerge?: boolean): void;
  resize(): void;
  dispose(): void;
}

let loading: Promise<typeof import('./echarts-setup.js')> | undefined;
const load = () => (loading ??= import('./echarts-setup.js'));

/**
 * Starts loading the chart library before the first chart is shown: a page with charts calls it as it asks for its
 * figures, so the library downloads and compiles while the server counts them, not after.
 */
export function preloadCharts(): void {
  // (a failure shows where a chart loads it again)
  load().catch(() => {
    loading = undefined;
  });
}

export const CHART_FONT = "'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', sans-serif";

export function Chart({ option, height, label, testId }: { option: EChartsOption; height: number; label: string; testId?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ChartInstance | undefined>(undefined);

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | undefined;
    void load().then(({ init }) => {
      if (disposed || !box.current) return;
      chart.current = init(box.current, undefined, { renderer: 'canvas' }) as unknown as ChartInstance;
      chart.current.setOption({ textStyle: { fontFamily: CHART_FONT }, animation: false, ...option }, true);
      observer = new ResizeObserver(() => chart.current?.resize());
      observer.observe(box.current);
      box.current.dataset.ready = 'true';
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = undefined;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ textStyle: { fontFamily: CHART_FONT }, animation: false, ...option }, true);
  }, [option]);

  return <div class="chart" ref={box} style={{ height: `${height}px` }} role="img" aria-label={label} data-testid={testId} />;
}
