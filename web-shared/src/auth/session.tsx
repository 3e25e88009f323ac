/**
 * The signed-in user of a web app: asks `GET /v2/authentication/me` once, shows the login page while nobody is
 * signed in (or after the session ended: any 401), and hands the user and the /v2 client to the app.
 * The session cookie is the origin's, not the tab's: another tab may log out, or someone else sign in there, while
 * this tab still shows its user. So the user is asked again when the tab is shown again (visibilitychange, focus)
 * and before the app restores private data (confirmUser); a logout or login is told to the origin's other tabs on a
 * BroadcastChannel. Someone else signed in, or a logout: the login page, and the tab's private data
 * (private-data.ts) goes — in every app, as session storage is per tab and per origin.
 */
import { createContext, type ComponentChildren } from 'preact';
import { useCallback, useContext, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { CurrentUser } from '../api/camunda-types.js';
import { V2Client } from '../api/v2-client.js';
import { zh } from '../i18n/zh-cn.js';
import { LoginPage } from './login-page.js';
import { claimPrivateData, clearPrivateData, privateDataOwner, removeUnprefixedLeftovers } from './private-data.js';
import { takeSessionCheck } from './session-check.js';
import { failureOf, type Failure } from '../api/failure.js';
import { ErrorNotice } from '../layout/error-notice.js';

export interface Session {
  user: CurrentUser;
  client: V2Client;
  logout(): Promise<void>;
  /**
   * Asks the server who is signed in now, before showing her private data (a draft) again: 'hers' if still `user`.
   * Anyone else (a colleague signed in in another tab), or nobody: 'other', and the login page replaces the app.
   * No answer within {@link CONFIRM_TIMEOUT_MS} (the network, a 5xx): 'unknown' — nothing private is shown on it.
   */
  confirmUser(): Promise<UserCheck>;
}

export type UserCheck = 'hers' | 'other' | 'unknown';

/** How long /me may take when asked again (a hung server must not keep a form from opening). */
const CONFIRM_TIMEOUT_MS = 5_000;
/** Showing the tab again asks /me at most once in this time (visibilitychange and focus come together). */
const RECHECK_EVERY_MS = 5_000;

/** The origin's tabs tell one another of a logout and a login (BroadcastChannel). */
const CHANNEL = 'camunda-session';
// (a logout names whose: a tab still showing someone else — the session changed under it — is not ended by it)
type SessionMessage = { kind: 'logout'; username: string } | { kind: 'login'; username: string };

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
  /**
   * Whether a logout or a colleague's sign-in elsewhere ends the app at once (/me asked again when the tab is shown,
   * the other tabs' messages): yes by default. The modeler says no — the login page would replace an unsaved diagram;
   * its next save meets the 401 and shows the login page then. Its tab's private data still goes at every sign-in.
   */
  watchOtherTabs?: boolean;
  children: ComponentChildren;
}

export function SessionProvider({ appTitle, onLogout, watchOtherTabs = true, children }: SessionProviderProps) {
  // (as the app starts in the tab, whichever app: a tab opened before the upgrade may hold the task list's keys of
  // before the private-data prefix, personal data that nobody's sign-in would remove)
  const [first] = useState(() => {
    removeUnprefixedLeftovers();
    return takeSessionCheck();
  });
  const client = useMemo(() => first?.client ?? new V2Client(), [first]);
  // the early check may have answered already (the task list's first render waits for it): no 正在加载… render then
  const [initial] = useState(() => claimed(stateOf(first?.answered())));
  const [state, setState] = useState<State>(initial);

  const load = useCallback(async (pending?: Promise<CurrentUser | undefined>) => {
    try {
      setState(claimed(stateOf({ user: await (pending ?? client.currentUser()) })));
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
    if (!loggedOut) return;
    clearPrivateData();
    onLogout?.();
  }, [loggedOut, onLogout]);

  const username = state.kind === 'signed-in' ? state.user.username : undefined;
  const channel = useMemo(() => (typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL) : undefined), []);
  useEffect(() => () => channel?.close(), [channel]);

  // who is signed in now, asked again: someone else (or a logout in another tab) ends this tab's user. One question
  // at a time (a draft's confirmation and the tab shown again share it), bounded in time.
  const asking = useRef<Promise<CurrentUser | undefined> | undefined>(undefined);
  const lastAsked = useRef(0);
  const ask = useCallback((): Promise<CurrentUser | undefined> => {
    if (!asking.current) {
      lastAsked.current = Date.now();
      const question = client.currentUser({ signal: AbortSignal.timeout(CONFIRM_TIMEOUT_MS) });
      asking.current = question;
      const forget = () => {
        if (asking.current === question) asking.current = undefined;
      };
      question.then(forget, forget);
    }
    return asking.current;
  }, [client]);
  const recheck = useCallback(async (): Promise<UserCheck> => {
    if (!username) return 'other';
    let now: CurrentUser | undefined;
    try {
      now = await ask();
    } catch {
      // the server not reached (or no answer in time): the tab stays as it is, but nothing private is shown again on it
      return 'unknown';
    }
    if (now?.username === username) return 'hers';
    // nobody: her session ended (she signs in again where she was); someone else: a user switch, nothing of hers stays
    setState(now ? { kind: 'signed-out', loggedOut: true, notice: zh.login.otherUser } : { kind: 'signed-out', notice: zh.login.sessionExpired });
    return 'other';
  }, [ask, username]);

  useEffect(() => {
    if (!username || !watchOtherTabs) return;
    const onShown = () => {
      if (document.visibilityState !== 'visible' || Date.now() - lastAsked.current < RECHECK_EVERY_MS) return;
      void recheck();
    };
    document.addEventListener('visibilitychange', onShown);
    window.addEventListener('focus', onShown);
    return () => {
      document.removeEventListener('visibilitychange', onShown);
      window.removeEventListener('focus', onShown);
    };
  }, [username, recheck, watchOtherTabs]);

  useEffect(() => {
    if (!channel || !watchOtherTabs) return;
    channel.onmessage = (event: MessageEvent<SessionMessage>) => {
      const message = event.data;
      if (message.kind === 'logout') {
        // her logout in another tab: this tab's private data goes too (its own storage), and the login page comes;
        // someone else's logout (a tab left showing him) ends nothing here
        if (username) {
          if (message.username === username) setState({ kind: 'signed-out', loggedOut: true, notice: zh.login.loggedOutElsewhere });
        } else if (privateDataOwner() === message.username) clearPrivateData();
      } else if (message.kind === 'login' && username && message.username !== username) {
        setState({ kind: 'signed-out', loggedOut: true, notice: zh.login.otherUser });
      }
    };
  }, [channel, username, watchOtherTabs]);

  const session = useMemo<Session | undefined>(
    () =>
      state.kind === 'signed-in'
        ? {
            user: state.user,
            client,
            async logout() {
              // (the tab may still show her while a colleague signed in elsewhere: his session is not hers to end)
              const now = await ask().catch(() => state.user);
              if (now && now.username !== state.user.username) {
                setState({ kind: 'signed-out', loggedOut: true, notice: zh.login.otherUser });
                return;
              }
              await client.logout().catch(() => undefined);
              setState({ kind: 'signed-out', loggedOut: true });
              channel?.postMessage({ kind: 'logout', username: state.user.username } satisfies SessionMessage);
            },
            confirmUser: recheck,
          }
        : undefined,
    [state, client, channel, recheck, ask],
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
          channel?.postMessage({ kind: 'login', username } satisfies SessionMessage);
          await load();
        }}
      />
    );
  }
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

// helpers

/** Signed in: the tab's private data of anyone else goes before the app reads it (its stored view, drafts). */
function claimed(state: State): State {
  if (state.kind === 'signed-in') claimPrivateData(state.user.username);
  return state;
}

function stateOf(answer: { user: CurrentUser | undefined } | undefined): State {
  if (!answer) return { kind: 'loading' };
  return answer.user ? { kind: 'signed-in', user: answer.user } : { kind: 'signed-out' };
}
