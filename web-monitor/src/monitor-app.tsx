/**
 * The managers' monitor (/monitor): login, the shell, a navigation bar, and the pages — overview (首页), overdue
 * and due-soon cases, case search, one case (diagram, variables, incidents, audit trail, repairs), the heatmap
 * per process, batch operations.
 */
import { useEffect } from 'preact/hooks';
import { SessionProvider } from '../../web-shared/src/auth/session.js';
import { zh } from '../../web-shared/src/i18n/zh-cn.js';
import { AppShell } from '../../web-shared/src/layout/app-shell.js';
import { linkProps, navigate, useRoute, type Route } from './router.js';
import { t } from './texts.js';
import { MonitorDataProvider } from './use-monitor-data.js';
import { BatchesPage } from './views/batches-page.js';
import { HeatmapPage } from './views/heatmap-page.js';
import { InstancePage } from './views/instance-page.js';
import { InstancesPage } from './views/instances-page.js';
import { OpenCasesPage } from './views/open-cases-page.js';
import { OverviewPage } from './views/overview-page.js';

export function MonitorApp() {
  return (
    <SessionProvider appTitle={zh.apps.monitor}>
      <AppShell app="monitor">
        <MonitorDataProvider>
          <MonitorPages />
        </MonitorDataProvider>
      </AppShell>
    </SessionProvider>
  );
}

const NAV: { page: Route['page']; route: Route; text: string }[] = [
  { page: 'overview', route: { page: 'overview' }, text: t.nav.overview },
  { page: 'open-cases', route: { page: 'open-cases', kind: 'overdue' }, text: t.nav.openCases },
  { page: 'instances', route: { page: 'instances', query: '' }, text: t.nav.instances },
  { page: 'heatmap', route: { page: 'heatmap' }, text: t.nav.heatmap },
  { page: 'batches', route: { page: 'batches' }, text: t.nav.batches },
];

function MonitorPages() {
  const route = useRoute();
  useEffect(() => installShortcuts(), []);
  const current = route.page === 'instance' ? 'instances' : route.page;
  return (
    <div class="monitor-page">
      <nav class="monitor-nav" aria-label={t.nav.label}>
        {NAV.map((item) => (
          <a key={item.page} {...linkProps(item.route)} aria-current={current === item.page ? 'page' : undefined}>
            {item.text}
          </a>
        ))}
        <span class="shortcuts muted">{t.shortcuts.text}</span>
      </nav>
      <div class="monitor-content">
        {route.page === 'overview' && <OverviewPage />}
        {route.page === 'open-cases' && <OpenCasesPage kind={route.kind} />}
        {route.page === 'instances' && <InstancesPage query={route.query} />}
        {route.page === 'instance' && <InstancePage key={route.processInstanceKey} processInstanceKey={route.processInstanceKey} />}
        {route.page === 'heatmap' && <HeatmapPage processId={route.processId} />}
        {route.page === 'batches' && <BatchesPage key={route.created ?? ''} created={route.created} />}
      </div>
    </div>
  );
}

/** G then O/L/S/H/B goes to a page; R refreshes (the pages listen for `monitor:refresh`); / focuses a search. */
function installShortcuts(): () => void {
  let prefix = false;
  const pages: Record<string, Route> = {
    o: { page: 'overview' },
    l: { page: 'open-cases', kind: 'overdue' },
    s: { page: 'instances', query: '' },
    h: { page: 'heatmap' },
    b: { page: 'batches' },
  };
  const onKey = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement | null;
    if (event.ctrlKey || event.metaKey || event.altKey || target?.closest('input, textarea, select, [contenteditable]')) return;
    const key = event.key.toLowerCase();
    if (prefix) {
      prefix = false;
      const route = pages[key];
      if (route) {
        event.preventDefault();
        navigate(route);
      }
      return;
    }
    if (key === 'g') prefix = true;
    else if (key === 'r') window.dispatchEvent(new Event('monitor:refresh'));
    else if (key === '/') {
      const search = document.querySelector<HTMLElement>('[data-search]');
      if (search) {
        event.preventDefault();
        search.focus();
      }
    }
  };
  window.addEventListener('keydown', onKey);
  return () => window.removeEventListener('keydown', onKey);
}
