/**
 * Rebuilds the projected tables' changes from the event log: the events after the projected position go through
 * the same appliers as when they were appended, into a state whose only real parts are the projected tables
 * (process instances, element instances, variables, jobs, user tasks, incidents, timers, message subscriptions, message
 * start subscriptions, buffered messages, signal subscriptions, the message subscription searches' rows, decision
 * instances, the audit log of users' operations on cases, a message's correlations, the tokens waiting at joins).
 * Nothing else an applier touches is replayed: it is written directly in the command's own transaction, so SQLite
 * already holds it.
 *
 * Used when the engine opens after a crash (rows the projector had not written yet), and after a rollback (the
 * in-memory state is dropped and rebuilt as SQLite now holds the events).
 */
import { APPLIERS } from './appliers/index.js';
import type { Applier } from './appliers/applier.js';
import type { MutableJoinTokens, MutableRecords, MutableState } from './mutable-state.js';

/** The value types whose appliers change the projected tables; no other applier does. */
const PROJECTED_VALUE_TYPES = [
  'PROCESS_INSTANCE', 'PROCESS_INSTANCE_STATE', 'VARIABLE', 'JOB', 'USER_TASK', 'INCIDENT', 'TIMER', 'MESSAGE_SUBSCRIPTION',
  'MESSAGE_START_EVENT_SUBSCRIPTION', 'MESSAGE', 'SIGNAL_SUBSCRIPTION', 'DECISION_EVALUATION', 'AUDIT_LOG', 'JOIN_TOKENS',
] as const;

/** The join tokens of a file from before they were projected: already in SQLite, so nothing to do. */
const COMPLETE_JOIN_TOKENS: MutableJoinTokens = { arrive: () => undefined, consume: () => undefined, discard: () => undefined };
const DIRECT_RECORDS: MutableRecords<never> = {
  get: () => undefined,
  insert: () => undefined,
  update: () => undefined,
  delete: () => undefined,
};

/** The projected tables (the store implements them). */
type ProjectedState = Pick<
  MutableState,
  | 'processInstances' | 'elementInstances' | 'variables' | 'jobs' | 'userTasks' | 'incidents' | 'timers' | 'messageSubscriptions'
  | 'messageSubscriptionHistory' | 'correlatedMessageSubscriptions' | 'messageStartSubscriptions' | 'messages' | 'signalSubscriptions'
  | 'decisionInstances' | 'auditLog' | 'messageCorrelations' | 'joinTokens'
>;

/** An event as the log stores it. */
interface LoggedEvent {
  valueType: string;
  intent: string;
  record: unknown;
}

/**
 * Applies `events` (those after the projected position, in log order) to the projected tables, except the
 * `complete` ones (SQL table names): a file from before they joined the projection already holds all their changes.
 */
export function replayUnprojected(store: ProjectedState, events: Iterable<LoggedEvent>, complete: readonly string[] = []): void {
  const state = {
    processInstances: store.processInstances,
    elementInstances: store.elementInstances,
    variables: store.variables,
    jobs: store.jobs,
    userTasks: store.userTasks,
    timers: store.timers,
    messageSubscriptions: store.messageSubscriptions,
    // the message subscriptions' search rows follow their events; a file from before they were projected got
    // them in the step that created them, copied from message_subscriptions as projected then, so they are replayed
    // whenever message_subscriptions is
    messageSubscriptionHistory: store.messageSubscriptionHistory,
    correlatedMessageSubscriptions: store.correlatedMessageSubscriptions,
    // a file from before message start subscriptions were projected holds them already; their correlations
    // (correlatedMessageSubscriptions) are replayed either way
    messageStartSubscriptions: complete.includes('message_start_subscriptions') ? DIRECT_RECORDS : store.messageStartSubscriptions,
    messages: store.messages,
    signalSubscriptions: store.signalSubscriptions,
    // an evaluation's decision instances (DECISION_EVALUATION's EVALUATED and FAILED carry them whole)
    decisionInstances: store.decisionInstances,
    auditLog: store.auditLog,
    // a file from before a message's correlations were projected wrote them in the command's transaction
    messageCorrelations: complete.includes('message_correlations') ? DIRECT_RECORDS : store.messageCorrelations,
    // an incident's applier also marks its element instance, which is projected: it runs either way
    incidents: complete.includes('incidents') ? DIRECT_RECORDS : store.incidents,
    // a file from before join tokens were projected wrote them in the command's transaction: it holds them all
    joinTokens: complete.includes('join_tokens') ? COMPLETE_JOIN_TOKENS : store.joinTokens,
  } as Partial<MutableState> as MutableState;
  const appliers = APPLIERS as unknown as Record<string, Record<string, Applier<unknown>>>;
  const projected = new Set<string>(PROJECTED_VALUE_TYPES);
  if (complete.includes('user_tasks')) projected.delete('USER_TASK');
  if (complete.includes('timers')) projected.delete('TIMER');
  if (complete.includes('message_subscriptions')) projected.delete('MESSAGE_SUBSCRIPTION');
  if (complete.includes('messages')) projected.delete('MESSAGE');
  if (complete.includes('signal_subscriptions')) projected.delete('SIGNAL_SUBSCRIPTION');
  if (complete.includes('decision_instances')) projected.delete('DECISION_EVALUATION');
  if (complete.includes('audit_log')) projected.delete('AUDIT_LOG');
  for (const event of events) {
    if (projected.has(event.valueType)) appliers[event.valueType]![event.intent]!(state, event.record);
  }
}
