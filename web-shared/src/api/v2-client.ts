/**
 * The web apps' typed client of the Camunda 8.8 REST API v2 (and of `POST /login`, `/logout`), with the user's
 * own session: the browser sends the `camunda-session` cookie, and every POST/PUT/PATCH/DELETE carries the
 * session's CSRF token in `X-CSRF-TOKEN` (taken from the login answer or from `GET /v2/authentication/me`).
 * Failures throw {@link ApiError} with a Chinese message (and its technical detail on the side). The same calls work against a real cluster through
 * the web server's proxy.
 */
import { stringifyExact } from './exact-json.js';
import type {
  AuditLogEntry,
  BatchOperation,
  BatchOperationItem,
  CreatedProcessInstance,
  DeploymentResult,
  CurrentUser,
  ElementInstance,
  ElementStatistics,
  FilterValue,
  Incident,
  FormResult,
  CorrelatedMessageSubscription,
  MessageSubscription,
  ProblemDetail,
  ProcessDefinition,
  ProcessInstance,
  ProcessInstanceFilter,
  ProcessInstanceSortField,
  SearchRequest,
  SearchResult,
  SequenceFlow,
  UserTask,
  UserTaskFilter,
  UserTaskSortField,
  Variable,
} from './camunda-types.js';
import { problemMessage, problemTechnicalDetail } from './problem-message.js';
import { BUILD_HEADER, noteServerBuild } from './new-build.js';
import { officeClock, ServerClock } from './server-clock.js';

export const CSRF_HEADER = 'X-CSRF-TOKEN';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: ProblemDetail | undefined,
  ) {
    super(problemMessage(status, problem));
    this.name = 'ApiError';
  }

  /** For support staff, shown on demand under the Chinese message (see problemTechnicalDetail). */
  get technicalDetail(): string | undefined {
    return problemTechnicalDetail(this.status, this.problem);
  }
}

/**
 * Whether a command that failed with `error` may still have been done by the engine, so that its outcome is unknown
 * rather than failed: the connection dropped once the request was out (status 0: the browser cannot tell before from
 * after sending), or a gateway answered in the engine's stead — 502, and 504, which Camunda's gateway gives for a
 * command that timed out and may still be done, and a cluster's proxy for a connection reset. (503 is a refusal
 * before the engine took the command: backpressure, not unknown.)
 */
export function outcomeUnknown(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 0 || error.status === 502 || error.status === 504);
}

export interface RequestOptions {
  /** Marks background refreshes (Camunda's Tasklist sends the same header). */
  polling?: boolean;
  signal?: AbortSignal;
  /** More request headers (the modeler's sandbox: who completes a task). */
  headers?: Record<string, string>;
}

export type UserTaskSearch = SearchRequest<UserTaskFilter, UserTaskSortField>;

export class V2Client {
  private ownCsrfToken: string | undefined;
  private parent: V2Client | undefined;
  private unauthenticatedHandler: (() => void) | undefined;
  /** A 401 came while no handler was installed (a request sent ahead of the app): told to the first one installed. */
  private unheardUnauthenticated = false;

  /**
   * Called when a request answers 401 (the session ended): the app shows the login page. A 401 that came before the
   * app installed its handler (a first screen's search sent as the session check answered) is not lost: the handler
   * is called as it is installed, so the clerk lands on the login page, not on the error of that search.
   */
  get onUnauthenticated(): (() => void) | undefined {
    return this.unauthenticatedHandler;
  }

  set onUnauthenticated(handler: (() => void) | undefined) {
    this.unauthenticatedHandler = handler;
    if (!handler || !this.unheardUnauthenticated) return;
    this.unheardUnauthenticated = false;
    handler();
  }

  /**
   * The clock of the server this client talks to, as its answers' `Date` tell it: the app's (`officeClock`) for a
   * root client, its own for a client {@link under} another API (the sandbox's clock is moved days ahead).
   */
  readonly clock: ServerClock;

  constructor(private readonly origin = '', clock: ServerClock = officeClock) {
    this.clock = clock;
  }

  /**
   * A client of another API under this origin (`/play` → `/play/v2/…`, the modeler's sandbox) with this client's
   * session: the same cookie, CSRF token and login page on a 401 — and its own server clock, not the app's.
   */
  under(prefix: string): V2Client {
    const child = new V2Client(this.origin + prefix, new ServerClock());
    child.parent = this;
    child.onUnauthenticated = () => this.sessionEnded();
    return child;
  }

  private get csrfToken(): string | undefined {
    return this.parent ? this.parent.csrfToken : this.ownCsrfToken;
  }

  private set csrfToken(token: string | undefined) {
    if (this.parent) this.parent.csrfToken = token;
    else this.ownCsrfToken = token;
  }

  // session

  async login(username: string, password: string): Promise<void> {
    const response = await this.send('POST', '/login', new URLSearchParams({ username, password }), {}, 'form');
    this.csrfToken = response.headers.get(CSRF_HEADER) ?? undefined;
  }

  async logout(): Promise<void> {
    await this.send('POST', '/logout', undefined, {});
    this.csrfToken = undefined;
  }

  /** Takes the session's CSRF token from an answer of /me the server put into the page (first-screen.ts). */
  adoptCsrfToken(token: string | undefined): void {
    this.csrfToken = token;
  }

  /** The signed-in user, or undefined when nobody is (401). */
  async currentUser(options: RequestOptions = {}): Promise<CurrentUser | undefined> {
    try {
      const response = await this.send('GET', '/v2/authentication/me', undefined, options, 'json', false);
      this.csrfToken = response.headers.get(CSRF_HEADER) ?? this.csrfToken;
      return (await response.json()) as CurrentUser;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return undefined;
      throw error;
    }
  }

  // user tasks

  searchUserTasks(request: UserTaskSearch, options: RequestOptions = {}): Promise<SearchResult<UserTask>> {
    return this.json('POST', '/v2/user-tasks/search', request, options);
  }

  getUserTask(userTaskKey: string, options: RequestOptions = {}): Promise<UserTask> {
    return this.json('GET', `/v2/user-tasks/${enc(userTaskKey)}`, undefined, options);
  }

  /** The task's form, or undefined when the task has none (204). */
  async getUserTaskForm(userTaskKey: string, options: RequestOptions = {}): Promise<FormResult | undefined> {
    const response = await this.send('GET', `/v2/user-tasks/${enc(userTaskKey)}/form`, undefined, options);
    return response.status === 204 ? undefined : ((await response.json()) as FormResult);
  }

  /** The variables visible to a task, with whole values (see {@link WHOLE_VALUES}). */
  searchUserTaskVariables(
    userTaskKey: string,
    request: SearchRequest<{ name?: unknown }, 'name' | 'variableKey'>,
    options: RequestOptions = {},
  ): Promise<SearchResult<Variable>> {
    return this.json('POST', `/v2/user-tasks/${enc(userTaskKey)}/variables/search${WHOLE_VALUES}`, request, options);
  }

  async assignUserTask(userTaskKey: string, assignee: string, options: RequestOptions = {}): Promise<void> {
    await this.send('POST', `/v2/user-tasks/${enc(userTaskKey)}/assignment`, { assignee, allowOverride: false, action: 'claim' }, options);
  }

  async unassignUserTask(userTaskKey: string, options: RequestOptions = {}): Promise<void> {
    await this.send('DELETE', `/v2/user-tasks/${enc(userTaskKey)}/assignee`, undefined, options);
  }

  async completeUserTask(userTaskKey: string, variables: Record<string, unknown>, options: RequestOptions = {}): Promise<void> {
    await this.send('POST', `/v2/user-tasks/${enc(userTaskKey)}/completion`, { variables, action: 'complete' }, options);
  }

  // variables

  /** Variables, with whole values (see {@link WHOLE_VALUES}). */
  searchVariables(
    request: SearchRequest<{ processInstanceKey?: unknown; name?: unknown; scopeKey?: unknown }, 'name' | 'variableKey'>,
    options: RequestOptions = {},
  ): Promise<SearchResult<Variable>> {
    return this.json('POST', `/v2/variables/search${WHOLE_VALUES}`, request, options);
  }

  getVariable(variableKey: string, options: RequestOptions = {}): Promise<Variable> {
    return this.json('GET', `/v2/variables/${enc(variableKey)}`, undefined, options);
  }

  // processes

  searchProcessDefinitions(
    request: SearchRequest<{ isLatestVersion?: boolean; hasStartForm?: boolean; processDefinitionId?: string }, 'processDefinitionId' | 'name' | 'version'>,
  ): Promise<SearchResult<ProcessDefinition>> {
    return this.json('POST', '/v2/process-definitions/search', request, {});
  }

  async getStartForm(processDefinitionKey: string): Promise<FormResult | undefined> {
    const response = await this.send('GET', `/v2/process-definitions/${enc(processDefinitionKey)}/form`, undefined, {});
    return response.status === 204 ? undefined : ((await response.json()) as FormResult);
  }

  createProcessInstance(processDefinitionKey: string, variables: Record<string, unknown>): Promise<CreatedProcessInstance> {
    return this.json('POST', '/v2/process-instances', { processDefinitionKey, variables }, {});
  }

  // deployments

  /** `POST /v2/deployments` (multipart `resources`), texts sent as UTF-8. */
  async deployResources(resources: readonly { name: string; text: string }[]): Promise<DeploymentResult> {
    const form = new FormData();
    for (const resource of resources) form.append('resources', new Blob([resource.text], { type: 'application/octet-stream' }), resource.name);
    const response = await this.send('POST', '/v2/deployments', form, {});
    return (await response.json()) as DeploymentResult;
  }

  // cases (Operate's views: instances, diagram statistics, incidents, repairs)

  searchProcessInstances(request: SearchRequest<ProcessInstanceFilter, ProcessInstanceSortField>, options: RequestOptions = {}): Promise<SearchResult<ProcessInstance>> {
    return this.json('POST', '/v2/process-instances/search', request, options);
  }

  getProcessInstance(processInstanceKey: string): Promise<ProcessInstance> {
    return this.json('GET', `/v2/process-instances/${enc(processInstanceKey)}`, undefined, {});
  }

  async cancelProcessInstance(processInstanceKey: string): Promise<void> {
    await this.send('POST', `/v2/process-instances/${enc(processInstanceKey)}/cancellation`, {}, {});
  }

  /** The BPMN XML of a process definition. */
  async getProcessDefinitionXml(processDefinitionKey: string): Promise<string> {
    const response = await this.send('GET', `/v2/process-definitions/${enc(processDefinitionKey)}/xml`, undefined, {}, 'json', true, 'text/xml');
    return response.text();
  }

  processDefinitionStatistics(processDefinitionKey: string, filter: ProcessInstanceFilter = {}, options: RequestOptions = {}): Promise<{ items: ElementStatistics[] }> {
    return this.json('POST', `/v2/process-definitions/${enc(processDefinitionKey)}/statistics/element-instances`, { filter }, options);
  }

  processInstanceStatistics(processInstanceKey: string, options: RequestOptions = {}): Promise<{ items: ElementStatistics[] }> {
    return this.json('GET', `/v2/process-instances/${enc(processInstanceKey)}/statistics/element-instances`, undefined, options);
  }

  sequenceFlows(processInstanceKey: string, options: RequestOptions = {}): Promise<{ items: SequenceFlow[] }> {
    return this.json('GET', `/v2/process-instances/${enc(processInstanceKey)}/sequence-flows`, undefined, options);
  }

  searchElementInstances(
    request: SearchRequest<{ processInstanceKey?: FilterValue<string>; elementId?: string; type?: string; state?: string }, 'startDate' | 'endDate' | 'elementInstanceKey'>,
    options: RequestOptions = {},
  ): Promise<SearchResult<ElementInstance>> {
    return this.json('POST', '/v2/element-instances/search', request, options);
  }

  searchProcessInstanceIncidents(processInstanceKey: string, options: RequestOptions = {}): Promise<SearchResult<Incident>> {
    return this.json('POST', `/v2/process-instances/${enc(processInstanceKey)}/incidents/search`, { page: { limit: 100 } }, options);
  }

  searchMessageSubscriptions(
    request: SearchRequest<
      { processInstanceKey?: string; elementId?: FilterValueOf<string>; messageSubscriptionState?: FilterValueOf<MessageSubscription['messageSubscriptionState']> },
      'lastUpdatedDate' | 'messageName'
    >,
    options: RequestOptions = {},
  ): Promise<SearchResult<MessageSubscription>> {
    return this.json('POST', '/v2/message-subscriptions/search', request, options);
  }

  searchCorrelatedMessageSubscriptions(
    request: SearchRequest<{ processInstanceKey?: string }, 'correlationTime' | 'messageName'>,
    options: RequestOptions = {},
  ): Promise<SearchResult<CorrelatedMessageSubscription>> {
    return this.json('POST', '/v2/correlated-message-subscriptions/search', request, options);
  }

  async resolveIncident(incidentKey: string): Promise<void> {
    await this.send('POST', `/v2/incidents/${enc(incidentKey)}/resolution`, {}, {});
  }

  /** Gives a failed job retries again (the first half of 重试; the incident is resolved after). */
  async updateJobRetries(jobKey: string, retries: number): Promise<void> {
    await this.send('PATCH', `/v2/jobs/${enc(jobKey)}`, { changeset: { retries } }, {});
  }

  /** Sets variables on a scope (an element instance, or the process instance key for the case itself). */
  async setVariables(scopeKey: string, variables: Record<string, unknown>, local = true): Promise<void> {
    await this.send('PUT', `/v2/element-instances/${enc(scopeKey)}/variables`, { variables, local }, {});
  }

  /** Camunda 8.9's audit log; undefined on a cluster without it (Camunda 8.8 answers 404). */
  async searchAuditLogs(
    request: SearchRequest<{ processInstanceKey?: string; entityType?: FilterValueOf<string> }, 'timestamp' | 'auditLogKey'>,
    options: RequestOptions = {},
  ): Promise<SearchResult<AuditLogEntry> | undefined> {
    try {
      return await this.json<SearchResult<AuditLogEntry>>('POST', '/v2/audit-logs/search', request, options);
    } catch (error) {
      if (error instanceof ApiError && (error.status === 404 || error.status === 405)) return undefined;
      throw error;
    }
  }

  // batch operations over a process-instance filter (Camunda 8.8): created, then watched item by item

  createBatchOperation(
    kind: 'cancellation' | 'incident-resolution' | 'migration' | 'modification',
    body: { filter: ProcessInstanceFilter; migrationPlan?: object; moveInstructions?: object[] },
  ): Promise<{ batchOperationKey: string; batchOperationType: string }> {
    return this.json('POST', `/v2/process-instances/${kind}`, body, {});
  }

  searchBatchOperations(request: SearchRequest<{ state?: unknown }, 'startDate' | 'batchOperationKey'>, options: RequestOptions = {}): Promise<SearchResult<BatchOperation>> {
    return this.json('POST', '/v2/batch-operations/search', request, options);
  }

  searchBatchOperationItems(
    request: SearchRequest<{ batchOperationKey?: string; state?: unknown }, 'itemKey' | 'processInstanceKey'>,
    options: RequestOptions = {},
  ): Promise<SearchResult<BatchOperationItem>> {
    return this.json('POST', '/v2/batch-operation-items/search', request, options);
  }

  // any same-origin JSON route of a web app's own server (it checks the same session and CSRF token)

  json<T>(method: string, path: string, body: unknown, options: RequestOptions): Promise<T> {
    return this.send(method, path, body, options).then((response) => (response.status === 204 ? (undefined as T) : (response.json() as Promise<T>)));
  }

  // helpers

  private async send(
    method: string,
    path: string,
    body: unknown,
    options: RequestOptions,
    kind: 'json' | 'form' = 'json',
    reportUnauthenticated = true,
    accept = 'application/json',
  ): Promise<Response> {
    const headers: Record<string, string> = { accept: `${accept}, application/problem+json` };
    if (method !== 'GET' && this.csrfToken) headers[CSRF_HEADER] = this.csrfToken;
    if (options.polling) headers['x-is-polling'] = 'true';
    Object.assign(headers, options.headers);
    let payload: BodyInit | undefined;
    if (body instanceof FormData) {
      payload = body; // the browser sets the multipart content type with its boundary
    } else if (body instanceof URLSearchParams || kind === 'form') {
      payload = body as URLSearchParams;
      headers['content-type'] = 'application/x-www-form-urlencoded';
    } else if (body !== undefined) {
      payload = stringifyExact(body); // a variable's long integer (LosslessNumber) with its digits
      headers['content-type'] = 'application/json';
    }
    let response: Response;
    try {
      response = await fetch(this.origin + path, { method, headers, body: payload, credentials: 'same-origin', signal: options.signal });
    } catch (error) {
      // cancelled by the caller: it learns why (the signal's reason: a time bound, a newer load), not 无法连接
      if (options.signal?.aborted) throw options.signal.reason ?? error;
      throw new ApiError(0, undefined);
    }
    this.clock.observe(response.headers.get('date'));
    if (ownRoute(this.origin + path)) noteServerBuild(response.headers.get(BUILD_HEADER));
    if (response.ok) return response;
    const problem = await readProblem(response);
    if (response.status === 401 && reportUnauthenticated) this.sessionEnded();
    throw new ApiError(response.status, problem);
  }

  private sessionEnded(): void {
    if (this.unauthenticatedHandler) this.unauthenticatedHandler();
    else this.unheardUnauthenticated = true;
  }
}

/**
 * Whether `url` is one of the app's own routes, whose answers name the build of the app (new-build.ts): not the
 * engine's /v2 (nor the sandbox's /play/v2), nor the sign-in and sign-out, served for every app alike.
 */
function ownRoute(url: string): boolean {
  const path = url.replace(/^[a-z]+:\/\/[^/]+/i, '');
  return !/^(?:\/play)?\/v2(?:[/?]|$)|^\/(?:login|logout)(?:[/?]|$)/.test(path);
}

type FilterValueOf<T> = T | { $eq?: T; $in?: T[]; $like?: string };

/**
 * Camunda cuts variable values longer than 8191 characters in search answers unless asked not to. The apps parse
 * every value they show or use — to mask ID numbers and bank accounts inside lists and objects, to fill forms — and
 * a cut JSON text cannot be parsed (it would be shown as raw text, unmasked), so their searches ask for whole values.
 */
const WHOLE_VALUES = '?truncateValues=false';

function enc(value: string): string {
  return encodeURIComponent(value);
}

async function readProblem(response: Response): Promise<ProblemDetail | undefined> {
  try {
    const text = await response.text();
    return text ? (JSON.parse(text) as ProblemDetail) : undefined;
  } catch {
    return undefined;
  }
}
