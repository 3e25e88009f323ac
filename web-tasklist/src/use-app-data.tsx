/**
 * What every page of the task list needs once per session: the catalogue (process titles, national items,
 * time limits, group names), the task list server's client, and people's display names.
 */
import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useMemo, useState } from 'preact/hooks';
import { useSession } from '../../web-shared/src/auth/session.js';
import { zh } from '../../web-shared/src/i18n/zh-cn.js';
import { WEB_APPS } from '../../web-shared/src/layout/web-apps.js';
import { usePeopleNames, type PersonName } from '../../web-shared/src/people/people-names.js';
import { catalogAlreadyLoaded, TasklistApi } from './tasklist-api.js';
import type { CatalogProcess, TasklistCatalog } from './tasklist-types.js';
import { failureOf, type Failure } from '../../web-shared/src/api/failure.js';
import { ErrorNotice } from '../../web-shared/src/layout/error-notice.js';

export interface AppData {
  api: TasklistApi;
  catalog: TasklistCatalog;
  process(processId: string): CatalogProcess | undefined;
  groupName(groupId: string): string;
  /** The display name of a user (刘芳 for `liu-fang`; the username until it is known, or where none is). */
  personName: PersonName;
}

const AppDataContext = createContext<AppData | undefined>(undefined);

export function useAppData(): AppData {
  const data = useContext(AppDataContext);
  if (!data) throw new Error('useAppData outside <AppDataProvider>');
  return data;
}

export function AppDataProvider({ children }: { children: ComponentChildren }) {
  const { client } = useSession();
  const api = useMemo(() => new TasklistApi(client), [client]);
  const [catalog, setCatalog] = useState<TasklistCatalog | undefined>(catalogAlreadyLoaded);
  const [error, setError] = useState<Failure | string | undefined>(undefined);
  const personName = usePeopleNames(client, WEB_APPS.tasklist.path);

  useEffect(() => {
    if (catalog) return;
    api.catalog().then(setCatalog, (failure: Error) => setError(failureOf(failure)));
  }, [api]);

  const data = useMemo<AppData | undefined>(() => {
    if (!catalog) return undefined;
    const byId = new Map(catalog.processes.map((process) => [process.processId, process]));
    return {
      api,
      catalog,
      process: (processId) => byId.get(processId),
      groupName: (groupId) => catalog.groups[groupId] ?? groupId,
      personName,
    };
  }, [api, catalog, personName]);

  if (error) return <ErrorNotice class="page-status error" failure={error} />;
  if (!data) return <p class="page-status">{zh.shell.loading}</p>;
  return <AppDataContext.Provider value={data}>{children}</AppDataContext.Provider>;
}
