/**
 * 流程热力图: a process's diagram coloured by where its open cases are — active instances and incidents per
 * element, from Camunda 8.8's `POST /v2/process-definitions/{key}/statistics/element-instances` (so the same view
 * works on a cluster) — or, in the manner of Optimize's target values, by how long each user task takes in working
 * days (median and p90 of the period, from the read model, whose freshness line shows with them) against the share
 * of the statutory limit it may use. Either is read again every 30 s while the tab is shown and on R, as 首页
 * (use-refreshed-figures.ts): only the figures are, not the diagram, whose markers and badges change in place (the
 * manager's zoom and scroll stay, the canvas is not drawn again).
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ElementStatistics, ProcessDefinition } from '../../../web-shared/src/api/camunda-types.js';
import { useSession } from '../../../web-shared/src/auth/session.js';
import { formatDateTime } from '../../../web-shared/src/format/dates.js';
import { BpmnDiagram, type DiagramOverlay } from '../diagram/bpmn-diagram.js';
import type { DurationView } from '../monitor-types.js';
import { navigate } from '../router.js';
import { t } from '../texts.js';
import { useMonitorData } from '../use-monitor-data.js';
import { FreshnessLine } from './freshness-line.js';
import { PeriodPicker, usePeriod } from './period-picker.js';
import { useRefreshedFigures } from './use-refreshed-figures.js';
import { failureOf, type Failure } from '../../../web-shared/src/api/failure.js';
import { ErrorNotice } from '../../../web-shared/src/layout/error-notice.js';

type Mode = 'counts' | 'durations';

export function HeatmapPage({ processId: chosen }: { processId?: string }) {
  const { client } = useSession();
  const { api, catalog } = useMonitorData();
  const processId = chosen ?? catalog.processes[0]?.processId ?? '';
  const [versions, setVersions] = useState<ProcessDefinition[]>([]);
  const [definitionKey, setDefinitionKey] = useState<string | undefined>(undefined);
  /** The diagram with the version it is of: another version's counts are never drawn on it. */
  const [diagram, setDiagram] = useState<{ definitionKey: string; xml: string } | undefined>(undefined);
  const [mode, setMode] = useState<Mode>('counts');
  const [period, setPeriod] = usePeriod();
  const [error, setError] = useState<Failure | string | undefined>(undefined);

  useEffect(() => {
    setDiagram(undefined);
    client
      .searchProcessDefinitions({ filter: { processDefinitionId: processId }, sort: [{ field: 'version', order: 'desc' }], page: { limit: 100 } })
      .then((result) => {
        setVersions(result.items);
        setDefinitionKey(result.items[0]?.processDefinitionKey);
      })
      .catch((failure: Error) => setError(failureOf(failure)));
  }, [client, processId]);

  // the diagram of a version is read once (it never changes); again on R only while it could not be read
  useEffect(() => {
    if (!definitionKey) return;
    let loaded = false;
    let cancelled = false;
    const load = () => {
      if (loaded) return;
      client
        .getProcessDefinitionXml(definitionKey)
        .then((text) => {
          if (cancelled) return;
          loaded = true;
          setDiagram({ definitionKey, xml: text });
          setError(undefined);
        })
        .catch((failure: Error) => !cancelled && setError(failureOf(failure)));
    };
    load();
    window.addEventListener('monitor:refresh', load);
    return () => {
      cancelled = true;
      window.removeEventListener('monitor:refresh', load);
    };
  }, [client, definitionKey]);

  // the counts are the engine's own (no read model, so no freshness line), read again every 30 s and on R as the
  // durations are, on either tab (back on 在办与异常数 they are there at once); only the chosen version's are shown
  // (another's badges on this diagram would read as its own)
  const readCounts = useMemo(
    () => (definitionKey ? (polling: boolean, signal: AbortSignal) => client.processDefinitionStatistics(definitionKey, { state: 'ACTIVE' }, { polling, signal }) : undefined),
    [client, definitionKey],
  );
  const { figures: counts, error: countsError, staleSince: countsStaleSince } = useRefreshedFigures(readCounts);

  // the durations are the read model's, read again every 30 s and on R as 首页's figures (the counts above are the
  // engine's own, read the same way)
  const readDurations = useMemo(
    () => (mode === 'durations' && processId ? (polling: boolean, signal: AbortSignal) => api.durations(processId, period, polling, signal) : undefined),
    [api, mode, processId, period],
  );
  // only the chosen process's and period's: another's badges on this diagram would read as its own (none until the
  // first answer)
  const { figures: durations, error: durationsError, staleSince } = useRefreshedFigures(readDurations);
  // both said in 办理时长: the counts' (engine) failure does not hide the durations' (read model)
  const durationsShownError = mode === 'durations' ? durationsError : undefined;

  // the badges are drawn again only when the figures changed, not on every 30 s answer (a badge's tooltip the manager
  // hovers stays)
  const durationTasks = durations === undefined ? undefined : JSON.stringify(durations.tasks);
  const countItems = counts === undefined ? undefined : JSON.stringify(counts.items);
  const counted = useMemo(() => countLayers(countItems === undefined ? [] : (JSON.parse(countItems) as ElementStatistics[])), [countItems]);
  const timed = useMemo(() => durationLayers(durationTasks === undefined ? [] : (JSON.parse(durationTasks) as DurationView['tasks'])), [durationTasks]);
  const { markers, overlays } = mode === 'counts' ? counted : timed;
  // only the chosen version's diagram (until it is read, none: the counts read for it are its own, not the one before's)
  const xml = diagram?.definitionKey === definitionKey ? diagram?.xml : undefined;

  return (
    <section aria-labelledby="heatmap-title">
      <div class="page-bar">
        <h1 id="heatmap-title">{t.heatmap.title}</h1>
        <label class="inline">
          {t.heatmap.process}
          <select value={processId} onChange={(event) => navigate({ page: 'heatmap', processId: (event.target as HTMLSelectElement).value })} data-search>
            {catalog.processes.map((process) => (
              <option key={process.processId} value={process.processId}>
                {process.titleZh}
              </option>
            ))}
          </select>
        </label>
        <label class="inline">
          {t.heatmap.version}
          <select value={definitionKey ?? ''} onChange={(event) => setDefinitionKey((event.target as HTMLSelectElement).value)}>
            {versions.map((version, i) => (
              <option key={version.processDefinitionKey} value={version.processDefinitionKey}>
                {version.version}
                {i === 0 ? `（${t.heatmap.latest}）` : ''}
              </option>
            ))}
          </select>
        </label>
        <div class="tabs" role="tablist" aria-label={t.heatmap.mode}>
          {(['counts', 'durations'] as const).map((tab) => (
            <button key={tab} role="tab" aria-selected={mode === tab} class={mode === tab ? 'selected' : ''} onClick={() => setMode(tab)}>
              {t.heatmap[tab]}
            </button>
          ))}
        </div>
        {mode === 'durations' && <PeriodPicker value={period} onChange={setPeriod} />}
      </div>
      {error && <ErrorNotice class="banner error" failure={error} />}
      {countsError && <ErrorNotice class="banner error" failure={countsError} />}
      {durationsShownError && <ErrorNotice class="banner error" failure={durationsShownError} />}
      {xml && <BpmnDiagram xml={xml} markers={markers} overlays={overlays} label={t.heatmap.title} height={470} />}
      {mode === 'counts' ? (
        <>
          <p class="legend">
            <span class="swatch heat" /> {t.heatmap.legendActive} <span class="swatch incident" /> {t.heatmap.legendIncident}
          </p>
          {/* a re-read failed: the badges shown are of an earlier answer, said as the freshness line says it */}
          {countsStaleSince !== undefined && (
            <p class="freshness notice" role="status" data-testid="counts-stale">
              {t.freshness.notRefreshed(formatDateTime(countsStaleSince).slice(11))}
            </p>
          )}
        </>
      ) : (
        <>
          <p class="legend">
            <span class="swatch green" /> {t.heatmap.legendGreen} <span class="swatch amber" /> {t.heatmap.legendAmber} <span class="swatch red" /> {t.heatmap.legendRed}
          </p>
          {durations && <FreshnessLine freshness={durations.freshness} staleSince={staleSince} />}
          {durations && <DurationTable view={durations} />}
        </>
      )}
    </section>
  );
}

function countLayers(statistics: ElementStatistics[]) {
  const markers: Record<string, string[]> = {};
  const overlays: DiagramOverlay[] = [];
  const max = Math.max(1, ...statistics.map((element) => element.active));
  for (const element of statistics) {
    if (element.active > 0) {
      markers[element.elementId] = [`heat-${Math.min(4, Math.ceil((element.active / max) * 4))}`];
      overlays.push({ elementId: element.elementId, text: String(element.active), kind: 'active', title: t.heatmap.elementCount(element.active, element.incidents) });
    }
    if (element.incidents > 0) {
      markers[element.elementId] = [...(markers[element.elementId] ?? []), 'marker-incident'];
      overlays.push({ elementId: element.elementId, text: String(element.incidents), kind: 'incident', title: t.heatmap.legendIncident });
    }
  }
  return { markers, overlays };
}

function durationLayers(tasks: DurationView['tasks']) {
  const markers: Record<string, string[]> = {};
  const overlays: DiagramOverlay[] = [];
  for (const task of tasks) {
    if (task.status === 'none') continue;
    markers[task.elementId] = [`heat-${task.status}`];
    overlays.push({
      elementId: task.elementId,
      text: `${task.handling.median}/${task.handling.p90}`,
      kind: task.status,
      title: `中位数 ${task.handling.median}，P90 ${task.handling.p90}，${t.heatmap.target} ${task.targetWorkingDays ?? '—'} 个工作日`,
    });
  }
  return { markers, overlays };
}

function DurationTable({ view }: { view: DurationView }) {
  return (
    <div class="panel">
      <p class="muted">
        {t.overview.limit}：{view.timeLimitZh}
        {view.limitWorkingDays === null && ` · ${t.heatmap.noLimit}`}
      </p>
      <table class="data" data-testid="durations">
        <thead>
          <tr>
            <th>{t.heatmap.step}</th>
            <th>{t.heatmap.n}</th>
            <th>{t.overview.median}</th>
            <th>{t.overview.p90}</th>
            <th>{t.heatmap.target}</th>
            <th>{t.heatmap.share}</th>
          </tr>
        </thead>
        <tbody>
          {view.tasks.map((task) => (
            <tr key={task.elementId} class={`status-${task.status}`}>
              <th scope="row">{task.name}</th>
              <td class="number">{task.handling.n}</td>
              <td class="number">{task.handling.median ?? t.common.dash}</td>
              <td class="number">{task.handling.p90 ?? t.common.dash}</td>
              <td class="number">{task.targetWorkingDays ?? t.common.dash}</td>
              <td class="number">{`${Math.round(task.share * 100)}%`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
