/**
 * All durable engine state, one SQLite file. Everything above reaches SQLite only through this object.
 *
 * The projection (on with the event log): the event log is the truth for the hot tables (process instances,
 * element instances, variables, jobs, user tasks with the candidates their triggers derive, incidents, timers, message
 * subscriptions, message start subscriptions, buffered messages and their correlations, signal subscriptions,
 * decision instances, the tokens waiting at joins) and the audit log of users' operations, which are a projection of it.
 * A command's changes to them stay held in memory (record-table.ts write-behind) past the batch's commit, which
 * writes only the event rows, the key counter and the tables that are not projected, and is synced before any reply.
 * With the projection the batch's event rows and key counter are written by a thread of their own (store-writer.ts,
 * `writerTransaction`); a batch whose commands also write SQL here is written here (`materialize`).
 * The projector writes the held rows after the batch's replies, in a transaction of its own that also records the
 * last projected event position in `meta`; nothing else may write them (store-connection.ts refuses it). With the
 * writer thread that transaction runs there (`handOver`): the rows go over as statements' bound values, in the same
 * ordered stream as the batches, and stay readable in memory (record-table.ts, handed writes) until it has run.
 * Every SQL read of a projected table (or a view over one) first projects what is held and waits for the writer to
 * have written it: the read statements of the store's connection do it (store-connection.ts), so a read sees every
 * change it would have seen before. A rollback
 * drops the in-memory state and replays the events after the projected position (`replay`); so does an open after a
 * crash, before anything is served.
 */
import type {
  AuditLogRecord,
  BatchOperationItemRecord,
  BatchOperationRecord,
  DecisionDefinitionRecord,
  DecisionInstanceRecord,
  DecisionRequirementsRecord,
  DeploymentRecord,
  ElementInstanceRecord,
  FormRecord,
  IncidentRecord,
  JobRecord,
  ProcessDefinitionRecord,
  ProcessInstanceRecord,
  MessageCorrelationRecord,
  MessageRecord,
  MessageStartSubscriptionRecord,
  MessageSubscriptionRecord,
  MessageSubscriptionHistoryRecord,
  CorrelatedMessageSubscriptionRecord,
  ResourceRecord,
  SignalSubscriptionRecord,
  TimerRecord,
  UserTaskRecord,
  VariableRecord,
} from '../state/records.js';
import type { EventLogWriter, MutableState } from '../state/mutable-state.js';
import type { VersionedKind } from '../state/readers.js';
import type { DatabaseOptions } from './database.js';
import { IdentityStore } from './identity-store.js';
import { GroupIndex } from './group-index.js';
import { JobWakeUps } from './job-wake-ups.js';
import { decodeEvents, encodeEvents, type AppendedEvent, type DecodedEvent } from './event-rows.js';
import { LatestProcessDefinitions } from './latest-process-definitions.js';
import { MessageSubscriptionsByCorrelation } from './message-subscriptions-by-correlation.js';
import { BatchOperationCreators } from './batch-operation-creators.js';
import { BufferedMessages } from './buffered-messages.js';
import { SubscriptionsByName } from './subscriptions-by-name.js';
import { TimerDueDates } from './timer-due-dates.js';
import { NewOwners } from './new-owners.js';
import { JoinTokens } from './join-tokens.js';
import { MessageCorrelationIndex } from './message-correlation-index.js';
import { RecordTable, type TableObserver } from './record-table.js';
import { StoreConnection, type ReadStatement, type WriteStatement } from './store-connection.js';
import { projectionWritesSink, StoreWriter, type EventRow } from './store-writer.js';

/**
 * How long the projector lets held rows gather after a batch (ms), and how many it lets gather at most. Longer than
 * an instance of a short process usually lives over HTTP (create, activation, completion: some tens of ms with a
 * few hundred in flight), so most are written once, in their final state; at 10 ms nearly every row was written
 * twice (docs/performance-notes.md, "Why the engine's work costs more over HTTP").
 */
export const DEFAULT_PROJECTION_DELAY_MS = 100;
const MAX_HELD = 20_000;

/** Zeebe's first key on partition 1; keeps our keys in the range clients expect. */
const FIRST_KEY = 2251799813685249;

/** Element instances that have not ended. */
const ACTIVE_ELEMENT_STATES: ReadonlySet<string> = new Set(['ACTIVATING', 'ACTIVATED', 'COMPLETING', 'TERMINATING']);
const ACTIVE_ELEMENT_STATES_SQL = `('ACTIVATING', 'ACTIVATED', 'COMPLETING', 'TERMINATING')`;

export interface StateIndexes {
  /** Element instances that have not ended, by flow scope. */
  readonly activeChildren: GroupIndex<ElementInstanceRecord>;
  /** Variables by scope (kept to the end of the batch after their scope ended, as `innerScopeVariables`). */
  readonly variables: GroupIndex<VariableRecord>;
  /**
   * Variables of the inner scopes of a process instance (sub-processes, tasks, multi-instance bodies), by process
   * instance: with the process instance's own scope in `variables`, all the variables of a case, for the audit trail
   * of a user's task completion or variable edit, which asks which of the names set already existed in the case.
   * Most variables live in the case's own scope: one index of those is enough.
   */
  readonly innerScopeVariables: GroupIndex<VariableRecord>;
  /** Jobs, user tasks, timers and subscriptions by the element instance that owns them. */
  readonly jobs: GroupIndex<JobRecord>;
  readonly userTasks: GroupIndex<UserTaskRecord>;
  readonly timers: GroupIndex<TimerRecord>;
  readonly messageSubscriptions: GroupIndex<MessageSubscriptionRecord>;
  readonly signalSubscriptions: GroupIndex<SignalSubscriptionRecord>;
  /** Active incidents by the element instance they stop. */
  readonly activeIncidents: GroupIndex<IncidentRecord>;
  /**
   * Completed user tasks by process instance: the four-eyes check before a clerk assigns or completes a task asks who
   * completed its paired task. Only completed tasks: an instance waiting at its first task costs nothing here.
   */
  readonly completedUserTasks: GroupIndex<UserTaskRecord>;
  /**
   * Jobs that are or may become activatable (created, activated until their deadline, failed with retries left),
   * by type (`jobTypeIds`): a new long poll looks here instead of querying the jobs table, which would make it write
   * the projection's held rows first.
   */
  readonly openJobsByType: GroupIndex<JobRecord>;
  /** When locked and backed-off jobs become activatable again (the scheduler's question after every round). */
  readonly jobWakeUps: JobWakeUps;
  /** When each timer is due (the scheduler's other question). */
  readonly timerDueDates: TimerDueDates;
  /** The open message subscriptions by message name, correlation key and tenant (every publish's question). */
  readonly messageSubscriptionsByCorrelation: MessageSubscriptionsByCorrelation;
  /** The message start subscriptions by message name and tenant (every publish's other question). */
  readonly messageStartSubscriptionsByName: SubscriptionsByName<MessageStartSubscriptionRecord>;
  /** The signal subscriptions by signal name and tenant (every broadcast's question). */
  readonly signalSubscriptionsByName: SubscriptionsByName<SignalSubscriptionRecord>;
  /** The buffered messages by name, correlation key and tenant, and when they expire. */
  readonly bufferedMessages: BufferedMessages;
  /** Who created each batch operation (asked before each of its items). */
  readonly batchOperationCreators: BatchOperationCreators;
}

export interface EngineStoreOptions extends DatabaseOptions {
  /**
   * Projection on: the hot tables are written behind the command path (see above); needs the event log, from
   * which `replay` rebuilds what a rollback or crash lost of the held rows. Off: every write lands in the
   * command's own transaction (the event log may be off too).
   */
  projection?: { /** Default `DEFAULT_PROJECTION_DELAY_MS`; see `scheduleProjection`. */ delayMs?: number };
  /**
   * Applies the events after a position to the projected tables (engine/state/event-replay.ts), but not to the
   * `complete` ones: a file written before they were projected already holds every event's changes in them.
   */
  replay?: (store: EngineStore, afterPosition: number, complete: readonly string[]) => void;
  /**
   * The writer thread stopped unasked (`error` says how): no batch can be made durable any more. The engine refuses
   * every command from then on and ends, as after a failed fsync (engine.ts); the store's reads refuse meanwhile.
   */
  writerDied?: (error: Error) => void;
}

/** What the projector, and a rollback, need of a record table. */
type HeldWrites = Pick<
  RecordTable<{ key: number }>,
  'writeBehind' | 'held' | 'flush' | 'handOver' | 'projected' | 'rehold' | 'invalidateCache'
>;

/**
 * The tables that are a projection of the event log: every SQL read of one (or of a view over one) projects first
 * (store-connection.ts), and those that are record tables hold their writes back (write-behind) past the batch.
 * A table written from a projected one (by a trigger) belongs here too. Adding a table here is all the store needs,
 * provided its events are replayed (engine/state/event-replay.ts).
 */
const PROJECTED_TABLES: readonly string[] = [
  'process_instances', 'element_instances', 'variables', 'jobs', 'user_tasks', 'user_task_candidates', 'incidents', 'timers',
  'message_subscriptions', 'message_subscription_history', 'correlated_message_subscriptions',
  'message_start_subscriptions', 'messages', 'signal_subscriptions', 'process_instance_tags', 'decision_instances',
  'audit_log', 'join_tokens', 'message_correlations',
];
/** What a file whose `meta` does not name its projected tables projected (the first step of the projection). */
const FIRST_PROJECTED_TABLES = ['process_instances', 'element_instances', 'variables', 'jobs'];

export class EngineStore implements MutableState {
  /** The SQLite connection; every statement and transaction of the store is made through it. */
  readonly connection: StoreConnection;
  readonly deployments: RecordTable<DeploymentRecord>;
  readonly resources: RecordTable<ResourceRecord>;
  readonly processDefinitions: RecordTable<ProcessDefinitionRecord>;
  readonly latestProcessDefinitions: LatestProcessDefinitions;
  readonly forms: RecordTable<FormRecord>;
  readonly processInstances: RecordTable<ProcessInstanceRecord>;
  readonly elementInstances: RecordTable<ElementInstanceRecord>;
  readonly variables: RecordTable<VariableRecord>;
  readonly jobs: RecordTable<JobRecord>;
  readonly userTasks: RecordTable<UserTaskRecord>;
  readonly incidents: RecordTable<IncidentRecord>;
  readonly timers: RecordTable<TimerRecord>;
  readonly messageSubscriptions: RecordTable<MessageSubscriptionRecord>;
  readonly messageSubscriptionHistory: RecordTable<MessageSubscriptionHistoryRecord>;
  readonly correlatedMessageSubscriptions: RecordTable<CorrelatedMessageSubscriptionRecord>;
  readonly messageStartSubscriptions: RecordTable<MessageStartSubscriptionRecord>;
  readonly messages: RecordTable<MessageRecord>;
  readonly messageCorrelations: RecordTable<MessageCorrelationRecord>;
  readonly signalSubscriptions: RecordTable<SignalSubscriptionRecord>;
  readonly decisionRequirements: RecordTable<DecisionRequirementsRecord>;
  readonly decisionDefinitions: RecordTable<DecisionDefinitionRecord>;
  readonly decisionInstances: RecordTable<DecisionInstanceRecord>;
  readonly batchOperations: RecordTable<BatchOperationRecord>;
  readonly batchOperationItems: RecordTable<BatchOperationItemRecord>;
  readonly joinTokens: JoinTokens;
  /** Which buffered message reached which instance, which instances a message started (message-correlation-index.ts). */
  readonly messageCorrelationIndex: MessageCorrelationIndex;
  /** In-memory indexes the command path reads instead of querying after every step (see group-index.ts). */
  readonly indexes: StateIndexes;
  readonly versions: VersionCounters;
  readonly deploymentDecisions: { link(deploymentKey: number, decisionKeys: readonly number[]): void };
  readonly events: EventLog;
  /** Job types as the numbers `indexes.openJobsByType` groups by. */
  readonly jobTypeIds = new JobTypeIds();
  /** The operations users performed on cases (Camunda 8.9's audit log). */
  readonly auditLog: RecordTable<AuditLogRecord>;
  /** Users, groups, roles, authorizations and sessions. */
  readonly identity: IdentityStore;
  /** How often a SQL read inside a transaction (the command path) had to write the held rows first. */
  forcedProjections = 0;
  private nextKeyValue: number;
  private readonly saveKey: WriteStatement;
  private readonly linkDecision: WriteStatement;
  private readonly projection: EngineStoreOptions['projection'];
  private readonly replay: EngineStoreOptions['replay'];
  /** Inside `batchTransaction`: the outermost commit is synced by `durable`, off the engine's thread. */
  private batching = false;
  /**
   * With the projection: the thread that appends each command batch's event rows and the key counter, commits and
   * syncs (store-writer.ts), so that SQLite work and the fsync's dispatch leave the engine's thread.
   */
  private readonly writer: StoreWriter | undefined;
  /**
   * Inside a batch for the writer: its open levels (the batch, the command, an attempt inside it) and how many of the
   * batch's event rows were buffered when each began. A failed level drops the rows after its mark, which is all a
   * savepoint's rollback did for them; SQLite is not touched unless `materialize` had to.
   */
  private levels: { rows: number; savepoint: string | undefined }[] | undefined;
  /** The batch under way is written on this connection after all (`materialize`). */
  private materialized = false;
  /** The last batch's wait for its durability (`durable`). */
  private batchDurable: Promise<void> | undefined;
  /** Events were written since the projector last ran: its position would move even with no row held. */
  private unprojectedEvents = true;
  /** The key counter as last handed over or saved. */
  private savedKey: number;
  /** The last event position whose changes the projected tables hold (saved in `meta` with them). */
  private projectedPosition: number;
  private readonly readPosition: ReadStatement;
  private readonly savePosition: WriteStatement;
  private readonly lastEventPosition: ReadStatement;
  /** The record tables of `PROJECTED_TABLES`. */
  private readonly projectedTables: HeldWrites[];
  private projectionTimer: NodeJS.Immediate | NodeJS.Timeout | undefined;
  private projectionDelayed = false;
  /** The element instances created in this process that run, shared by the group indexes. */
  private readonly newOwners = new NewOwners();

  constructor(options: EngineStoreOptions) {
    const db = (this.connection = StoreConnection.open(options, { tables: PROJECTED_TABLES, beforeRead: () => this.projectForRead() }));
    this.projection = options.projection;
    this.replay = options.replay;
    this.deployments = new RecordTable(db, 'deployments', ['key', 'tenantId', 'createdAt']);
    this.resources = new RecordTable(db, 'resources', ['key', 'resourceName', 'checksum', 'content', 'tenantId', 'deploymentKey']);
    this.processDefinitions = new RecordTable(db, 'process_definitions', [
      'key', 'bpmnProcessId', 'version', 'name', 'versionTag', 'resourceName', 'resourceKey', 'checksum', 'tenantId',
      'deploymentKey', 'startFormId',
    ], [], { cache: true });
    this.latestProcessDefinitions = new LatestProcessDefinitions(this.processDefinitions);
    this.forms = new RecordTable(db, 'forms', [
      'key', 'formId', 'version', 'versionTag', 'resourceName', 'checksum', 'schema', 'tenantId', 'deploymentKey',
    ]);
    this.processInstances = new RecordTable(db, 'process_instances', [
      'key', 'processDefinitionKey', 'bpmnProcessId', 'version', 'state', 'startDate', 'endDate', 'tenantId',
      'parentProcessInstanceKey', 'parentElementInstanceKey', 'tags', 'startedBy',
    ], ['tags'], { cache: true });
    this.elementInstances = new RecordTable(db, 'element_instances', [
      'key', 'processInstanceKey', 'processDefinitionKey', 'bpmnProcessId', 'elementId', 'elementName', 'elementType',
      'flowScopeKey', 'state', 'startDate', 'endDate', 'tenantId', 'incidentKey',
    ], [], { cache: true });
    this.variables = new RecordTable(db, 'variables', ['key', 'scopeKey', 'processInstanceKey', 'name', 'value', 'tenantId']);
    this.jobs = new RecordTable(
      db,
      'jobs',
      [
        'key', 'type', 'state', 'retries', 'worker', 'deadline', 'retryAt', 'errorMessage', 'errorCode', 'endTime', 'customHeaders',
        'elementInstanceKey', 'elementId', 'processInstanceKey', 'processDefinitionKey', 'bpmnProcessId', 'version',
        'tenantId', 'createdAt', 'answeredState', 'answeredWorker', 'answeredDeadline',
      ],
      ['customHeaders'],
      { cache: true },
    );
    this.userTasks = new RecordTable(
      db,
      'user_tasks',
      [
        'key', 'name', 'state', 'assignee', 'candidateGroups', 'candidateUsers', 'dueDate', 'followUpDate', 'priority',
        'formKey', 'externalFormReference', 'customHeaders', 'elementId', 'elementInstanceKey', 'processInstanceKey',
        'processDefinitionKey', 'bpmnProcessId', 'version', 'processName', 'tenantId', 'creationDate', 'completionDate',
        'completedBy',
      ],
      ['candidateGroups', 'candidateUsers', 'customHeaders'],
      { cache: true },
    );
    this.incidents = new RecordTable(
      db,
      'incidents',
      [
        'key', 'errorType', 'errorMessage', 'state', 'elementId', 'elementInstanceKey', 'processInstanceKey',
        'processDefinitionKey', 'bpmnProcessId', 'jobKey', 'tenantId', 'creationTime',
      ],
      [],
      { cache: true },
    );
    this.timers = new RecordTable(
      db,
      'timers',
      [
        'key', 'elementId', 'elementInstanceKey', 'processInstanceKey', 'processDefinitionKey', 'bpmnProcessId', 'dueDate',
        'repetitions', 'cycle', 'tenantId', 'createdAt',
      ],
      ['cycle'],
      { cache: true },
    );
    this.messageSubscriptions = new RecordTable(
      db,
      'message_subscriptions',
      [
        'key', 'elementId', 'elementInstanceKey', 'processInstanceKey', 'processDefinitionKey', 'bpmnProcessId', 'messageName',
        'correlationKey', 'tenantId', 'createdAt',
      ],
      [],
      { cache: true },
    );
    this.messageSubscriptionHistory = new RecordTable(db, 'message_subscription_history', [
      'key', 'elementId', 'elementInstanceKey', 'processInstanceKey', 'processDefinitionKey', 'bpmnProcessId', 'messageName',
      'correlationKey', 'tenantId', 'createdAt', 'state', 'lastUpdatedDate',
    ]);
    this.correlatedMessageSubscriptions = new RecordTable(db, 'correlated_message_subscriptions', [
      'key', 'messageKey', 'subscriptionKey', 'messageName', 'correlationKey', 'elementId', 'elementInstanceKey',
      'processInstanceKey', 'processDefinitionKey', 'bpmnProcessId', 'tenantId', 'correlationTime',
    ]);
    this.messageStartSubscriptions = new RecordTable(db, 'message_start_subscriptions', [
      'key', 'elementId', 'processDefinitionKey', 'bpmnProcessId', 'messageName', 'tenantId',
    ]);
    this.messages = new RecordTable(
      db,
      'messages',
      ['key', 'name', 'correlationKey', 'variables', 'expiresAt', 'messageId', 'tenantId', 'publishedAt'],
      ['variables'],
    );
    this.messageCorrelations = new RecordTable(db, 'message_correlations', [
      'key', 'messageKey', 'processInstanceKey', 'bpmnProcessId', 'correlationKey', 'startedInstance',
    ]);
    this.signalSubscriptions = new RecordTable(db, 'signal_subscriptions', [
      'key', 'elementId', 'elementInstanceKey', 'processInstanceKey', 'processDefinitionKey', 'bpmnProcessId', 'signalName', 'tenantId',
    ]);
    this.decisionRequirements = new RecordTable(db, 'decision_requirements', [
      'key', 'decisionRequirementsId', 'name', 'version', 'resourceName', 'checksum', 'content', 'tenantId', 'deploymentKey',
    ]);
    this.decisionDefinitions = new RecordTable(db, 'decision_definitions', [
      'key', 'decisionId', 'name', 'version', 'versionTag', 'decisionType', 'decisionRequirementsKey', 'decisionRequirementsId',
      'tenantId', 'deploymentKey',
    ]);
    this.decisionInstances = new RecordTable(
      db,
      'decision_instances',
      [
        'key', 'instanceKey', 'evaluationKey', 'state', 'evaluationDate', 'evaluationFailure', 'decisionDefinitionKey', 'decisionId',
        'decisionName', 'decisionVersion', 'decisionType', 'result', 'evaluatedInputs', 'matchedRules', 'tenantId',
        'processDefinitionKey', 'processInstanceKey', 'elementInstanceKey',
      ],
      ['evaluatedInputs', 'matchedRules'],
    );
    this.batchOperations = new RecordTable(
      db,
      'batch_operations',
      ['key', 'batchOperationType', 'state', 'filter', 'payload', 'startDate', 'endDate'],
      ['filter', 'payload'],
    );
    this.batchOperationItems = new RecordTable(db, 'batch_operation_items', [
      'key', 'batchOperationKey', 'itemKey', 'processInstanceKey', 'state', 'processedDate', 'errorMessage',
    ]);
    this.joinTokens = new JoinTokens(db);
    this.messageCorrelationIndex = new MessageCorrelationIndex(db, (key) => this.processInstances.get(key)?.state === 'ACTIVE');
    this.messages.observe(this.messageCorrelationIndex.messages);
    this.messageCorrelations.observe(this.messageCorrelationIndex.correlations);
    this.processInstances.observe(this.messageCorrelationIndex.processInstances);
    this.auditLog = new RecordTable(db, 'audit_log', [
      'key', 'timestamp', 'actorId', 'actorType', 'operationType', 'entityType', 'entityKey', 'entityDescription', 'category', 'result',
      'processInstanceKey', 'processDefinitionKey', 'bpmnProcessId', 'elementInstanceKey', 'userTaskKey', 'jobKey', 'batchOperationKey',
      'batchOperationType', 'variableValue', 'tenantId',
    ]);
    this.indexes = this.createIndexes();
    this.versions = new VersionCounters(db);
    this.linkDecision = db.write(`INSERT OR IGNORE INTO deployment_decisions (deployment_key, decision_key) VALUES (?, ?)`);
    this.deploymentDecisions = {
      link: (deploymentKey, decisionKeys) => {
        for (const decisionKey of decisionKeys) this.linkDecision.run(deploymentKey, decisionKey);
      },
    };
    // the log is written by batches alone: the projections handed after them need not be waited for
    this.events = new EventLog(db, () => this.writer?.settleBatches());
    this.projectedTables = [...this.recordTables().filter((table) => table.writeBehind), this.joinTokens];
    this.identity = new IdentityStore(db, (work) => this.transaction(work), () => this.nextKey());
    const saved = db.read(`SELECT value FROM meta WHERE name = 'nextKey'`).get() as { value: string } | undefined;
    this.nextKeyValue = saved ? Number(saved.value) : FIRST_KEY;
    this.savedKey = this.nextKeyValue;
    this.saveKey = db.write(`INSERT INTO meta (name, value) VALUES ('nextKey', ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value`);
    this.readPosition = db.read(`SELECT value FROM meta WHERE name = 'projectedPosition'`);
    this.savePosition = db.write(
      `INSERT INTO meta (name, value) VALUES ('projectedPosition', ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value`,
    );
    this.lastEventPosition = db.read(`SELECT coalesce(max(position), 0) AS position FROM events`);
    this.inTransaction = db.transaction((work: () => unknown, nested: boolean) => {
      const result = work();
      // with the projection the held rows stay for the projector; the events carry them
      if (!this.projection) this.connection.asProjector(() => this.projectedTables.forEach((table) => table.flush()));
      this.events.flush();
      if (!nested) this.saveKey.run(String(this.nextKeyValue));
      return result;
    });
    this.projectedPosition = this.savedPosition();
    if (this.replay) {
      // a crash left events whose rows were held in memory: rebuild them before anything reads; the tables that
      // joined the projection after the file's last projection hold every change already and are left alone
      const saved = db.read(`SELECT value FROM meta WHERE name = 'projectedTables'`).get() as { value: string } | undefined;
      const projectedThen = saved ? saved.value.split(',') : FIRST_PROJECTED_TABLES;
      const complete = PROJECTED_TABLES.filter((table) => !projectedThen.includes(table));
      this.replay(this, this.projectedPosition, complete);
      this.project();
      // the replay took the cases it replayed for created in this process (NewOwners), whose groups then read as
      // empty without a query; in a table it left alone they may not be: with everything written, read from the file
      if (complete.length > 0) for (const table of this.indexedTables()) table.invalidateCache();
      // SQLite now holds every change; from a file whose correlations were not projected the replay skipped them
      if (complete.includes('message_correlations')) this.messageCorrelationIndex.reload();
      db.write(`INSERT INTO meta (name, value) VALUES ('projectedTables', ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value`).run(
        PROJECTED_TABLES.join(','),
      );
    }
    if (this.projection) {
      this.writer = new StoreWriter(db.name, options.synchronous === 'FULL', {
        batchFailed: () => {
          // a batch handed over never reached the file: memory drops it, as after a failed commit
          this.rollbacks.rebuilt++;
          this.invalidateCaches();
        },
        // the rows of a projection the writer could not write are held again; the next projection tries them again
        // (a batch or a read runs it: retrying from here would loop as long as the cause lasts)
        projectionFailed: (committed) => this.projectedTables.forEach((table) => table.rehold(committed)),
        projected: (committed) => this.projectedTables.forEach((table) => table.projected(committed)),
        // SQLite's message names a constraint or a cause, never a row's values
        projectionError: (message) => console.error(`[engine] projection failed on the writer thread: ${message}`),
        // its checkpointer went with it, and this connection's commits (all of them now) would checkpoint never: SQLite's
        // automatic checkpoint is back on for it, as without the writer
        died: (error) => {
          if (this.writer?.ownCheckpoints && this.connection.open) this.connection.pragma('wal_autocheckpoint = 1000');
          options.writerDied?.(error);
        },
      });
      // the writer's thread checkpoints off the batches' path: this connection's commits must not either (store-writer.ts)
      if (this.writer.ownCheckpoints) db.pragma('wal_autocheckpoint = 0');
      db.beforeWrite = () => this.beforeSql();
      db.pragmaSet = (source) => this.writer!.pragma(source);
    }
  }

  /**
   * Writes the held rows of the projected tables and records the event position they reach. Outside a
   * transaction (the projector, after a batch's replies; a read) in a transaction of its own, on the writer thread
   * when there is one (`handOver`, and here waited for); inside one (a SQL read in the command path) as part of it,
   * on this connection, so the running command's events are written first and the position covers them — a
   * rollback of the command then rolls back the rows and the position together.
   */
  project(): void {
    if (this.depth > 0 || this.connection.inTransaction) {
      // (a reader's own transaction projects before it begins, see store-connection.ts; this is the command path)
      // what was handed to the writer is written first (a failed projection's rows are held again, and written here)
      this.writer?.settle();
      if (this.projectedTables.every((table) => table.held === 0)) return;
      if (this.depth > 0) this.forcedProjections++;
      this.events.flush();
      // the position written with the rows must cover the batch's events: they go to SQLite here first
      this.beforeSql();
      this.writeHeld();
      return;
    }
    this.cancelScheduledProjection();
    if (!this.connection.open) return;
    // The events these rows come from are earlier in the WAL (synced, or in the batch whose fsync is under way, see
    // wal-sync.ts; on the writer thread the batches before the projection were committed and synced before it, in
    // message order), so this transaction is not synced (the connection's NORMAL commit, no `syncCommit`; the
    // writer's connection runs at NORMAL too and syncs only after a batch): in WAL mode a NORMAL commit is atomic
    // (its frames count only with their commit frame, and recovery stops at the first frame that did not reach the
    // disk, so these never count without the events before them); a power cut loses the whole projection
    // transaction or nothing, rows and position together, and the next open replays from the older position. The
    // next batch's fsync of the WAL file covers these frames too, and SQLite syncs the WAL before every checkpoint
    // copies frames into the database file.
    if (this.writer?.open) {
      this.handOver();
      this.writer.settle();
      // written; or the writer failed to, and its rows are held again: written here, which fails as it did there
      // (a full disk) or not (a cause of the writer's own); the events hold the rows either way
      if (this.projectedTables.every((table) => table.held === 0)) return;
    }
    // the position read next must cover every batch handed to the writer (and a failed one leaves memory first)
    this.writer?.settle();
    const position = (this.lastEventPosition.get() as { position: number }).position;
    if (position === this.projectedPosition && this.projectedTables.every((table) => table.held === 0)) return;
    try {
      this.connection.transaction(() => this.writeHeld())();
    } catch (error) {
      // the held rows left memory with the failed transaction; the events still hold them
      this.invalidateCaches();
      throw error;
    }
  }

  /**
   * Hands the held rows over to the writer thread (outside a command), as statements' bound values in the order the
   * projector writes them, to run in one transaction with the position they reach. The tables keep them readable
   * until the writer has committed them (or hold them again when it could not). The writer reads the position
   * itself when it gets there: the message follows every batch whose rows it carries, in the writer's order, so the
   * position covers their events and the rows are never committed before the events they come from (a batch
   * materialized here was committed here before this). Nothing is handed over when nothing is held and no event was
   * written since the last projection.
   */
  private handOver(): void {
    const held = this.projectedTables.some((table) => table.held > 0);
    if (!held && !this.unprojectedEvents) return;
    const writer = this.writer!;
    const seq = writer.nextProjection;
    const { writes, sink } = projectionWritesSink();
    try {
      for (const table of this.projectedTables) table.handOver(sink, seq);
      writer.project(writes);
    } catch (error) {
      // tables before the one that threw moved their rows under a number never posted: memory is rebuilt from the
      // events, as after a projection that failed on this connection
      this.invalidateCaches();
      throw error;
    }
    this.unprojectedEvents = false;
  }

  /**
   * A SQL read of a projected table, or a read transaction, is about to begin (store-connection.ts): the held rows
   * are written first, and what was handed to the writer thread is waited for. With none held and none handed there
   * is nothing to write or wait for, and the check is a few map sizes and a shared counter.
   */
  private projectForRead(): void {
    // outside a command the held rows go after what is in flight, and one wait covers both
    if (this.writer?.open && this.depth === 0 && !this.connection.inTransaction && this.connection.open && this.anyHeld()) this.handOver();
    this.writer?.settle();
    // inside a command; or the writer failed to write them (held again): `project` writes them on this connection
    if (this.anyHeld()) this.project();
  }

  private anyHeld(): boolean {
    for (const table of this.projectedTables) if (table.held > 0) return true;
    return false;
  }

  /** Writes every held row and the position they reach (inside a transaction). */
  private writeHeld(): void {
    this.connection.asProjector(() => this.projectedTables.forEach((table) => table.flush()));
    const position = (this.lastEventPosition.get() as { position: number }).position;
    this.savePosition.run(String(position));
    this.projectedPosition = position;
    this.unprojectedEvents = false;
  }

  private savedPosition(): number {
    const saved = this.readPosition.get() as { value: string } | undefined;
    if (saved) return Number(saved.value);
    // a file written before the projection existed: its tables hold every event's changes
    const position = (this.lastEventPosition.get() as { position: number }).position;
    this.savePosition.run(String(position));
    return position;
  }

  /**
   * The projector runs a short while after a batch (`delayMs`, default 100 ms), so the rows of several batches go in
   * one transaction and an element instance that starts and ends within it is written once, in its final state
   * (measured in process: about a fifth less CPU per instance than projecting after every batch; over HTTP, where an
   * instance lives longer, 100 ms instead of 10 ms writes about half as many update rows). Past
   * `MAX_HELD` held rows it runs right after the batch's replies.
   */
  private scheduleProjection(): void {
    if (!this.projection) return;
    // (after every batch: a run due at once needs nothing counted, and the count is a plain loop)
    if (this.projectionTimer && !this.projectionDelayed) return;
    let held = 0;
    for (const table of this.projectedTables) held += table.held;
    if (held === 0) return;
    const now = held > MAX_HELD;
    if (this.projectionTimer && !(now && this.projectionDelayed)) return;
    this.cancelScheduledProjection();
    const run = () => {
      this.projectionTimer = undefined;
      try {
        // with the writer thread: handed over, not waited for (it runs after the batches before it)
        if (this.writer?.open && this.connection.open) this.handOver();
        else this.project();
      } catch (error) {
        // the rows are rebuilt from the events; the next batch tries again
        console.error(`[engine] projection failed: ${(error as Error).message}`);
      }
    };
    const delay = now ? 0 : (this.projection.delayMs ?? DEFAULT_PROJECTION_DELAY_MS);
    this.projectionDelayed = delay > 0;
    this.projectionTimer = delay > 0 ? setTimeout(run, delay) : setImmediate(run);
  }

  private cancelScheduledProjection(): void {
    if (!this.projectionTimer) return;
    clearTimeout(this.projectionTimer as NodeJS.Timeout);
    clearImmediate(this.projectionTimer as NodeJS.Immediate);
    this.projectionTimer = undefined;
  }

  private depth = 0;
  /**
   * `work` in a transaction (a savepoint when `nested`), then its events written. Built once: better-sqlite3 builds
   * four wrapper functions and defines their properties for every `transaction` call.
   */
  private readonly inTransaction: (work: () => unknown, nested: boolean) => unknown;

  /** The error that made SQLite roll back the outermost transaction from inside a savepoint. */
  private lostOuter: Error | undefined;

  /**
   * The command queue's batch: `transaction` whose commit, with `synchronous = FULL`, leaves the sync to `durable`
   * (off the engine's thread, see wal-sync.ts).
   */
  batchTransaction<T>(work: () => T): T {
    if (this.depth > 0) throw new Error('a command batch began inside a transaction');
    this.batching = true;
    try {
      return this.transaction(work);
    } finally {
      this.batching = false;
    }
  }

  /**
   * Resolves when every batch committed so far is on disk; undefined when commits are not synced at all (NORMAL).
   * With the writer: when the last batch's rows are committed and synced by it (undefined when the batch had
   * nothing to write), and rejects with `BatchNotCommitted` when its transaction failed.
   */
  durable(): Promise<void> | undefined {
    if (!this.writer) return this.connection.syncLater();
    const durable = this.batchDurable;
    this.batchDurable = undefined;
    return durable;
  }

  /**
   * How often and how long (ms, in all) the engine's thread was blocked waiting for the writer thread (store-writer.ts,
   * `blocked`); undefined without one. The bench prints it (bench/engine-counters.ts).
   */
  writerBlocked(): { readonly waits: number; readonly ms: number } | undefined {
    return this.writer?.blocked;
  }

  /**
   * The WAL's checkpoints so far (store-writer.ts, `checkpoints`): off the batches' path, the writer thread's when idle,
   * and on a message's path; undefined without a writer thread (SQLite checkpoints in the commits then). The bench prints them.
   */
  writerCheckpoints(): { readonly offPath: number; readonly whenIdle: number; readonly onPath: number } | undefined {
    return this.writer?.checkpoints;
  }

  /** A new unique key. The counter is saved by `transaction`, once per outermost transaction. */
  nextKey(): number {
    return this.nextKeyValue++;
  }

  /**
   * Runs `work` in a transaction. Nested calls become savepoints, so one failed command in a batch rolls back
   * alone while the batch commits, and one failed attempt inside a command (a batch operation's item) rolls back
   * alone while the command goes on. Keys handed out by a rolled-back command are skipped, never reused.
   */
  transaction<T>(work: () => T): T {
    this.unchangedRollback = false;
    const nested = this.depth > 0;
    if (nested && this.lostOuter) throw this.lostOuter;
    // the events the enclosing transaction buffered so far go to SQLite in its savepoint, before this one begins: a
    // failure in here (a batch operation's item after it changed something) then rolls back only this savepoint's
    // events, and the rebuild of memory (`rolledBack`) replays the enclosing command's from the log (between
    // commands none are buffered: each command's are written when it ends)
    if (nested) this.events.flush();
    // (a batch handed to the writer that failed leaves memory before anything else begins; a projection handed over
    // is not waited for: the reads that need its rows wait, record-table.ts reads it in memory meanwhile)
    else this.writer?.settleBatches();
    if (this.writer && (nested ? this.levels !== undefined : this.batching)) return this.writerTransaction(work, nested);
    this.depth++;
    const changes = this.connection.changes;
    try {
      const result = this.inTransaction(work, nested) as T;
      if (!nested) {
        // committed: on disk before the caller goes on (FULL), except a batch's, which `durable` syncs
        if (!this.batching) this.connection.syncCommit();
        this.unprojectedEvents = true;
        this.scheduleProjection();
      }
      return result;
    } catch (error) {
      // SQLite may roll the whole transaction back on its own (SQLITE_FULL, SQLITE_IOERR): then the batch around
      // this savepoint is gone too, and no later command of the batch may run outside a transaction.
      if (nested && !this.connection.inTransaction) this.lostOuter = error as Error;
      this.unchangedRollback = nested && !this.lostOuter && this.connection.changes === changes;
      throw !nested && this.lostOuter ? this.lostOuter : error;
    } finally {
      this.depth--;
      if (this.depth === 0) {
        this.lostOuter = undefined;
        for (const table of this.indexedTables()) table.transactionEnded();
      }
    }
  }

  /**
   * A command batch's transaction (and the levels inside it) when the writer thread writes it: nothing begins on
   * this connection; the events are encoded into rows as each level ends, and when the batch ends its rows and the key
   * counter are handed to the writer (`durable` waits for its answer). A failed level drops its rows, and memory
   * is made to equal what is left as before (`rolledBack`: the replay reads the buffered rows after SQLite's,
   * EventLog.after). When a command writes SQL on this connection after all (a table that is not projected, a
   * projection forced by a read inside a command), `materialize` begins the transaction here with the rows so far,
   * and the batch ends as it did before the writer existed: committed here, synced on the pool.
   */
  private writerTransaction<T>(work: () => T, nested: boolean): T {
    if (!nested) {
      this.levels = [];
      this.events.defer();
    }
    const levels = this.levels!;
    const level = { rows: this.events.rowCount, savepoint: undefined as string | undefined };
    if (this.materialized) this.connection.savepoint((level.savepoint = `batch_level_${levels.length}`));
    levels.push(level);
    this.depth++;
    const changes = this.connection.changes;
    try {
      const result = work();
      this.events.flush();
      if (!nested) this.endBatch();
      else if (level.savepoint && this.connection.inTransaction) this.connection.release(level.savepoint);
      return result;
    } catch (error) {
      if (!this.materialized) {
        this.events.truncate(level.rows);
        this.events.discard();
      } else if (!this.connection.inTransaction) {
        // SQLite rolled the whole transaction back on its own (SQLITE_FULL, SQLITE_IOERR), as in `transaction`
        if (nested) this.lostOuter = error as Error;
      } else if (level.savepoint) {
        this.connection.rollbackTo(level.savepoint);
      } else {
        this.connection.rollback();
      }
      this.unchangedRollback = nested && !this.lostOuter && this.connection.changes === changes;
      throw !nested && this.lostOuter ? this.lostOuter : error;
    } finally {
      levels.pop();
      this.depth--;
      if (this.depth === 0) {
        this.levels = undefined;
        this.materialized = false;
        this.events.takeRows();
        this.lostOuter = undefined;
        for (const table of this.indexedTables()) table.transactionEnded();
      }
    }
  }

  /** The batch's commands ran: its rows to the writer, or, written here (`materialize`), its commit. */
  private endBatch(): void {
    if (this.materialized) {
      this.saveKey.run(String(this.nextKeyValue));
      this.connection.commit();
      this.batchDurable = this.connection.syncLater();
    } else {
      const rows = this.events.takeRows();
      // a batch whose commands changed nothing durable (they all failed, or only read) has nothing to wait for
      this.batchDurable = rows.length === 0 && this.nextKeyValue === this.savedKey ? undefined : this.writer!.append(rows, this.nextKeyValue);
    }
    this.savedKey = this.nextKeyValue;
    this.unprojectedEvents = true;
    this.scheduleProjection();
  }

  /**
   * This connection is about to write (store-connection.ts, `beforeWrite`), or the projector to read the last
   * event position. Inside a batch for the writer, the batch moves onto this connection (`materialize`); otherwise
   * it waits until the writer has finished what it was handed, so the two connections never want the file's write
   * lock at once and this connection's writes follow the handed rows in the WAL.
   */
  private beforeSql(): void {
    if (this.levels && !this.materialized) this.materialize();
    else this.writer?.settle();
  }

  /**
   * A command of a batch meant for the writer writes SQL: the batch is written here after all, as before the writer
   * existed. The transaction begins now, with a savepoint for each level open inside the batch and, before each, the
   * event rows buffered before it began, so a failed level still rolls back only its own rows.
   */
  private materialize(): void {
    const levels = this.levels!;
    this.writer!.settle();
    this.materialized = true;
    const rows = this.events.takeRows();
    let from = 0;
    levels.forEach((level, i) => {
      if (i === 0) this.connection.begin();
      else this.connection.savepoint((level.savepoint = `batch_level_${i}`));
      const to = levels[i + 1]?.rows ?? rows.length;
      this.events.writeRows(rows.slice(from, to));
      from = to;
    });
  }

  /**
   * Whether the transaction that just failed was a savepoint that changed nothing: no write statement ran, no held
   * row and no event was added, changed or dropped (the connection's `changes` stayed as they were), and SQLite
   * still holds the transaction around it. Then memory already equals what SQLite keeps: the caches, held rows and
   * indexes hold only what was there before, or rows read in the savepoint, which wrote nothing.
   */
  private unchangedRollback = false;
  /** How often a failed command kept memory as it was (`rolledBack`), and how often memory was rebuilt (tests). */
  readonly rollbacks = { kept: 0, rebuilt: 0 };

  /**
   * A transaction rolled back (the command queue, a failed attempt inside a command): memory is made to equal what
   * SQLite kept. A failed command that changed nothing (an unknown or finished job or user task, a refused request:
   * the usual failures) costs nothing here; any other rollback rebuilds memory (`invalidateCaches`).
   */
  rolledBack(): void {
    if (this.unchangedRollback) {
      this.unchangedRollback = false;
      this.rollbacks.kept++;
      return;
    }
    this.rollbacks.rebuilt++;
    this.invalidateCaches();
  }

  /**
   * Drops every cached record, index and unwritten change; called when a transaction rolled back. With the
   * projection, the held rows of committed (or, inside a batch, earlier) commands are then rebuilt from the events
   * after the projected position as SQLite now holds them: memory equals what the transaction kept.
   */
  invalidateCaches(): void {
    // what was handed to the writer is written (or failed) first: SQLite's rows and position are then the truth the
    // replay builds on, and the handed writes can go
    this.writer?.settle();
    // every projected table too, indexed or not: a held row of the failed command must not outlive it
    for (const table of new Set<HeldWrites>([this.processDefinitions, ...this.indexedTables(), ...this.projectedTables])) table.invalidateCache();
    this.messageCorrelationIndex.reload();
    this.events.discard();
    if (!this.projection || !this.replay || !this.connection.open) return;
    this.projectedPosition = this.savedPosition();
    // (not scheduled from here: after a failed projection that would retry in a tight loop; the next batch or read does)
    this.replay(this, this.projectedPosition, []);
  }

  private recordTables(): HeldWrites[] {
    return [
      this.deployments, this.resources, this.processDefinitions, this.forms, this.processInstances, this.elementInstances, this.variables,
      this.jobs, this.userTasks, this.incidents, this.timers, this.messageSubscriptions, this.messageStartSubscriptions, this.messages,
      this.messageCorrelations, this.signalSubscriptions, this.decisionRequirements, this.decisionDefinitions, this.decisionInstances,
      this.batchOperations, this.batchOperationItems, this.auditLog, this.messageSubscriptionHistory, this.correlatedMessageSubscriptions,
    ];
  }

  private indexedTables() {
    return [
      this.processInstances, this.elementInstances, this.jobs, this.variables, this.userTasks, this.timers, this.messageSubscriptions,
      this.signalSubscriptions, this.incidents, this.messageSubscriptionHistory, this.correlatedMessageSubscriptions,
      this.messageStartSubscriptions, this.messages, this.auditLog,
    ];
  }

  private createIndexes(): StateIndexes {
    const newOwners = this.newOwners;
    const byElement = <R extends { key: number; elementInstanceKey: number | null }>(table: RecordTable<R>) =>
      table.observe(
        new GroupIndex<R>((r) => r.elementInstanceKey, (key) => table.where('element_instance_key = ? ORDER BY key', key), { newOwners }),
      );
    const indexes: StateIndexes = {
      activeChildren: this.elementInstances.observe(
        new GroupIndex(
          (r) => (ACTIVE_ELEMENT_STATES.has(r.state) ? r.flowScopeKey : null),
          (key) => this.elementInstances.where(`flow_scope_key = ? AND state IN ${ACTIVE_ELEMENT_STATES_SQL} ORDER BY key`, key),
          { newOwners },
        ),
      ),
      // the audit trail of a completion asks for the case's variables after the completion may have ended the case
      variables: this.variables.observe(
        new GroupIndex((r) => r.scopeKey, (key) => this.variables.where('scope_key = ? ORDER BY key', key), {
          keepEndedUntilTransactionEnd: true,
          newOwners,
        }),
      ),
      innerScopeVariables: this.variables.observe(
        new GroupIndex(
          (r) => (r.scopeKey === r.processInstanceKey ? null : r.processInstanceKey),
          (key) => this.variables.where('process_instance_key = ? AND scope_key != process_instance_key ORDER BY key', key),
          { keepEndedUntilTransactionEnd: true, newOwners },
        ),
      ),
      jobs: byElement(this.jobs),
      userTasks: byElement(this.userTasks),
      timers: byElement(this.timers),
      messageSubscriptions: byElement(this.messageSubscriptions),
      signalSubscriptions: byElement(this.signalSubscriptions),
      activeIncidents: this.incidents.observe(
        new GroupIndex(
          (r) => (r.state === 'ACTIVE' ? r.elementInstanceKey : null),
          (key) => this.incidents.where(`element_instance_key = ? AND state = 'ACTIVE' ORDER BY key`, key),
          { newOwners },
        ),
      ),
      completedUserTasks: this.userTasks.observe(
        new GroupIndex(
          (r) => (r.state === 'COMPLETED' ? r.processInstanceKey : null),
          (key) => this.userTasks.where(`process_instance_key = ? AND state = 'COMPLETED' ORDER BY key`, key),
          { newOwners },
        ),
      ),
      jobWakeUps: this.jobs.observe(
        new JobWakeUps(() =>
          this.jobs.where(`(state = 'ACTIVATED' AND deadline IS NOT NULL) OR (state = 'FAILED' AND retries > 0 AND retry_at IS NOT NULL)`),
        ),
      ),
      timerDueDates: this.timers.observe(
        new TimerDueDates(() => this.connection.read(`SELECT key, due_date AS dueDate FROM timers`).all() as { key: number; dueDate: number }[]),
      ),
      // whole tables with the held rows laid over them (RecordTable.all): a load in a command writes nothing, so the
      // first publication after a start or a rollback forces no projection
      messageSubscriptionsByCorrelation: this.messageSubscriptions.observe(new MessageSubscriptionsByCorrelation(() => this.messageSubscriptions.all())),
      messageStartSubscriptionsByName: this.messageStartSubscriptions.observe(
        new SubscriptionsByName((r) => r.messageName, () => this.messageStartSubscriptions.all()),
      ),
      signalSubscriptionsByName: this.signalSubscriptions.observe(new SubscriptionsByName((r) => r.signalName, () => this.signalSubscriptions.all())),
      bufferedMessages: this.messages.observe(new BufferedMessages(() => this.messages.all())),
      batchOperationCreators: this.auditLog.observe(
        // SQLite's rows only: the held ones went through the index when they were inserted
        new BatchOperationCreators(
          (batchOperationKey) => this.auditLog.firstStored(`batch_operation_key = ? AND entity_type = 'BATCH' ORDER BY key`, batchOperationKey)?.actorId ?? undefined,
        ),
      ),
      openJobsByType: this.jobs.observe(
        new GroupIndex(
          (r) => (r.state === 'CREATED' || r.state === 'ACTIVATED' || (r.state === 'FAILED' && r.retries > 0) ? this.jobTypeIds.of(r.type) : null),
          (typeId) => this.jobs.where(
              `type = ? AND (state IN ('CREATED', 'ACTIVATED') OR (state = 'FAILED' AND retries > 0)) ORDER BY key`,
              this.jobTypeIds.name(typeId),
            ),
        ),
      ),
    };
    // an element instance owns children, variables, jobs, tasks, timers, subscriptions and incidents; a process
    // instance (an element instance too) its completed tasks (the open jobs by type are owned by
    // no element instance: their groups stay)
    const owned = [
      indexes.activeChildren, indexes.variables, indexes.innerScopeVariables, indexes.jobs, indexes.userTasks, indexes.timers, indexes.messageSubscriptions,
      indexes.signalSubscriptions, indexes.activeIncidents, indexes.completedUserTasks,
    ];
    this.elementInstances.observe(new ElementOwnership(owned, this.newOwners));
    return indexes;
  }

  close(): void {
    if (!this.connection.open) return;
    try {
      this.project();
    } catch (error) {
      // the events hold the rows: the next open replays them
      console.error(`[engine] projection at stop failed: ${(error as Error).message}`);
    }
    this.cancelScheduledProjection();
    // the projection above waited for the writer: nothing is in flight
    this.writer?.close();
    this.connection.close();
    // the last connection of this store to the file is closed: its -shm descriptor may go now, not before (it
    // would drop the connection's locks on the -shm, store-writer.ts)
    this.writer?.closeWalIndex();
  }
}

/** What an element instance owns in memory, per owner key. */
interface OwnedGroups {
  /** The owner was just created (it joins `NewOwners` next): it owns nothing yet. */
  ownerCreated(ownerKey: number): void;
  /** The owner ended (it leaves `NewOwners` next): what it owned may leave memory (and load again if ever read). */
  ownerEnded(ownerKey: number): void;
}

/** Tells the indexes when an element instance, the owner of their groups, begins and ends. */
class ElementOwnership implements TableObserver<ElementInstanceRecord> {
  constructor(
    private readonly owned: readonly OwnedGroups[],
    private readonly newOwners: NewOwners,
  ) {}

  changed(key: number, record: ElementInstanceRecord | undefined): void {
    // ACTIVATING is the state an element instance is inserted with, and only then
    if (record?.state === 'ACTIVATING') {
      for (const groups of this.owned) groups.ownerCreated(key);
      this.newOwners.add(key);
    } else if (!record || record.state === 'COMPLETED' || record.state === 'TERMINATED') {
      for (const groups of this.owned) groups.ownerEnded(key);
      this.newOwners.delete(key);
    }
  }

  clear(): void {
    this.newOwners.clear();
  }

  transactionEnded(): void {}
}

/** A number per job type (types are few; the group indexes key by number). */
class JobTypeIds {
  private readonly ids = new Map<string, number>();
  private readonly names: string[] = [];

  of(type: string): number {
    let id = this.ids.get(type);
    if (id === undefined) {
      id = this.names.push(type) - 1;
      this.ids.set(type, id);
    }
    return id;
  }

  name(id: number): string {
    return this.names[id]!;
  }
}

/** The last version given to each id, so a new version never reuses the number of a deleted one. */
export class VersionCounters {
  private readonly read: ReadStatement;
  private readonly write: WriteStatement;

  constructor(db: StoreConnection) {
    this.read = db.read(`SELECT last_version AS version FROM version_counters WHERE kind = ? AND tenant_id = ? AND id = ?`);
    this.write = db.write(
      `INSERT INTO version_counters (kind, tenant_id, id, last_version) VALUES (?, ?, ?, ?)
       ON CONFLICT DO UPDATE SET last_version = max(last_version, excluded.last_version)`,
    );
  }

  /** The version the next deployment of `id` gets. */
  next(kind: VersionedKind, tenantId: string, id: string): number {
    const row = this.read.get(kind, tenantId, id) as { version: number } | undefined;
    return (row?.version ?? 0) + 1;
  }

  record(kind: VersionedKind, tenantId: string, id: string, version: number): void {
    this.write.run(kind, tenantId, id, version);
  }
}

/**
 * Every state change as an event: the audit trail (经办留痕) and what tests assert on. Events are buffered while a
 * command runs and written, in order, as one row per process instance when the command's transaction ends, or
 * before a savepoint inside it begins — a row per event cost a third of the engine's throughput. The row's
 * encoding: event-rows.ts. A row names one actor: events of a process instance that a command appends in another's name (a job it hands to a waiting
 * worker's poll) start a row of their own, so the row order stays the event order.
 */
export class EventLog implements EventLogWriter {
  private readonly append: WriteStatement;
  private readonly byProcessInstance: ReadStatement;
  private readonly rowsAfter: ReadStatement;
  private readonly db: StoreConnection;
  private pending: { processInstanceKey: number | null; actor: string | null; event: AppendedEvent }[] = [];
  /** Inside a batch for the writer thread: the rows written so far, encoded, kept here until the batch ends. */
  private rows: EventRow[] | undefined;
  /** Who gave the command now running (set by the command queue); null for the engine's own work. */
  actor: string | null = null;

  constructor(
    db: StoreConnection,
    /** Before the log is read: the writer thread has written what it was handed (engine-store.ts). */
    private readonly beforeRead: () => void = () => {},
  ) {
    this.db = db;
    this.append = db.write(`INSERT INTO events (process_instance_key, timestamp, records, actor) VALUES (?, ?, ?, ?)`);
    this.byProcessInstance = db.read(
      `SELECT position, timestamp, records, actor FROM events WHERE process_instance_key = ? ORDER BY position`,
    );
    this.rowsAfter = db.read(`SELECT position, timestamp, records FROM events WHERE position > ? ORDER BY position LIMIT ?`);
  }

  write(recordKey: number, valueType: string, intent: string, processInstanceKey: number | null, timestamp: string, record: unknown): void {
    this.db.changes++;
    this.pending.push({ processInstanceKey, actor: this.actor, event: { recordKey, valueType, intent, timestamp, record } });
  }

  /** Runs `work` with the events it appends recorded as `actor`'s, inside a command given by someone else. */
  actingAs<T>(actor: string | null, work: () => T): T {
    const commandActor = this.actor;
    this.actor = actor;
    try {
      return work();
    } finally {
      this.actor = commandActor;
    }
  }

  /** Writes the buffered events; runs at the end of every (nested) transaction. */
  flush(): void {
    if (this.pending.length === 0) return;
    // per process instance, its events in runs of one actor each
    const groups = new Map<number | null, { actor: string | null; events: AppendedEvent[] }[]>();
    for (const { processInstanceKey, actor, event } of this.pending) {
      let runs = groups.get(processInstanceKey);
      if (!runs) groups.set(processInstanceKey, (runs = []));
      const last = runs.at(-1);
      if (last?.actor === actor) last.events.push(event);
      else runs.push({ actor, events: [event] });
    }
    this.pending = [];
    const rows = this.rows;
    for (const [processInstanceKey, runs] of groups) {
      for (const { actor, events } of runs) {
        if (rows) rows.push([processInstanceKey, events[0]!.timestamp, encodeEvents(events), actor]);
        else this.append.run(processInstanceKey, events[0]!.timestamp, encodeEvents(events), actor);
      }
    }
  }

  discard(): void {
    this.pending = [];
  }

  /** From now on `flush` keeps the rows (a batch for the writer thread) until `takeRows`. */
  defer(): void {
    this.rows = [];
  }

  /** How many rows `flush` kept. */
  get rowCount(): number {
    return this.rows?.length ?? 0;
  }

  /** Drops the kept rows after the first `count` (a failed level of the batch). */
  truncate(count: number): void {
    this.rows?.splice(count);
  }

  /** The kept rows; `flush` writes to SQLite again from now on. */
  takeRows(): EventRow[] {
    const rows = this.rows ?? [];
    this.rows = undefined;
    return rows;
  }

  /** Writes rows `flush` kept (the batch moved onto the engine's connection). */
  writeRows(rows: readonly EventRow[]): void {
    for (const row of rows) this.append.run(...row);
  }

  /**
   * The events after `position` (a row position), in the order they were appended (replay), read a page at a
   * time: the connection cannot run the replay's own statements while a query is still open.
   */
  *after(position: number): Generator<DecodedEvent> {
    this.beforeRead();
    for (let from = position; ; ) {
      const rows = this.rowsAfter.all(from, REPLAY_PAGE) as { position: number; timestamp: string; records: string }[];
      for (const row of rows) yield* decodeEvents(row.records, row.timestamp);
      if (rows.length < REPLAY_PAGE) break;
      from = rows.at(-1)!.position;
    }
    // inside a batch for the writer (a failed command's rebuild): its earlier commands' rows, not in SQLite yet
    for (const [, timestamp, records] of this.rows ?? []) yield* decodeEvents(records, timestamp);
  }

  forProcessInstance(processInstanceKey: number): StoredEvent[] {
    this.beforeRead();
    const rows = this.byProcessInstance.all(processInstanceKey) as { position: number; timestamp: string; records: string; actor: string | null }[];
    return rows.flatMap((row) =>
      decodeEvents(row.records, row.timestamp).map((event, i) => ({ position: row.position * 10_000 + i, ...event, actor: row.actor })),
    );
  }
}

const REPLAY_PAGE = 1_000;

export interface StoredEvent {
  position: number;
  /** The user who gave the command that caused the event; null for the engine's own work (timers, scheduler). */
  actor: string | null;
  recordKey: number;
  valueType: string;
  intent: string;
  timestamp: string;
  record: unknown;
}
