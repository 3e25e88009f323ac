/**
 * What every page of the monitor needs once per session: the catalogue (process titles, national items, time
 * limits, group names), the monitor server's client, the users' display names, and what the user may do.
 */
import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useMemo, useState } from 'preact/hooks';
import { useSession } from '../../web-shared/src/auth/session.js';
import { zh } from '../../web-shared/src/i18n/zh-cn.js';
import { WEB_APPS } from '../../web-shared/src/layout/web-apps.js';
import { usePeopleNames, type PersonName } from '../../web-shared/src/people/people-names.js';
import { catalogAlreadyLoaded, MonitorApi } from './monitor-api.js';
import type { MonitorCatalog } from './monitor-types.js';
import { failureOf, type Failure } from '../../web-shared/src/api/failure.js';
import { ErrorNotice } from '../../web-shared/src/layout/error-notice.js';

type CatalogProcess = MonitorCatalog['processes'][number];

export interface MonitorData {
  api: MonitorApi;
  catalog: MonitorCatalog;
  process(processId: string): CatalogProcess | undefined;
  processTitle(processId: string): string;
  groupName(groupId: string): string;
  /** The display name of a user id (the id itself when unknown; web-shared/src/people/people-names.ts). */
  userName: PersonName;
  /** Repairs (retry, variables, cancel) are offered to managers and admins; the engine decides in the end. */
  mayRepair: boolean;
}

const MonitorDataContext = createContext<MonitorData | undefined>(undefined);

export function useMonitorData(): MonitorData {
  const data = useContext(MonitorDataContext);
  if (!data) throw new Error('useMonitorData outside <MonitorDataProvider>');
  return data;
}

export function MonitorDataProvider({ children }: { children: ComponentChildren }) {
  const { client, user } = useSession();
  const api = useMemo(() => new MonitorApi(client), [client]);
  const [catalog, setCatalog] = useState<MonitorCatalog | undefined>(catalogAlreadyLoaded);
  const userName = usePeopleNames(client, WEB_APPS.monitor.path);
  const [error, setError] = useState<Failure | string | undefined>(undefined);

  useEffect(() => {
    if (catalog) return;
    api.catalog().then(setCatalog, (failure: Error) => setError(failureOf(failure)));
  }, [api]);

  // (kept apart from the names: a chart drawn from process titles is not redrawn when the names come)
  const lookups = useMemo(() => {
    if (!catalog) return undefined;
    const byId = new Map(catalog.processes.map((process) => [process.processId, process]));
    return {
      process: (processId: string) => byId.get(processId),
      processTitle: (processId: string) => byId.get(processId)?.titleZh ?? processId,
      groupName: (groupId: string) => catalog.groups[groupId] ?? groupId,
    };
  }, [catalog]);

  const data = useMemo<MonitorData | undefined>(() => {
    if (!catalog || !lookups) return undefined;
    return {
      api,
      catalog,
      ...lookups,
      userName,
      mayRepair: user.roles.includes('manager') || user.roles.includes('admin') || user.authorizedComponents.includes('*'),
    };
  }, [api, catalog, lookups, userName, user]);

  if (error) return <ErrorNotice class="page-status error" failure={error} />;
  if (!data) return <p class="page-status">{zh.shell.loading}</p>;
  return <MonitorDataContext.Provider value={data}>{children}</MonitorDataContext.Provider>;
}
