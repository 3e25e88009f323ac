/**
 * Plain HTTP to `/v2` for the reliability runs: HTTP Basic for API users, and browser sessions for clerks
 * (`POST /login`, the `camunda-session` cookie and the `X-CSRF-TOKEN` header, as the task list sends them).
 * Every call has a timeout, so a request to a killed engine fails quickly instead of hanging the run.
 */
export interface Credentials {
  username: string;
  password: string;
}

export interface V2Answer<T = unknown> {
  status: number;
  body: T;
}

export class V2Http {
  constructor(
    readonly baseUrl: string,
    private readonly credentials: Credentials,
    private readonly timeoutMs = 10_000,
  ) {}

  async call<T = unknown>(method: string, path: string, body?: unknown): Promise<V2Answer<T>> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Basic ${Buffer.from(`${this.credentials.username}:${this.credentials.password}`).toString('base64')}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  /** Every item of a search, page by page. */
  async searchAll<T>(path: string, filter: Record<string, unknown>): Promise<T[]> {
    const items: T[] = [];
    for (let from = 0; ; from += 1000) {
      const answer = await this.call<{ items: T[] }>('POST', path, { filter, page: { from, limit: 1000 } });
      if (answer.status !== 200) throw new Error(`POST ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      items.push(...answer.body.items);
      if (answer.body.items.length < 1000) return items;
    }
  }
}

/** A clerk's browser session: logs in once (sessions survive engine restarts), sends cookie and CSRF token. */
export class ClerkSession {
  private cookie: string | undefined;
  private csrf: string | undefined;

  constructor(
    readonly baseUrl: string,
    readonly credentials: Credentials,
    private readonly timeoutMs = 10_000,
  ) {}

  async call<T = unknown>(method: string, path: string, body?: unknown): Promise<V2Answer<T>> {
    if (!this.cookie) await this.login();
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { cookie: this.cookie!, 'x-csrf-token': this.csrf!, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (response.status === 401) this.cookie = undefined;
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  private async login(): Promise<void> {
    const response = await fetch(`${this.baseUrl}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(this.credentials),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (response.status !== 204) throw new Error(`login of ${this.credentials.username} answered ${response.status}`);
    this.cookie = response.headers.getSetCookie()[0]!.split(';')[0]!;
    this.csrf = response.headers.get('x-csrf-token') ?? '';
  }
}
