/**
 * The web modeler (/modeler): login, the shell, then the project (models, forms, decisions) or one file in its
 * editor. Only analysts and admins get in (the `modeler` component); the server checks it on every route.
 */
import { useMemo } from 'preact/hooks';
import { SessionProvider, useSession } from '../../web-shared/src/auth/session.js';
import { zh } from '../../web-shared/src/i18n/zh-cn.js';
import { AppShell } from '../../web-shared/src/layout/app-shell.js';
import { useLocationPath } from '../../web-shared/src/routing/history-router.js';
import { ModelerApi } from './modeler-api.js';
import { parseRoute } from './routes.js';
import { EditorPage } from './views/editor-page.js';
import { ProjectView } from './views/project-view.js';

export function ModelerApp() {
  return (
    // (a logout or sign-in in another tab must not replace an unsaved diagram: its next save meets the 401)
    <SessionProvider appTitle={zh.apps.modeler} watchOtherTabs={false}>
      <AppShell app="modeler">
        <ModelerPages />
      </AppShell>
    </SessionProvider>
  );
}

function ModelerPages() {
  const { pathname } = useLocationPath();
  const { client } = useSession();
  const api = useMemo(() => new ModelerApi(client), [client]);
  const route = parseRoute(pathname);
  return route.page === 'edit' ? <EditorPage key={route.file} api={api} file={route.file} /> : <ProjectView api={api} />;
}
