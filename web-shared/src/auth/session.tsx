/**
 * The signed-in user of a web app: asks `GET /v2/authentication/me` once, shows the login page while nobody is
 * signed in (or after the session ended: any 401), and hands the user and the /v2 client to the app.
 */
import { createContext, type ComponentChildren } from 'preact';
import { useCallback, useContext, useEffect, useMemo, useState } from 'preact/hooks';
import type { CurrentUser } from '../api/camunda-types.js';
import { V2Client } from '../api/v2-client.js';
import { zh } from '../i18n/zh-cn.js';
import { LoginPage } from './login-page.js';

export interface Session {
  user: CurrentUser;
  client: V2Client;
  logout(): Promise<void>;
}

const SessionContext = createContext<Session | undefined>(undefined);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside <SessionProvider>');
  return session;
}

type State = { kind: 'loading' } | { kind: 'signed-out'; notice?: string } | { kind: 'signed-in'; user: CurrentUser } | { kind: 'failed'; message: string };

interface SessionCheck {
  client: V2Client;
  user: Promise<CurrentUser | undefined>;
}

let early: SessionCheck | undefined;

/**
 * Starts the session check as the bundle runs, beside the app's other early requests, instead of after the first
 * render: every request of the first screen waits for the user (her groups, the CSRF token). The first
 * {@link SessionProvider} takes it over and awaits it. (Its first render always shows 正在加载…: main.tsx renders in
 * the same task that evaluates the bundle, so no answer can have come by then.) Answers the user for requests that
 * wait for it (undefined when nobody is signed in or the check failed).
 */
export function checkSessionEarly(): Promise<CurrentUser | undefined> {
  const client = new V2Client();
  const user = client.currentUser();
  early = { client, user };
  // (a failure is handled where the provider awaits it)
  return user.catch(() => undefined);
}

export function SessionProvider({ appTitle, children }: { appTitle: string; children: ComponentChildren }) {
  const [first] = useState(() => {
    const taken = early;
    early = undefined;
    return taken;
  });
  const client = useMemo(() => first?.client ?? new V2Client(), [first]);
  const [state, setState] = useState<State>({ kind: 'loading' });

  const load = useCallback(async (pending?: Promise<CurrentUser | undefined>) => {
    try {
      const user = await (pending ?? client.currentUser());
      setState(user ? { kind: 'signed-in', user } : { kind: 'signed-out' });
    } catch (error) {
      setState({ kind: 'failed', message: (error as Error).message });
    }
  }, [client]);

  useEffect(() => {
    client.onUnauthenticated = () => setState({ kind: 'signed-out', notice: zh.login.sessionExpired });
    void load(first?.user);
  }, [client, load, first]);

  const session = useMemo<Session | undefined>(
    () =>
      state.kind === 'signed-in'
        ? {
            user: state.user,
            client,
            async logout() {
              await client.logout().catch(() => undefined);
              setState({ kind: 'signed-out' });
            },
          }
        : undefined,
    [state, client],
  );

  if (state.kind === 'loading') return <p class="page-status">{zh.shell.loading}</p>;
  if (state.kind === 'failed') {
    return (
      <p class="page-status" role="alert">
        {state.message} <button onClick={() => void load()}>{zh.common.retry}</button>
      </p>
    );
  }
  if (state.kind === 'signed-out') {
    return (
      <LoginPage
        appTitle={appTitle}
        notice={state.notice}
        onLogin={async (username, password) => {
          await client.login(username, password);
          await load();
        }}
      />
    );
  }
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}
