/**
 * 首页: the figures of a period (today, this week, this month, a chosen range) — cases started, completed, open,
 * overdue, due soon; cycle time median and p90 against the statutory limit in working days; share completed on
 * time — per process and per national item, open steps by step and by group, per clerk; charts with ECharts
 * beside tables of the same figures; the monthly report as .xlsx.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useState } from 'preact/hooks';
import { Chart, preloadCharts } from '../charts/chart.js';
import { cycleChartOption, openChartOption, stepsChartOption } from '../charts/overview-charts.js';
import type { Figures, Overview, ProcessFigures } from '../monitor-types.js';
import { chartsDrawnFor, overviewAlreadyHere } from '../monitor-api.js';
import { linkProps } from '../router.js';
import { t } from '../texts.js';
import { useMonitorData } from '../use-monitor-data.js';
import { FreshnessLine } from './freshness-line.js';
import { PeriodPicker, usePeriod } from './period-picker.js';
import { useRefreshedFigures } from './use-refreshed-figures.js';
import { ErrorNotice } from '../../../web-shared/src/layout/error-notice.js';

export function OverviewPage() {
  const { api, userName, catalog } = useMonitorData();
  const [period, setPeriod] = usePeriod();
  const read = useCallback((polling: boolean, signal: AbortSignal) => api.overview(period, polling, signal), [api, period]);
  // the figures the page came with (or an early answer already here) show in the first render; another period's stay
  // until the chosen one's answer, dimmed (their period line names their own period), so the charts are not unmounted
  const { figures, previous, error, staleSince } = useRefreshedFigures(read, () => overviewAlreadyHere(period));
  const overview = figures ?? previous;

  useEffect(() => {
    preloadCharts();
  }, []);

  return (
    <section class="overview" aria-labelledby="overview-title">
      <div class="page-bar">
        <h1 id="overview-title">{t.overview.title}</h1>
        <PeriodPicker value={period} onChange={setPeriod} />
        <a class="button" href={api.reportUrl(period)} download data-testid="export-report">
          {t.overview.export}
        </a>
      </div>
      {error && <ErrorNotice class="banner error" failure={error} />}
      {!overview ? (
        <p class="muted">{t.common.loading}</p>
      ) : (
        <div class={figures ? 'overview-figures' : 'overview-figures stale-figures'} aria-busy={!figures && !error}>
          <OverviewBody overview={overview} userName={userName} perPerson={catalog.perPersonFigures} staleSince={staleSince} />
        </div>
      )}
    </section>
  );
}

function OverviewBody({ overview, userName, perPerson, staleSince }: { overview: Overview; userName: (id: string) => string; perPerson: boolean; staleSince?: number }) {
  const { totals } = overview;
  // the figures that came with the page come with their top charts drawn by the server
  const drawn = chartsDrawnFor(overview);
  const below = useShownAfterFirstPaint(drawn === undefined);
  return (
    <>
      <FreshnessLine freshness={overview.freshness} staleSince={staleSince} />
      <p class="muted period-line">
        {t.period.label}：{t.period.range(overview.period.from, overview.period.to)} · {t.kpi.dueSoonHint(overview.dueSoonWorkingDays, overview.dueSoonUntil)}
      </p>
      <KpiTiles totals={totals} />
      <div class="chart-row">
        <div class="panel">
          <h2>{t.overview.openChart}</h2>
          <OpenChart processes={overview.processes} drawn={drawn?.open} />
        </div>
        <div class="panel">
          <h2>{t.overview.cycleChart}</h2>
          <CycleChart processes={overview.processes} drawn={drawn?.cycle} />
        </div>
      </div>
      {below && (
        <BelowTheCharts overview={overview} userName={userName} perPerson={perPerson} />
      )}
    </>
  );
}

/**
 * True from the first render when `now`, else from a task after the first frame has been painted: the page that came
 * with its first screen paints its figures and top charts without the tables below them (about 1,000 cells, whose
 * DOM, style and layout took about as long as the rest of the first render and its frame together; the browser lays
 * out the two tables just below the charts in that frame although they are mostly out of sight).
 */
function useShownAfterFirstPaint(now: boolean): boolean {
  const [shown, setShown] = useState(now);
  // (a layout effect runs in the render's task: the frame asked for here is the first one, and the timer's task
  // comes after its paint; a plain effect would only start after that paint and wait for a second frame)
  // A tab opened in the background (or a minimised window) gets no frame until it is shown: there the timer of
  // 100 ms (Preact's own fallback for its effects) shows the tables instead
  useLayoutEffect(() => {
    if (shown) return;
    let timer: number | undefined;
    const show = () => setShown(true);
    const frame = requestAnimationFrame(() => {
      window.clearTimeout(hidden);
      timer = window.setTimeout(show, 0);
    });
    const hidden = window.setTimeout(() => {
      cancelAnimationFrame(frame);
      show();
    }, 100);
    return () => {
      cancelAnimationFrame(frame);
      window.clearTimeout(timer);
      window.clearTimeout(hidden);
    };
  }, []);
  return shown;
}

function BelowTheCharts({ overview, userName, perPerson }: { overview: Overview; userName: (id: string) => string; perPerson: boolean }) {
  return (
    <>
      <div class="panel">
        <h2>{t.overview.byProcess}</h2>
        <ProcessTable processes={overview.processes} />
      </div>
      <div class="panel">
        <h2>{t.overview.byItem}</h2>
        <FiguresTable
          testId="item-table"
          rows={overview.nationalItems.map((item) => ({ key: item.code ?? item.name, first: item.name, second: item.code ?? '—', figures: item }))}
          headers={[t.overview.item, t.overview.code]}
        />
      </div>
      <div class="chart-row">
        <div class="panel">
          <h2>{t.overview.waitingSteps}</h2>
          <StepsChart steps={overview.waitingSteps} />
        </div>
        <div class="panel">
          <h2>{t.overview.groups}</h2>
          <table class="data" data-testid="group-table">
            <tbody>
              {overview.groups.map((group) => (
                <tr key={group.groupId}>
                  <th scope="row">{group.nameZh}</th>
                  <td class="number">{group.n}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <div class="panel">
        <h2>{t.overview.clerks}</h2>
        {!perPerson || !overview.clerks ? (
          <p class="muted">{t.overview.clerksOff}</p>
        ) : (
          <table class="data" data-testid="clerk-table">
            <thead>
              <tr>
                <th>{t.overview.clerk}</th>
                <th>{t.overview.openTasks}</th>
                <th>{t.overview.completedTasks}</th>
                <th>{t.overview.handlingMedian}</th>
              </tr>
            </thead>
            <tbody>
              {overview.clerks.map((clerk) => (
                <tr key={clerk.assignee}>
                  <th scope="row">{userName(clerk.assignee)}</th>
                  <td class="number">{clerk.open}</td>
                  <td class="number">{clerk.completed}</td>
                  <td class="number">{clerk.handling.median ?? t.common.dash}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </>
  );
}

function KpiTiles({ totals }: { totals: Figures }) {
  const tiles: { id: string; label: string; value: string; kind?: string; link?: Parameters<typeof linkProps>[0] }[] = [
    { id: 'started', label: t.kpi.started, value: String(totals.started) },
    { id: 'completed', label: t.kpi.completed, value: String(totals.completed) },
    { id: 'notAccepted', label: t.kpi.notAccepted, value: String(totals.notAccepted) },
    { id: 'open', label: t.kpi.open, value: String(totals.open) },
    { id: 'overdue', label: t.kpi.overdue, value: String(totals.overdue), kind: totals.overdue > 0 ? 'danger' : undefined, link: { page: 'open-cases', kind: 'overdue' } },
    { id: 'dueSoon', label: t.kpi.dueSoon, value: String(totals.dueSoon), kind: totals.dueSoon > 0 ? 'warn' : undefined, link: { page: 'open-cases', kind: 'dueSoon' } },
    { id: 'onTimeRate', label: t.kpi.onTimeRate, value: t.kpi.rate(totals.onTime.rate) },
    { id: 'medianCycle', label: t.kpi.medianCycle, value: t.kpi.workingDays(totals.cycle.median) },
    { id: 'p90Cycle', label: t.kpi.p90Cycle, value: t.kpi.workingDays(totals.cycle.p90) },
  ];
  return (
    <ul class="kpis">
      {tiles.map((tile) => (
        <li key={tile.id} class={`kpi ${tile.kind ?? ''}`}>
          {tile.link ? (
            <a {...linkProps(tile.link)}>
              <span class="kpi-label">{tile.label}</span>
              <span class="kpi-value" data-testid={`kpi-${tile.id}`}>
                {tile.value}
              </span>
            </a>
          ) : (
            <>
              <span class="kpi-label">{tile.label}</span>
              <span class="kpi-value" data-testid={`kpi-${tile.id}`}>
                {tile.value}
              </span>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

function OpenChart({ processes, drawn }: { processes: ProcessFigures[]; drawn?: string }) {
  const sized = useMemo(() => openChartOption(processes), [processes]);
  if (!sized) return <p class="muted">{t.overview.none}</p>;
  return <Chart option={sized.option} height={sized.height} label={t.overview.openChart} testId="open-chart" drawn={drawn} />;
}

function CycleChart({ processes, drawn }: { processes: ProcessFigures[]; drawn?: string }) {
  const sized = useMemo(() => cycleChartOption(processes), [processes]);
  if (!sized) return <p class="muted">{t.overview.none}</p>;
  return <Chart option={sized.option} height={sized.height} label={t.overview.cycleChart} testId="cycle-chart" drawn={drawn} withPrevious />;
}

function StepsChart({ steps }: { steps: Overview['waitingSteps'] }) {
  const { processTitle } = useMonitorData();
  const rows = useMemo(() => steps.slice(0, 12), [steps]);
  const sized = useMemo(() => stepsChartOption(steps, processTitle), [steps, processTitle]);
  if (!sized) return <p class="muted">{t.overview.none}</p>;
  return (
    <>
      <Chart option={sized.option} height={sized.height} label={sized.aria} testId="steps-chart" />
      {/* the chart's figures for a screen reader or the keyboard (the other charts' are in 按事项's table) */}
      <details class="chart-table">
        <summary>{t.charts.asTable}</summary>
        <table class="data" data-testid="steps-table">
          <thead>
            <tr>
              <th>{t.overview.process}</th>
              <th>{t.overview.step}</th>
              <th>{t.overview.waitingTasks}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((step) => (
              <tr key={`${step.processId} ${step.elementId}`}>
                <td>{processTitle(step.processId)}</td>
                <th scope="row">{step.name}</th>
                <td class="number">{step.n}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  );
}

function ProcessTable({ processes }: { processes: ProcessFigures[] }) {
  const rows = processes.filter((p) => p.started + p.completed + p.notAccepted + p.canceled + p.open > 0);
  if (rows.length === 0) return <p class="muted">{t.overview.none}</p>;
  return (
    <FiguresTable
      testId="process-table"
      rows={rows.map((p) => ({ key: p.processId, first: p.titleZh, second: p.timeLimitZh, figures: p, processId: p.processId }))}
      headers={[t.overview.process, t.overview.limit]}
    />
  );
}

function FiguresTable({ rows, headers, testId }: { rows: { key: string; first: string; second: string; figures: Figures; processId?: string }[]; headers: [string, string]; testId: string }) {
  return (
    <div class="table-scroll">
      <table class="data" data-testid={testId}>
        <thead>
          <tr>
            <th>{headers[0]}</th>
            <th>{headers[1]}</th>
            <th>{t.kpi.started}</th>
            <th>{t.kpi.completed}</th>
            <th>{t.kpi.notAccepted}</th>
            <th>{t.kpi.canceled}</th>
            <th>{t.kpi.open}</th>
            <th>{t.kpi.overdue}</th>
            <th>{t.kpi.dueSoon}</th>
            <th>{t.kpi.withIncident}</th>
            <th>{t.overview.median}</th>
            <th>{t.overview.p90}</th>
            <th>{t.kpi.onTimeRate}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ key, first, second, figures, processId }) => (
            <tr key={key} data-row={key}>
              <th scope="row">{processId ? <a {...linkProps({ page: 'heatmap', processId })}>{first}</a> : first}</th>
              <td>{second}</td>
              <td class="number" data-cell="started">{figures.started}</td>
              <td class="number" data-cell="completed">{figures.completed}</td>
              <td class="number" data-cell="notAccepted">{figures.notAccepted}</td>
              <td class="number" data-cell="canceled">{figures.canceled}</td>
              <td class="number" data-cell="open">{figures.open}</td>
              <td class={`number ${figures.overdue > 0 ? 'error' : ''}`} data-cell="overdue">{figures.overdue}</td>
              <td class={`number ${figures.dueSoon > 0 ? 'notice' : ''}`} data-cell="dueSoon">{figures.dueSoon}</td>
              <td class="number" data-cell="withIncident">{figures.withIncident}</td>
              <td class="number" data-cell="median">{figures.cycle.median ?? t.common.dash}</td>
              <td class="number" data-cell="p90">{figures.cycle.p90 ?? t.common.dash}</td>
              <td class="number" data-cell="onTimeRate">{t.kpi.rate(figures.onTime.rate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
