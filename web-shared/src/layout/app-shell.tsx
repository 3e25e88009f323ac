/**
 * The frame of every web app: office and app name, the app switcher (only the apps this server mounts and the
 * user's `authorizedComponents` allow), the user and logout, a skip link, the notice of a newer build, and the page.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useSession } from '../auth/session.js';
import { zh } from '../i18n/zh-cn.js';
import { NewBuildBanner } from './new-build-banner.js';
import { MOUNTED_APPS_PATH, mayUseApp, WEB_APPS, type WebAppId, type WebAppInfo } from './web-apps.js';

export interface AppShellProps {
  app: WebAppId;
  /** Extra items in the header (e.g. the task list's 新办件 button). */
  actions?: ComponentChildren;
  children: ComponentChildren;
}

export function AppShell({ app, actions, children }: AppShellProps) {
  const { user, logout } = useSession();
  const current = WEB_APPS[app];
  const [mounted, setMounted] = useState<WebAppInfo[]>([current]);

  useEffect(() => {
    fetch(MOUNTED_APPS_PATH, { credentials: 'same-origin' })
      .then((response) => (response.ok ? (response.json() as Promise<WebAppId[]>) : [app]))
      .then((ids) => setMounted(ids.map((id) => WEB_APPS[id]).filter(Boolean)))
      .catch(() => undefined);
  }, [app]);

  const switchable = mounted.filter((other) => mayUseApp(user.authorizedComponents, other));
  const allowed = mayUseApp(user.authorizedComponents, current);

  return (
    <div class="app-shell">
      {/* focuses the content without changing the address: a page may keep its state in the fragment (the
          monitor's 案件查询 does), which #main would replace */}
      <a
        class="skip-link"
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        {zh.shell.skipToContent}
      </a>
      <header class="app-header">
        <span class="office">{zh.officeName}</span>
        <nav class="app-switcher" aria-label={zh.shell.switchApp}>
          {switchable.map((other) => (
            <a key={other.id} href={`${other.path}/`} aria-current={other.id === app ? 'page' : undefined}>
              {other.titleZh}
            </a>
          ))}
        </nav>
        <div class="header-actions">{allowed && actions}</div>
        <span class="user" title={user.username}>
          {zh.shell.loggedInAs(user.displayName || user.username)}
        </span>
        {user.canLogout && (
          <button class="link" onClick={() => void logout()}>
            {zh.shell.logout}
          </button>
        )}
      </header>
      <NewBuildBanner />
      <main id="main" class="app-main" tabIndex={-1}>
        {allowed ? children : <NoAccess app={current} others={switchable} />}
      </main>
    </div>
  );
}

/**
 * An app the user's roles do not give her (an analyst on the task list): which app, the way to the ones she may use
 * (the switcher's links, said in the page, where she reads), and whom to ask.
 */
function NoAccess({ app, others }: { app: WebAppInfo; others: WebAppInfo[] }) {
  return (
    <div class="page-status no-access">
      <p>{zh.shell.noAccess(app.titleZh)}</p>
      {others.length > 0 && (
        <p>
          {zh.shell.noAccessOthers}
          {others.map((other, index) => (
            <span key={other.id}>
              {index > 0 && '、'}
              <a href={`${other.path}/`}>{other.titleZh}</a>
            </span>
          ))}
        </p>
      )}
      <p>{zh.shell.noAccessAsk}</p>
    </div>
  );
}
