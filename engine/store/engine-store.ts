/**
 * All durable engine state, one SQLite file. Everything above reaches SQLite only through this object.
 */
import type { Statement } from 'better-sqlite3';
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
  ResourceRecord,
  SignalSubscriptionRecord,
  TimerRecord,
  UserTaskRecord,
  VariableRecord,
} from '../state/records.js';
import type { EventLogWriter, MutableJoinTokens, MutableState } from '../state/mutable-state.js';
import type { VersionedKind } from '../state/readers.js';
import { openDatabase, type DatabaseOptions, type SqliteDatabase } from './database.js';
import { IdentityStore } from './identity-store.js';
import { GroupIndex } from './group-index.js';
import { RecordTable, type TableObserver } from './record-table.js';

/** Zeebe's first key on partition 1; keeps our keys in the range clients expect. */
const FIRST_KEY = 2251799813685249;

/** Element instances that have not ended. */
const ACTIVE_ELEMENT_STATES: ReadonlySet<string> = new Set(['ACTIVATING', 'ACTIVATED', 'COMPLETING', 'TERMINATING']);
const ACTIVE_ELEMENT_STATES_SQL = `('ACTIVATING', 'ACTIVATED', 'COMPLETING', 'TERMINATING')`;

export interface StateIndexes {
  /** Element instances that have not ended, by flow scope. */
  readonly activeChildren: GroupIndex<ElementInstanceRecord>;
  /** Variables by scope. */
  readonly variables: GroupIndex<VariableRecord>;
  /** Jobs, user tasks, timers and subscriptions by the element instance that owns them. */
  readonly jobs: GroupIndex<JobRecord>;
  readonly userTasks: GroupIndex<UserTaskRecord>;
  readonly timers: GroupIndex<TimerRecord>;
  readonly messageSubscriptions: GroupIndex<MessageSubscriptionRecord>;
  readonly signalSubscriptions: GroupIndex<SignalSubscriptionRecord>;
}

export class EngineStore implements MutableState {
  readonly db: SqliteDatabase;
  readonly deployments: RecordTable<DeploymentRecord>;
  readonly resources: RecordTable<ResourceRecord>;
  readonly processDefinitions: RecordTable<ProcessDefinitionRecord>;
  readonly forms: RecordTable<FormRecord>;
  readonly processInstances: RecordTable<ProcessInstanceRecord>;
  readonly elementInstances: RecordTable<ElementInstanceRecord>;
  readonly variables: RecordTable<VariableRecord>;
  readonly jobs: RecordTable<JobRecord>;
  readonly userTasks: RecordTable<UserTaskRecord>;
  readonly incidents: RecordTable<IncidentRecord>;
  readonly timers: RecordTable<TimerRecord>;
  readonly messageSubscriptions: RecordTable<MessageSubscriptionRecord>;
  readonly messageStartSubscriptions: RecordTable<MessageStartSubscriptionRecord>;
  readonly messages: RecordTable<MessageRecord>;
  readonly messageCorrelations: RecordTable<MessageCorrelationRecord>;
  readonly signalSubscriptions: RecordTable<SignalSubscriptionRecord>;
  readonly decisionRequirements: RecordTable<DecisionRequirementsRecord>;
  readonly decisionDefinitions: RecordTable<DecisionDefinitionRecord>;
  readonly decisionInstances: RecordTable<DecisionInstanceRecord>;
  readonly batchOperations: RecordTable<BatchOperationRecord>;
  readonly batchOperationItems: RecordTable<BatchOperationItemRecord>;
  readonly joinTokens: JoinTokenTable;
  /** In-memory indexes the command path reads instead of querying after every step (see group-index.ts). */
  readonly indexes: StateIndexes;
  readonly versions: VersionCounters;
  readonly deploymentDecisions: { link(deploymentKey: number, decisionKeys: readonly number[]): void };
  readonly events: EventLog;
  /** The operations users performed on cases (Camunda 8.9's audit log). */
  readonly auditLog: RecordTable<AuditLogRecord>;
  /** Users, groups, roles, authorizations and sessions. */
  readonly identity: IdentityStore;
  private nextKeyValue: number;
  private readonly saveKey: Statement;
  private readonly linkDecision: Statement;

  constructor(options: DatabaseOptions) {
    const db = (this.db = openDatabase(options));
    this.deployments = new RecordTable(db, 'deployments', ['key', 'tenantId', 'createdAt']);
    this.resources = new RecordTable(db, 'resources', ['key', 'resourceName', 'checksum', 'content', 'tenantId', 'deploymentKey']);
    this.processDefinitions = new RecordTable(db, 'process_definitions', [
      'key', 'bpmnProcessId', 'version', 'name', 'versionTag', 'resourceName', 'resourceKey', 'checksum', 'tenantId',
      'deploymentKey', 'startFormId',
    ], [], { cache: true });
    this.forms = new RecordTable(db, 'forms', [
      'key', 'formId', 'version', 'versionTag', 'resourceName', 'checksum', 'schema', 'tenantId', 'deploymentKey',
    ]);
    this.processInstances = new RecordTable(db, 'process_instances', [
      'key', 'processDefinitionKey', 'bpmnProcessId', 'version', 'state', 'startDate', 'endDate', 'tenantId',
      'parentProcessInstanceKey', 'parentElementInstanceKey',
    ], [], { cache: true, writeBehind: true });
    this.elementInstances = new RecordTable(db, 'element_instances', [
      'key', 'processInstanceKey', 'processDefinitionKey', 'bpmnProcessId', 'elementId', 'elementName', 'elementType',
      'flowScopeKey', 'state', 'startDate', 'endDate', 'tenantId', 'incidentKey',
    ], [], { cache: true, writeBehind: true });
    this.variables = new RecordTable(db, 'variables', ['key', 'scopeKey', 'processInstanceKey', 'name', 'value', 'tenantId']);
    this.jobs = new RecordTable(
      db,
      'jobs',
      [
        'key', 'type', 'state', 'retries', 'worker', 'deadline', 'retryAt', 'errorMessage', 'customHeaders',
        'elementInstanceKey', 'elementId', 'processInstanceKey', 'processDefinitionKey', 'bpmnProcessId', 'version',
        'tenantId', 'createdAt',
      ],
      ['customHeaders'],
      { cache: true, writeBehind: true },
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
    );
    this.incidents = new RecordTable(db, 'incidents', [
      'key', 'errorType', 'errorMessage', 'state', 'elementId', 'elementInstanceKey', 'processInstanceKey',
      'processDefinitionKey', 'bpmnProcessId', 'jobKey', 'tenantId', 'creationTime',
    ]);
    this.timers = new RecordTable(
      db,
      'timers',
      [
        'key', 'elementId', 'elementInstanceKey', 'processInstanceKey', 'processDefinitionKey', 'bpmnProcessId', 'dueDate',
        'repetitions', 'cycle', 'tenantId', 'createdAt',
      ],
      ['cycle'],
    );
    this.messageSubscriptions = new RecordTable(db, 'message_subscriptions', [
      'key', 'elementId', 'elementInstanceKey', 'processInstanceKey', 'processDefinitionKey', 'bpmnProcessId', 'messageName',
      'correlationKey', 'tenantId', 'createdAt',
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
    this.joinTokens = new JoinTokenTable(db);
    this.indexes = this.createIndexes();
    this.versions = new VersionCounters(db);
    this.linkDecision = db.prepare(`INSERT OR IGNORE INTO deployment_decisions (deployment_key, decision_key) VALUES (?, ?)`);
    this.deploymentDecisions = {
      link: (deploymentKey, decisionKeys) => {
        for (const decisionKey of decisionKeys) this.linkDecision.run(deploymentKey, decisionKey);
      },
    };
    this.events = new EventLog(db);
    this.auditLog = new RecordTable(db, 'audit_log', [
      'key', 'timestamp', 'actorId', 'actorType', 'operationType', 'entityType', 'entityKey', 'entityDescription', 'category', 'result',
      'processInstanceKey', 'processDefinitionKey', 'bpmnProcessId', 'elementInstanceKey', 'userTaskKey', 'jobKey', 'batchOperationKey',
      'batchOperationType', 'variableValue', 'tenantId',
    ]);
    this.identity = new IdentityStore(db, (work) => this.transaction(work), () => this.nextKey());
    const saved = db.prepare(`SELECT value FROM meta WHERE name = 'nextKey'`).get() as { value: string } | undefined;
    this.nextKeyValue = saved ? Number(saved.value) : FIRST_KEY;
    this.saveKey = db.prepare(`INSERT INTO meta (name, value) VALUES ('nextKey', ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value`);
  }

  private depth = 0;
  /** The error that made SQLite roll back the outermost transaction from inside a savepoint. */
  private lostOuter: Error | undefined;

  /** A new unique key. The counter is saved by `transaction`, once per outermost transaction. */
  nextKey(): number {
    return this.nextKeyValue++;
  }

  /**
   * Runs `work` in a transaction. Nested calls become savepoints, so one failed command in a batch rolls back
   * alone while the batch commits. Keys handed out by a rolled-back command are skipped, never reused.
   */
  transaction<T>(work: () => T): T {
    const nested = this.depth > 0;
    if (nested && this.lostOuter) throw this.lostOuter;
    this.depth++;
    try {
      return this.db.transaction(() => {
        const result = work();
        for (const table of this.writeBehindTables()) table.flush();
        this.events.flush();
        if (!nested) this.saveKey.run(String(this.nextKeyValue));
        return result;
      })();
    } catch (error) {
      // SQLite may roll the whole transaction back on its own (SQLITE_FULL, SQLITE_IOERR): then the batch around
      // this savepoint is gone too, and no later command of the batch may run outside a transaction.
      if (nested && !this.db.inTransaction) this.lostOuter = error as Error;
      throw !nested && this.lostOuter ? this.lostOuter : error;
    } finally {
      this.depth--;
      if (this.depth === 0) {
        this.lostOuter = undefined;
        for (const table of this.indexedTables()) table.transactionEnded();
        this.joinTokens.transactionEnded();
      }
    }
  }

  /** Drops every cached record, index and unwritten change; called when a transaction rolled back. */
  invalidateCaches(): void {
    for (const table of [this.processDefinitions, ...this.indexedTables()]) table.invalidateCache();
    this.joinTokens.clear();
    this.events.discard();
  }

  private indexedTables() {
    return [
      this.processInstances, this.elementInstances, this.jobs, this.variables, this.userTasks, this.timers, this.messageSubscriptions,
      this.signalSubscriptions,
    ];
  }

  private createIndexes(): StateIndexes {
    const byElement = <R extends { key: number; elementInstanceKey: number | null }>(table: RecordTable<R>) =>
      table.observe(new GroupIndex<R>((r) => r.elementInstanceKey, (key) => table.where('element_instance_key = ? ORDER BY key', key)));
    const indexes: StateIndexes = {
      activeChildren: this.elementInstances.observe(
        new GroupIndex(
          (r) => (ACTIVE_ELEMENT_STATES.has(r.state) ? r.flowScopeKey : null),
          (key) => this.elementInstances.where(`flow_scope_key = ? AND state IN ${ACTIVE_ELEMENT_STATES_SQL} ORDER BY key`, key),
        ),
      ),
      variables: this.variables.observe(new GroupIndex((r) => r.scopeKey, (key) => this.variables.where('scope_key = ? ORDER BY key', key))),
      jobs: byElement(this.jobs),
      userTasks: byElement(this.userTasks),
      timers: byElement(this.timers),
      messageSubscriptions: byElement(this.messageSubscriptions),
      signalSubscriptions: byElement(this.signalSubscriptions),
    };
    // an element instance owns children, variables, jobs, tasks, timers and subscriptions, and the joins of its scope
    this.elementInstances.observe(new ElementOwnership([...Object.values(indexes), this.joinTokens]));
    return indexes;
  }

  private writeBehindTables() {
    return [this.processInstances, this.elementInstances, this.jobs];
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/**
 * Tokens waiting at joins. SQLite holds them; the tokens of a scope are also kept in memory once read (or from
 * the scope's creation on), as the group indexes keep theirs, so the check after every completed child needs no
 * query.
 */
/** The tokens of a scope created in this process that none has reached yet; never changed itself. */
const NO_TOKENS: Map<string, Map<string, number>> = new Map();

/** What an element instance owns in memory, per owner key. */
interface OwnedGroups {
  /** The owner was just created: it owns nothing yet. */
  ownerCreated(ownerKey: number): void;
  /** The owner ended: what it owned may leave memory (and load again if ever read). */
  ownerEnded(ownerKey: number): void;
}

/** Tells the indexes when an element instance, the owner of their groups, begins and ends. */
class ElementOwnership implements TableObserver<ElementInstanceRecord> {
  constructor(private readonly owned: readonly OwnedGroups[]) {}

  changed(key: number, record: ElementInstanceRecord | undefined): void {
    // ACTIVATING is the state an element instance is inserted with, and only then
    if (record?.state === 'ACTIVATING') for (const groups of this.owned) groups.ownerCreated(key);
    else if (!record || record.state === 'COMPLETED' || record.state === 'TERMINATED') for (const groups of this.owned) groups.ownerEnded(key);
  }

  clear(): void {}

  transactionEnded(): void {}
}

export class JoinTokenTable implements MutableJoinTokens, OwnedGroups {
  private readonly add: Statement;
  private readonly list: Statement;
  private readonly consumeOne: Statement;
  private readonly clearScope: Statement;
  /** Per loaded scope: per join, the tokens per incoming flow. */
  private readonly scopes = new Map<number, Map<string, Map<string, number>>>();
  private readonly touchedUnloaded = new Set<number>();

  constructor(db: SqliteDatabase) {
    this.add = db.prepare(
      `INSERT INTO join_tokens (flow_scope_key, element_id, flow_id, count) VALUES (?, ?, ?, 1)
       ON CONFLICT DO UPDATE SET count = count + 1`,
    );
    this.list = db.prepare(`SELECT element_id AS elementId, flow_id AS flowId, count FROM join_tokens WHERE flow_scope_key = ? AND count > 0`);
    this.consumeOne = db.prepare(`UPDATE join_tokens SET count = count - 1 WHERE flow_scope_key = ? AND element_id = ? AND count > 0`);
    this.clearScope = db.prepare(`DELETE FROM join_tokens WHERE flow_scope_key = ?`);
  }

  arrive(flowScopeKey: number, elementId: string, flowId: string): void {
    this.add.run(flowScopeKey, elementId, flowId);
    let scope = this.scopes.get(flowScopeKey);
    if (!scope) {
      this.touchedUnloaded.add(flowScopeKey);
      return;
    }
    if (scope === NO_TOKENS) this.scopes.set(flowScopeKey, (scope = new Map()));
    let join = scope.get(elementId);
    if (!join) scope.set(elementId, (join = new Map()));
    join.set(flowId, (join.get(flowId) ?? 0) + 1);
  }

  consume(flowScopeKey: number, elementId: string): void {
    this.consumeOne.run(flowScopeKey, elementId);
    const join = this.scopes.get(flowScopeKey)?.get(elementId);
    if (!join) return;
    for (const [flowId, count] of join) {
      if (count > 1) join.set(flowId, count - 1);
      else join.delete(flowId);
    }
    if (join.size === 0) this.scopes.get(flowScopeKey)!.delete(elementId);
  }

  discard(flowScopeKey: number): void {
    this.clearScope.run(flowScopeKey);
    if (this.scopes.has(flowScopeKey)) this.scopes.set(flowScopeKey, NO_TOKENS);
  }

  waiting(flowScopeKey: number, elementId: string): Map<string, number> {
    return new Map(this.scope(flowScopeKey).get(elementId));
  }

  /** The joins in a scope that hold at least one token. */
  joinsWithTokens(flowScopeKey: number): string[] {
    return [...this.scope(flowScopeKey).keys()];
  }

  /** A scope was just created: no token waits in it yet. */
  ownerCreated(flowScopeKey: number): void {
    if (!this.scopes.has(flowScopeKey) && !this.touchedUnloaded.has(flowScopeKey)) this.scopes.set(flowScopeKey, NO_TOKENS);
  }

  /** A scope ended: its tokens leave memory (they load again if ever read). */
  ownerEnded(flowScopeKey: number): void {
    this.scopes.delete(flowScopeKey);
  }

  transactionEnded(): void {
    this.touchedUnloaded.clear();
  }

  /** Forgets every scope (a transaction rolled back). */
  clear(): void {
    this.scopes.clear();
    this.touchedUnloaded.clear();
  }

  // helpers

  private scope(flowScopeKey: number): Map<string, Map<string, number>> {
    let scope = this.scopes.get(flowScopeKey);
    if (scope) return scope;
    scope = new Map();
    for (const { elementId, flowId, count } of this.list.all(flowScopeKey) as { elementId: string; flowId: string; count: number }[]) {
      let join = scope.get(elementId);
      if (!join) scope.set(elementId, (join = new Map()));
      join.set(flowId, count);
    }
    this.scopes.set(flowScopeKey, scope);
    this.touchedUnloaded.delete(flowScopeKey);
    return scope;
  }
}

/** The last version given to each id, so a new version never reuses the number of a deleted one. */
export class VersionCounters {
  private readonly read: Statement;
  private readonly write: Statement;

  constructor(db: SqliteDatabase) {
    this.read = db.prepare(`SELECT last_version AS version FROM version_counters WHERE kind = ? AND tenant_id = ? AND id = ?`);
    this.write = db.prepare(
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
 * command runs and written, in order, as one row per process instance when the command's transaction ends —
 * a row per event cost a third of the engine's throughput.
 */
export class EventLog implements EventLogWriter {
  private readonly append: Statement;
  private readonly byProcessInstance: Statement;
  private pending: { processInstanceKey: number | null; event: Omit<StoredEvent, 'position' | 'actor'> }[] = [];
  /** Who gave the command now running (set by the command queue); null for the engine's own work. */
  actor: string | null = null;

  constructor(db: SqliteDatabase) {
    this.append = db.prepare(`INSERT INTO events (process_instance_key, timestamp, records, actor) VALUES (?, ?, ?, ?)`);
    this.byProcessInstance = db.prepare(`SELECT position, records, actor FROM events WHERE process_instance_key = ? ORDER BY position`);
  }

  write(recordKey: number, valueType: string, intent: string, processInstanceKey: number | null, timestamp: string, record: unknown): void {
    this.pending.push({ processInstanceKey, event: { recordKey, valueType, intent, timestamp, record } });
  }

  /** Writes the buffered events; runs at the end of every (nested) transaction. */
  flush(): void {
    if (this.pending.length === 0) return;
    const groups = new Map<number | null, Omit<StoredEvent, 'position' | 'actor'>[]>();
    for (const { processInstanceKey, event } of this.pending) {
      let group = groups.get(processInstanceKey);
      if (!group) groups.set(processInstanceKey, (group = []));
      group.push(event);
    }
    this.pending = [];
    for (const [processInstanceKey, events] of groups) this.append.run(processInstanceKey, events[0]!.timestamp, JSON.stringify(events), this.actor);
  }

  discard(): void {
    this.pending = [];
  }

  forProcessInstance(processInstanceKey: number): StoredEvent[] {
    const rows = this.byProcessInstance.all(processInstanceKey) as { position: number; records: string; actor: string | null }[];
    return rows.flatMap((row) =>
      (JSON.parse(row.records) as Omit<StoredEvent, 'position' | 'actor'>[]).map((event, i) => ({ position: row.position * 10_000 + i, ...event, actor: row.actor })),
    );
  }
}

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
