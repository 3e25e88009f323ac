/** The login page every web app shows while nobody is signed in (`POST /login`, Camunda 8.8's form login). */
import { useState } from 'preact/hooks';
import { ApiError } from '../api/v2-client.js';
import { zh } from '../i18n/zh-cn.js';

export interface LoginPageProps {
  appTitle: string;
  notice?: string;
  onLogin(username: string, password: string): Promise<void>;
}

export function LoginPage({ appTitle, notice, onLogin }: LoginPageProps) {
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const username = String(form.get('username') ?? '').trim();
    const password = String(form.get('password') ?? '');
    if (!username || !password) return setError(zh.login.missing);
    setBusy(true);
    setError(undefined);
    try {
      await onLogin(username, password);
    } catch (failure) {
      setError(failure instanceof ApiError && failure.status === 401 ? failure.message || zh.login.failed : (failure as Error).message);
      setBusy(false);
    }
  }

  return (
    <main class="login-page">
      <form class="login-box" onSubmit={submit} aria-labelledby="login-title" noValidate>
        <p class="login-office">{zh.officeName}</p>
        <h1 id="login-title">
          {appTitle} · {zh.login.title}
        </h1>
        <p class="login-subtitle">{zh.login.subtitle}</p>
        {notice && !error && <p class="notice">{notice}</p>}
        <label>
          {zh.login.username}
          <input name="username" autoComplete="username" autoFocus required />
        </label>
        <label>
          {zh.login.password}
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="primary" disabled={busy}>
          {busy ? zh.login.submitting : zh.login.submit}
        </button>
      </form>
    </main>
  );
}
