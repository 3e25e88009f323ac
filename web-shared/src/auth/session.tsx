/**
 * The signed-in user of a web app: asks `GET /v2/authentication/me` once, shows the login page while nobody is
 * signed in (or after the session ended: any 401), and hands the user and the /v2 client to the app.
 */
import { createContext, type ComponentChildren } from 'preact';
import { useCallback, useContext, useEffect, useLayoutEffect, useMemo, useState } from 'preact/hooks';
import type { CurrentUser } from '../api/camunda-types.js';
import { V2Client } from '../api/v2-client.js';
import { zh } from '../i18n/zh-cn.js';
import { LoginPage } from './login-page.js';
import { takeSessionCheck } from './session-check.js';
import { failureOf, type Failure } from '../api/failure.js';
import { ErrorNotice } from '../layout/error-notice.js';

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

type State = { kind: 'loading' } | { kind: 'signed-out'; notice?: string; loggedOut?: true } | { kind: 'signed-in'; user: CurrentUser } | { kind: 'failed'; failure: Failure };

export interface SessionProviderProps {
  appTitle: string;
  /**
   * After the user logged out (not when the session ended by itself: then she signs in again where she was), once
   * the app is gone — its pages' cleanups ran —: what the app keeps of her in the tab goes (the task list's drafts).
   */
  onLogout?: () => void;
  children: ComponentChildren;
}

export function SessionProvider({ appTitle, onLogout, children }: SessionProviderProps) {
  const [first] = useState(takeSessionCheck);
  const client = useMemo(() => first?.client ?? new V2Client(), [first]);
  // the early check may have answered already (the task list's first render waits for it): no 正在加载… render then
  const [initial] = useState(() => stateOf(first?.answered()));
  const [state, setState] = useState<State>(initial);

  const load = useCallback(async (pending?: Promise<CurrentUser | undefined>) => {
    try {
      setState(stateOf({ user: await (pending ?? client.currentUser()) }));
    } catch (error) {
      setState({ kind: 'failed', failure: failureOf(error) });
    }
  }, [client]);

  // (a layout effect: installed in the commit of the first render, before the app's first load can fail; a 401 that
  // came even earlier, to a request sent ahead, is told to the handler as it is installed — see V2Client)
  useLayoutEffect(() => {
    client.onUnauthenticated = () => setState({ kind: 'signed-out', notice: zh.login.sessionExpired });
  }, [client]);

  useEffect(() => {
    if (initial.kind === 'loading') void load(first?.user);
  }, [load, first, initial]);

  // (an effect: after the commit that took the app away, whose unmounting may still have saved something)
  const loggedOut = state.kind === 'signed-out' && state.loggedOut === true;
  useEffect(() => {
    if (loggedOut) onLogout?.();
  }, [loggedOut, onLogout]);

  const session = useMemo<Session | undefined>(
    () =>
      state.kind === 'signed-in'
        ? {
            user: state.user,
            client,
            async logout() {
              await client.logout().catch(() => undefined);
              setState({ kind: 'signed-out', loggedOut: true });
            },
          }
        : undefined,
    [state, client],
  );

  if (state.kind === 'loading') return <p class="page-status">{zh.shell.loading}</p>;
  if (state.kind === 'failed') {
    return (
      <ErrorNotice class="page-status" failure={state.failure}>
        {' '}
        <button onClick={() => void load()}>{zh.common.retry}</button>
      </ErrorNotice>
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

// helpers

function stateOf(answer: { user: CurrentUser | undefined } | undefined): State {
  if (!answer) return { kind: 'loading' };
  return answer.user ? { kind: 'signed-in', user: answer.user } : { kind: 'signed-out' };
}
