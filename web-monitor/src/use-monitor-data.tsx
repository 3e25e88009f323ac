/**
 * What every page of the monitor needs once per session: the catalogue (process titles, national items, time
 * limits, group names), the monitor server's client, the users' display names, and what the user may do.
 */
import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useMemo, useState } from 'preact/hooks';
import { useSession } from '../../web-shared/src/auth/session.js';
import { zh } from '../../web-shared/src/i18n/zh-cn.js';
import { MonitorApi } from './monitor-api.js';
import type { MonitorCatalog } from './monitor-types.js';

type CatalogProcess = MonitorCatalog['processes'][number];

export interface MonitorData {
  api: MonitorApi;
  catalog: MonitorCatalog;
  process(processId: string): CatalogProcess | undefined;
  processTitle(processId: string): string;
  groupName(groupId: string): string;
  /** The display name of a user id (the id itself when unknown). */
  userName(username: string | null | undefined): string;
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
  const [catalog, setCatalog] = useState<MonitorCatalog | undefined>(undefined);
  const [names, setNames] = useState<Map<string, string>>(new Map());
  const [error, setError] = useState<string | undefined>(undefined);

  useEffect(() => {
    api.catalog().then(setCatalog, (failure: Error) => setError(failure.message));
    client
      .searchUsers({ page: { limit: 1000 } })
      .then((result) => setNames(new Map(result.items.filter((u) => u.name).map((u) => [u.username, u.name!]))))
      .catch(() => undefined);
  }, [api, client]);

  const data = useMemo<MonitorData | undefined>(() => {
    if (!catalog) return undefined;
    const byId = new Map(catalog.processes.map((process) => [process.processId, process]));
    return {
      api,
      catalog,
      process: (processId) => byId.get(processId),
      processTitle: (processId) => byId.get(processId)?.titleZh ?? processId,
      groupName: (groupId) => catalog.groups[groupId] ?? groupId,
      userName: (username) => (username ? (names.get(username) ?? username) : '—'),
      mayRepair: user.roles.includes('manager') || user.roles.includes('admin') || user.authorizedComponents.includes('*'),
    };
  }, [api, catalog, names, user]);

  if (error) return <p class="page-status error" role="alert">{error}</p>;
  if (!data) return <p class="page-status">{zh.shell.loading}</p>;
  return <MonitorDataContext.Provider value={data}>{children}</MonitorDataContext.Provider>;
}
