/**
 * The embedded engine's facade: the only entry point for the REST layer and the start script. Commands go
 * through the ordered command queue (one transaction per batch, answered after commit); queries read SQLite
 * directly, so they are strongly consistent.
 */
import { currentActor } from './actor-context.js';
import { EngineClock, isPinnable, PINNABLE_RANGE } from './clock.js';
import { batchItemRefusal } from './identity/batch-item-permission.js';
import { IdentityService } from './identity/identity-service.js';
import { seedIdentity, type ConfigAdditions, type SeedResult } from './identity/identity-seed.js';
import { EngineStoppedError, InvalidArgumentError, InvalidStateError, NotFoundError, StoreFailedError } from './errors.js';
import type { AfterCommit, EngineServices } from './behaviors/shared/engine-services.js';
import { IncidentRaiser } from './behaviors/shared/incidents.js';
import { ScopedVariables } from './behaviors/shared/variables.js';
import { transformBpmn } from './model/transform-bpmn.js';
import { transformDmn } from './decisions/transform-dmn.js';
import { BpmnProcessor } from './processor/bpmn-processor.js';
import {
  auditBatchItem,
  auditBatchOperation,
  auditIncident,
  auditProcessInstance,
  auditUserTask,
  auditVariables,
  batchItemCreator,
  existingVariables,
  type AuditActor,
} from './processor/audit-trail.js';
import { ModelCache, type CommandContext } from './processor/command-context.js';
import { CommandQueue } from './processor/command-queue.js';
import { BatchOperationRunner } from './processor/batch-operation-runner.js';
import { CompletionWaiters } from './processor/completion-waiters.js';
import { JobPollRegistry } from './processor/job-poll-registry.js';
import { Scheduler } from './processor/scheduler.js';
import {
  cancelBatchOperation,
  createBatchOperation,
  failBatchItem,
  nextBatchItem,
  resumeBatchOperation,
  runBatchItem,
  suspendBatchOperation,
  type CreateBatchOperation,
} from './processor/batch-operation-commands.js';
import { calledDecisions, evaluateDecision, type EvaluateDecision, type EvaluatedDecisionResult } from './processor/decision-commands.js';
import { deploy, type DeploymentResult } from './processor/deployment-commands.js';
import { DEFAULT_DEPLOYMENT_PARSE_TIMEOUT_MS, deploymentParser } from './processor/deployment-parser.js';
import type { DeploymentResource } from './processor/deployment-resources.js';
import { resolveIncident, setVariables } from './processor/incident-commands.js';
import {
  activateJobs,
  completeJob,
  failJob,
  handOverJob,
  throwJobError,
  updateJob,
  yieldJobs,
  timeOutJobs,
  type ActivateJobs,
  type ActivatedJob,
  type FailJob,
} from './processor/job-commands.js';
import { dueTimers, triggerTimer } from './processor/timer-commands.js';
import { correlateMessage, expireMessages, publishMessage, type PublishMessage } from './processor/message-commands.js';
import { broadcastSignal } from './processor/signal-commands.js';
import { deleteResource, type DeletedResource } from './processor/resource-deletion.js';
import { migrateProcessInstance, type MigrateProcessInstance } from './processor/process-instance-migration.js';
import { modifyProcessInstance, type ModifyProcessInstance } from './processor/process-instance-modification.js';
import { cancelProcessInstance, createProcessInstance, type CreateProcessInstance } from './processor/process-instance-commands.js';
import {
  assignUserTask,
  completeUserTask,
  unassignUserTask,
  updateUserTask,
  type UserTaskChangeset,
} from './processor/user-task-commands.js';
import type { EngineReaders } from './state/readers.js';
import type { BatchOperationRecord, MessageRecord, ProcessInstanceRecord } from './state/records.js';
import { replayUnprojected } from './state/event-replay.js';
import { StateWriter } from './state/state-writer.js';
import { DocumentStore } from './store/document-store.js';
import { DEFAULT_PROJECTION_DELAY_MS, EngineStore } from './store/engine-store.js';
import { EngineQueries } from './store/engine-queries.js';
import { stateReaders } from './store/state-readers.js';
import type { IdScope, RowScope } from './store/row-scope.js';

export type { CreateBatchOperation };
// What the REST layer (engine/api/) needs besides the Engine: it imports nothing else of the engine's layers.
export type { EvaluatedDecisionResult, ProcessInstanceRecord, IdScope, RowScope };
export type { AuthorizationRow } from './store/identity-store.js';
export type { AuthorizationCreatedResult, AuthorizationResult, CurrentUserResult } from './store/identity-results.js';
export type { BatchOperationCreatedResult } from './store/batch-operation-results.js';
export type { EvaluateDecisionResult } from './store/decision-results.js';
export type { ActivatedJobResult } from './store/job-results.js';
export type { AnsweredJobState } from './state/records.js';
export type { DeployedResourceKind, ScopedTarget } from './store/engine-queries.js';
export { LOCAL_STORE_ID, type StoredDocument } from './store/document-store.js';
export { InvalidSearchError, likeToRegExp } from './store/search-query.js';
// … and of the engine beside its layers: the clock's range, the actor of a request, logins and permissions.
export { PINNABLE, PINNABLE_RANGE } from './clock.js';
export { runAs } from './actor-context.js';
export type { Principal } from './identity/identity-service.js';
export { reachesNothing, readsBatchOperations, rowScope } from './identity/permission-set.js';
export { isPermissionOf, OWNER_TYPES, RESOURCE_TYPES, USER_TASK_PROPERTIES, type PermissionOf, type ResourceType } from './identity/permission-types.js';
export { csrfTokenMatches, type Session } from './identity/sessions.js';
export { DEVICE_COOKIE_MAX_AGE_MS } from './identity/device-cookies.js';

export interface EngineOptions {
  dataDir: string;
  /** SQLite synchronous mode; FULL (default) syncs every commit to disk. */
  synchronous?: 'FULL' | 'NORMAL';
  /**
   * Write every state change to the event log (audit trail). Default true. The log is then the truth for the
   * process instance, element instance, variable, job, user task, incident, timer and message subscription
   * tables, written behind the command path (the projection, engine/store/engine-store.ts); off (benchmarks only),
   * every row is written inside its command's transaction.
   */
  eventLog?: boolean;
  /** Pause before the projector writes a batch's held rows (ms, default 100); tests hold it back with a long one. */
  projectionDelay?: number;
  /**
   * The search lag (ms; 0, the default, is off): the /v2 searches and reads by key see only what the projector has
   * written, as a Camunda cluster's searches read a secondary store behind the commands, and the projector waits this
   * long after a batch (instead of `projectionDelay`), so they are at most about this far behind. Off, they are
   * read-your-writes. For running the SDK conformance suites as against a cluster (docs/camunda8-cluster.md); needs
   * the event log.
   */
  searchLag?: number;
  /** Default long-poll time of job activation when the request gives none (ms). */
  defaultJobPollTimeout?: number;
  /** How often the scheduler looks for timed-out and backed-off jobs when nothing woke it (ms). */
  schedulerInterval?: number;
  /** Pause between two items of a batch operation (ms); 0 works them off as fast as other commands allow. */
  batchOperationPace?: number;
  /** Longest time reading and checking one deployment's resources may take before it is refused (ms, default 30 s). */
  deploymentParseTimeout?: number;
  /** Logins and sessions; see docs/identity.md. */
  identity?: IdentityEngineOptions;
}

export interface IdentityEngineOptions {
  /** The server listens on a loopback address only: the demo users are seeded and demo passwords work. */
  loopback: boolean;
  /** A browser session ends after this long without a request (ms, default 30 minutes). */
  sessionIdleMs?: number;
  /** … and this long after the login at the latest (ms, default 12 hours). */
  sessionMaxMs?: number;
  /** Where roles.json, authorizations.json and users.json are read from on the first start (default config/). */
  configDir?: URL;
  /** Wall clock of session lifetimes (default Date.now; never the engine clock, which tests pin). */
  wallClock?: () => number;
}

export interface AwaitedResult {
  instance: ProcessInstanceRecord;
  variables: Record<string, unknown>;
}

export class Engine {
  readonly clock = new EngineClock();
  /** The REST read side: behind the commands by up to the search lag when it is on. */
  readonly queries: EngineQueries;
  /**
   * The same queries, read-your-writes always: the authorization checks of requests (route-guard.ts), which decide
   * whether a command may touch a row and must not miss one the projector has not written yet.
   */
  readonly currentQueries: EngineQueries;
  /** The Documents API's files (notices and uploads), under `<dataDir>/documents/`. */
  readonly documents: DocumentStore;
  /** Users, groups, roles, authorizations, logins. */
  readonly identity: IdentityService;
  /** What the first start created (undefined on later starts). */
  firstStart: SeedResult | undefined;
  /** What a later start added to identity from config/ (undefined on the first start). */
  configAdditions: ConfigAdditions | undefined;
  private readonly store: EngineStore;
  private readonly queue: CommandQueue;
  private readonly context: CommandContext;
  private readonly scheduler: Scheduler;
  private readonly jobPolls: JobPollRegistry;
  private readonly completions = new CompletionWaiters();
  private readonly batchOperations: BatchOperationRunner;
  private stopped = false;

  private constructor(private readonly options: Required<EngineOptions>) {
    // before the store opens: a refused start must leave no file, connection or writer thread open
    if (options.searchLag > 0 && !options.eventLog) throw new Error('the search lag needs the event log (its projection is what searches lag behind)');
    this.store = new EngineStore({
      dataDir: options.dataDir,
      synchronous: options.synchronous,
      projection: options.eventLog ? { delayMs: options.searchLag > 0 ? options.searchLag : options.projectionDelay } : undefined,
      replay: (store, afterPosition, complete) => replayUnprojected(store, store.events.after(afterPosition), complete),
      // memory may hold what no longer reaches the file: refused from now on, and the process ends, as after a failed
      // fsync, so a restart recovers from the file what was acknowledged (docs/reliability.md, "When the writer thread dies")
      writerDied: (error) => this.queue.fail(new StoreFailedError(), writerDied(error)),
    });
    this.currentQueries = new EngineQueries(this.store.connection, this.store.latestProcessDefinitions);
    this.queries = options.searchLag > 0 ? new EngineQueries(this.store.connection.lagging()) : this.currentQueries;
    this.documents = new DocumentStore(options.dataDir);
    this.identity = new IdentityService(this.store.identity, {
      loopback: options.identity.loopback,
      session: {
        idleMs: options.identity.sessionIdleMs ?? 30 * 60_000,
        maxMs: options.identity.sessionMaxMs ?? 12 * 3_600_000,
        now: options.identity.wallClock,
      },
    });
    const models = new ModelCache();
    const now = () => this.clock.now();
    const nowIso = () => this.clock.nowIso();
    const nextKey = () => this.store.nextKey();
    const readers = stateReaders(this.store);
    const writer = new StateWriter(this.store, nowIso, options.eventLog ? this.store.events : undefined);
    const variables = new ScopedVariables(readers, writer, nextKey, now);
    const services: EngineServices = {
      now,
      nowIso,
      nextKey,
      readers,
      writer,
      variables,
      incidents: new IncidentRaiser(readers, writer, nextKey, nowIso),
      afterCommit: this.afterCommit(readers),
      decisions: calledDecisions({ readers, models, services: { now, nowIso, nextKey, writer, variables } }),
    };
    const processor = new BpmnProcessor(models, services);
    const rolledBack = () => {
      this.store.rolledBack();
      processor.discard();
    };
    this.queue = new CommandQueue({
      transaction: (work) => this.store.transaction(work),
      batch: (work) => this.store.batchTransaction(work),
      durable: () => this.store.durable(),
      rolledBack,
      actingAs: (actor) => (this.store.events.actor = actor),
    });
    this.context = {
      readers,
      services,
      processor,
      models,
      attempt: (work) => {
        // a failed attempt discards the processor's whole plan, so it may only begin when the command has none
        if (!processor.isIdle()) throw new Error('an attempt began while the processor had work queued');
        try {
          return this.store.transaction(work);
        } catch (error) {
          rolledBack();
          throw error;
        }
      },
    };
    this.jobPolls = new JobPollRegistry(
      {
        activate: (command, actor, wait) =>
          this.command(() => {
            const jobs = activateJobs(this.context, command);
            if (jobs.length === 0) wait?.();
            return jobs;
          }, actor),
        yield: (jobs) => this.command(() => yieldJobs(this.context, jobs), null),
        handOver: (command, job, actor) => this.store.events.actingAs(actor, () => handOverJob(this.context, command, job)),
        stillHanded: (job) => {
          const current = readers.job(job.key);
          return current?.state === 'ACTIVATED' && current.deadline === job.deadline;
        },
      },
      { afterCommit: (hook) => this.queue.afterCommit(hook), onRollback: (hook) => this.queue.onRollback(hook) },
      options.defaultJobPollTimeout,
    );
    this.scheduler = new Scheduler(
      this.clock,
      {
        nextDue: () => {
          const next = Math.min(readers.nextJobWakeUp() ?? Infinity, readers.nextTimerDue() ?? Infinity);
          return Number.isFinite(next) ? next : undefined;
        },
        wakeJobsDue: async (since, until) => {
          const types = new Set(readers.jobTypesDueBetween(since, until));
          // a lock that ran out is a TIMED_OUT event at once, as Zeebe's timeout checker writes it (the job search shows it)
          if (readers.expiredJobLocks(until).length > 0) {
            for (const type of await this.command(() => timeOutJobs(this.context, until), null)) types.add(type);
          }
          await Promise.all([...types].map((type) => this.jobPolls.wake(type)));
        },
        fireDueTimers: (now) => this.fireDueTimers(now),
        expireMessages: () => this.command(() => expireMessages(this.context), null),
      },
      options.schedulerInterval,
    );
    this.batchOperations = new BatchOperationRunner(
      {
        nextItem: () => nextBatchItem(this.context)?.key,
        // each item is its creator's operation on the case, recorded under their name
        run: (itemKey) => {
          const creator = batchItemCreator(this.context, itemKey) ?? null;
          const refusal = creator ? this.batchItemRefusal(creator, itemKey) : undefined;
          if (refusal) return this.command(() => failBatchItem(this.context, itemKey, refusal), creator);
          return this.command(() => {
            runBatchItem(this.context, itemKey);
            if (creator) auditBatchItem(this.context, creator, itemKey);
          }, creator);
        },
        fail: (itemKey, message) => this.command(() => failBatchItem(this.context, itemKey, message), batchItemCreator(this.context, itemKey) ?? null),
      },
      options.batchOperationPace,
    );
  }

  /** Opens (or creates) the data directory and loads every deployed model. */
  static async start(options: EngineOptions): Promise<Engine> {
    const engine = new Engine({
      synchronous: 'FULL',
      eventLog: true,
      defaultJobPollTimeout: 10_000,
      schedulerInterval: 200,
      batchOperationPace: 0,
      deploymentParseTimeout: DEFAULT_DEPLOYMENT_PARSE_TIMEOUT_MS,
      identity: { loopback: false },
      ...options,
      projectionDelay: options.projectionDelay ?? DEFAULT_PROJECTION_DELAY_MS,
      searchLag: options.searchLag ?? 0,
    });
    await engine.loadModels();
    const seeded = await seedIdentity(engine.store.identity, {
      loopback: engine.options.identity.loopback,
      configDir: engine.options.identity.configDir,
    });
    if ('usernames' in seeded) engine.firstStart = seeded;
    else engine.configAdditions = seeded;
    engine.scheduler.start();
    // batch operations interrupted by a stop go on where they were
    engine.batchOperations.run();
    return engine;
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.scheduler.stop();
    this.batchOperations.stop();
    this.jobPolls.close();
    this.queue.close();
    await this.queue.idle();
    this.store.close();
  }

  // deployments and process instances

  async deploy(resources: DeploymentResource[], tenantId: string): Promise<DeploymentResult> {
    // read and checked on the parser thread: other commands run meanwhile
    const parsed = await deploymentParser.parse(resources, this.options.deploymentParseTimeout);
    return this.command(() => deploy(this.context, parsed, tenantId));
  }

  createProcessInstance(command: CreateProcessInstance): Promise<ProcessInstanceRecord> {
    return this.audited((actor) => {
      const created = createProcessInstance(this.context, command, actor?.username);
      if (actor) auditProcessInstance(this.context, actor, 'CREATE', created.key);
      return created;
    });
  }

  /** Creates an instance and answers when it completes (or fails with 504 after `requestTimeout` ms). */
  async createProcessInstanceWithResult(command: CreateProcessInstance, requestTimeout: number, fetchVariables: readonly string[]): Promise<AwaitedResult> {
    let expected: ReturnType<CompletionWaiters['expect']> | undefined;
    const instance = await this.audited((actor) => {
      const created = createProcessInstance(this.context, command, actor?.username);
      if (actor) auditProcessInstance(this.context, actor, 'CREATE', created.key);
      expected = this.completions.expect(created.key);
      return created;
    });
    const current = this.context.readers.processInstance(instance.key)!;
    let record = current;
    if (current.state === 'ACTIVE') record = await expected!.wait(requestTimeout);
    else expected?.cancel();
    if (record.state === 'TERMINATED') throw new InvalidStateError(`the process instance '${instance.key}' was terminated`);
    const names = fetchVariables.length > 0 ? fetchVariables : undefined;
    return { instance: record, variables: this.context.services.variables.visible(record.key, names) };
  }

  evaluateDecision(command: EvaluateDecision): Promise<EvaluatedDecisionResult> {
    return this.command(() => evaluateDecision(this.context, command));
  }

  modifyProcessInstance(processInstanceKey: number, command: ModifyProcessInstance): Promise<void> {
    return this.audited((actor) => {
      modifyProcessInstance(this.context, processInstanceKey, command);
      if (actor) auditProcessInstance(this.context, actor, 'MODIFY', processInstanceKey);
    });
  }

  migrateProcessInstance(processInstanceKey: number, command: MigrateProcessInstance): Promise<void> {
    return this.audited((actor) => {
      migrateProcessInstance(this.context, processInstanceKey, command);
      if (actor) auditProcessInstance(this.context, actor, 'MIGRATE', processInstanceKey);
    });
  }

  // batch operations

  /**
   * Creates a batch operation over the running process instances `filter` matches, within `scope` (the cases its
   * creator may change that way); it runs in the background.
   */
  async createBatchOperation(command: CreateBatchOperation, scope?: RowScope): Promise<BatchOperationRecord> {
    const find = (filter: Record<string, unknown>) => {
      const keys: number[] = [];
      for (let after: string | undefined; ; ) {
        const page = this.currentQueries.searchProcessInstances({ filter, page: { limit: 1_000, ...(after ? { after } : {}) } }, scope);
        keys.push(...page.items.map((item) => Number(item.processInstanceKey)));
        if (page.items.length < 1_000 || !page.page.endCursor) return keys;
        after = page.page.endCursor;
      }
    };
    const operation = await this.audited((actor) => {
      const created = createBatchOperation(this.context, command, find);
      if (actor) auditBatchOperation(this.context, actor, created.key, created.batchOperationType);
      return created;
    });
    this.batchOperations.run();
    return operation;
  }

  /** Why the creator may no longer process the item (their grant was revoked since they created it), if so. */
  private batchItemRefusal(creator: string, itemKey: number): string | undefined {
    const item = this.context.readers.batchOperationItem(itemKey);
    const operation = item && this.context.readers.batchOperation(item.batchOperationKey);
    if (!item || !operation) return undefined;
    return batchItemRefusal(this.identity, (key, scope) => this.currentQueries.reach('processInstance', key, scope), {
      creator,
      type: operation.batchOperationType,
      processInstanceKey: item.processInstanceKey,
    });
  }

  suspendBatchOperation(key: number): Promise<void> {
    return this.command(() => suspendBatchOperation(this.context, key));
  }

  async resumeBatchOperation(key: number): Promise<void> {
    await this.command(() => resumeBatchOperation(this.context, key));
    this.batchOperations.run();
  }

  cancelBatchOperation(key: number): Promise<void> {
    return this.command(() => cancelBatchOperation(this.context, key));
  }

  /** Deletes a process definition, decision requirements or form by the key its deployment answered. */
  deleteResource(resourceKey: number): Promise<DeletedResource> {
    return this.command(() => deleteResource(this.context, resourceKey));
  }

  cancelProcessInstance(processInstanceKey: number): Promise<void> {
    return this.audited((actor) => {
      cancelProcessInstance(this.context, processInstanceKey);
      if (actor) auditProcessInstance(this.context, actor, 'CANCEL', processInstanceKey);
    });
  }

  // jobs

  /**
   * Activates jobs; with none available, waits up to `requestTimeout` ms for one (long polling). When `signal`
   * aborts (the HTTP client went away) the poll is dropped at once, and jobs already activated for it are yielded
   * back, so the next live worker gets them instead of a dead request sitting on them until their lock times out.
   */
  activateJobs(command: ActivateJobs, requestTimeout: number, signal?: AbortSignal): Promise<ActivatedJob[]> {
    return this.jobPolls.activate(command, requestTimeout, signal, currentActor());
  }

  /**
   * Writes the rows the projection holds now (engine/store/engine-store.ts), for tests that read the SQLite file
   * through a connection of their own; the engine's own reads never need it.
   */
  projectHeld(): void {
    this.store.project();
  }

  /** How often a SQL read inside a command had to write the projection's held rows first (bench, tests). */
  forcedProjections(): number {
    return this.store.forcedProjections;
  }

  /**
   * How often a failed command's rollback kept memory as it was (it changed nothing) and how often it rebuilt memory
   * from SQLite and the events (tests).
   */
  rollbacks(): { kept: number; rebuilt: number } {
    return { ...this.store.rollbacks };
  }

  /** Long polls waiting for jobs of `type` right now (the monitor and tests read it). */
  waitingJobPolls(type: string): number {
    return this.jobPolls.waiting(type);
  }

  completeJob(jobKey: number, variables: Record<string, unknown>): Promise<void> {
    return this.command(() => completeJob(this.context, jobKey, variables));
  }

  failJob(jobKey: number, command: FailJob): Promise<void> {
    return this.command(() => failJob(this.context, jobKey, command));
  }

  throwJobError(jobKey: number, command: { errorCode: string; errorMessage: string; variables: Record<string, unknown> }): Promise<void> {
    return this.command(() => throwJobError(this.context, jobKey, command));
  }

  updateJob(jobKey: number, changeset: { retries?: number; timeout?: number }): Promise<void> {
    return this.command(() => updateJob(this.context, jobKey, changeset)).finally(() => this.scheduler.reschedule());
  }

  // user tasks

  assignUserTask(key: number, assignee: string, allowOverride: boolean): Promise<void> {
    return this.audited((actor) => {
      assignUserTask(this.context, key, assignee, allowOverride);
      if (actor) auditUserTask(this.context, actor, 'ASSIGN', key);
    });
  }

  unassignUserTask(key: number): Promise<void> {
    return this.audited((actor) => {
      unassignUserTask(this.context, key);
      if (actor) auditUserTask(this.context, actor, 'UNASSIGN', key);
    });
  }

  updateUserTask(key: number, changeset: UserTaskChangeset): Promise<void> {
    return this.audited((actor) => {
      updateUserTask(this.context, key, changeset);
      if (actor) auditUserTask(this.context, actor, 'UPDATE', key);
    });
  }

  /** `completedBy`: the authenticated user (recorded, checked against four-eyes pairs). */
  completeUserTask(key: number, variables: Record<string, unknown>, completedBy?: string): Promise<void> {
    return this.audited((actor) => {
      const task = this.context.readers.userTask(key);
      const existed = task && actor ? existingVariables(this.context, task.processInstanceKey, Object.keys(variables)) : new Set<string>();
      completeUserTask(this.context, key, variables, completedBy);
      if (!actor || !task) return;
      auditUserTask(this.context, actor, 'COMPLETE', key);
      auditVariables(this.context, actor, task.processInstanceKey, variables, existed, { elementInstanceKey: task.elementInstanceKey, userTaskKey: key });
    });
  }

  // incidents and variables

  resolveIncident(incidentKey: number): Promise<void> {
    return this.audited((actor) => {
      resolveIncident(this.context, incidentKey);
      if (actor) auditIncident(this.context, actor, incidentKey);
    });
  }

  setVariables(elementInstanceKey: number, variables: Record<string, unknown>, local: boolean): Promise<void> {
    return this.audited((actor) => {
      const scope = this.context.readers.elementInstance(elementInstanceKey);
      const existed = scope && actor ? existingVariables(this.context, scope.processInstanceKey, Object.keys(variables)) : new Set<string>();
      setVariables(this.context, elementInstanceKey, variables, local);
      if (actor && scope) auditVariables(this.context, actor, scope.processInstanceKey, variables, existed, { elementInstanceKey });
    });
  }

  // messages

  publishMessage(command: PublishMessage): Promise<MessageRecord> {
    return this.command(() => publishMessage(this.context, command));
  }

  correlateMessage(command: Omit<PublishMessage, 'timeToLive' | 'messageId'>): Promise<{ messageKey: number; processInstanceKey: number }> {
    return this.command(() => correlateMessage(this.context, command));
  }

  broadcastSignal(command: { signalName: string; variables: Record<string, unknown>; tenantId: string }): Promise<number> {
    return this.command(() => broadcastSignal(this.context, command));
  }

  // clock

  /**
   * Pins the engine clock; resolves once every timer due by then has fired, buffered messages past their time to
   * live expired, and long polls were offered the jobs whose lock or back-off ran out, all committed.
   */
  async pinClock(epochMs: number): Promise<void> {
    // refused before the link clock records the move (the clock's own check would come after it)
    if (!isPinnable(epochMs)) throw new InvalidArgumentError(`timestamp must be ${PINNABLE_RANGE}`);
    // recorded for document links first: when that save fails (disk full) it throws and the clock has not moved
    this.documents.clockMoved(this.clock.now(), epochMs, epochMs);
    this.clock.pin(epochMs);
    await this.scheduler.settle();
  }

  /** Unpins the clock (back to the system time); resolves as `pinClock` does. */
  async resetClock(): Promise<void> {
    // recorded first, as in pinClock; the system time read here is a moment before the clock's, so a set-back is
    // counted at most that moment larger (links end that much sooner, never later)
    this.documents.clockMoved(this.clock.now(), Date.now(), null);
    this.clock.reset();
    await this.scheduler.settle();
  }

  /** Events of one process instance, in order (audit trail, tests). */
  eventsOf(processInstanceKey: number) {
    if (!this.context.readers.processInstance(processInstanceKey)) throw new NotFoundError(`no process instance with key '${processInstanceKey}' exists`);
    return this.store.events.forProcessInstance(processInstanceKey);
  }

  // helpers

  /** Queues a command; its events record `actor` (default: the user of the current request, none outside one). */
  private command<T>(run: () => T, actor: string | null = currentActor()): Promise<T> {
    if (this.stopped) return Promise.reject(new EngineStoppedError());
    return this.queue.enqueue(run, actor);
  }

  /** A user's operation on a case: `run` records it in the audit trail when a user gave it. */
  private audited<T>(run: (actor: AuditActor | undefined) => T): Promise<T> {
    const username = currentActor();
    return this.command(() => run(username === null ? undefined : { username }), username);
  }

  private afterCommit(readers: EngineReaders): AfterCommit {
    return {
      jobsAvailable: (type) => this.queue.afterCommit(() => void this.jobPolls.wake(type)),
      jobCreated: (job) => {
        if (!this.jobPolls.offer(job)) this.queue.afterCommit(() => void this.jobPolls.wake(job.type));
      },
      processInstanceEnded: (key) =>
        this.queue.afterCommit(() => {
          const record = readers.processInstance(key);
          if (record) this.completions.ended(record);
        }),
    };
  }

  /** Fires every timer due by `now`, each in its own command; a failing one is logged and retried next tick. */
  private async fireDueTimers(now: number): Promise<void> {
    for (let due = dueTimers(this.context, now); due.length > 0 && !this.stopped; due = dueTimers(this.context, now)) {
      const results = await Promise.allSettled(due.map((timer) => this.command(() => triggerTimer(this.context, timer.key), null)));
      const failed = results.filter((r) => r.status === 'rejected');
      if (failed.length > 0) {
        console.error(`[engine] ${failed.length} timer(s) could not fire: ${String((failed[0] as PromiseRejectedResult).reason)}`);
        break;
      }
    }
  }

  private async loadModels(): Promise<void> {
    const { readers, models } = this.context;
    for (const requirements of readers.allDecisionRequirements()) {
      models.addDrg(requirements.key, await transformDmn(requirements.content));
    }
    const definitions = readers.processDefinitions();
    const byResource = new Map<number, typeof definitions>();
    for (const d of definitions) byResource.set(d.resourceKey, [...(byResource.get(d.resourceKey) ?? []), d]);
    for (const [resourceKey, defs] of byResource) {
      const resource = readers.resource(resourceKey)!;
      const processes = await transformBpmn(resource.content);
      for (const d of defs) {
        const process = processes.find((p) => p.bpmnProcessId === d.bpmnProcessId);
        if (process) models.add(d.key, process);
      }
    }
  }
}

/**
 * What the process ends with when the store's writer thread died: the one log line of it (the cause is how the thread
 * ended, or its error, SQLite's words: no row of a batch), saying what the clients heard and what to do.
 */
function writerDied(cause: Error): Error {
  return new Error(
    `the store's writer thread stopped unasked (${cause.message}): the engine ends, as after a failed fsync. Commands ` +
      'whose batch was being saved were answered 504 (outcome unknown), later ones 503; a restart on the same data ' +
      'directory recovers every acknowledged command',
  );
}
