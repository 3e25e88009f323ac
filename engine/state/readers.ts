/**
 * The read side of the engine's runtime state, as narrow named readers (Zeebe's `state/immutable`). Commands and
 * behaviours read only through these; they change state only by appending events to the writer. The store
 * implements them today over SQLite; an in-memory state over the event log may implement them instead without a
 * change above this line.
 *
 * Lists come in key order (creation order) unless a reader says otherwise.
 */
import type {
  BatchOperationItemRecord,
  BatchOperationRecord,
  DecisionDefinitionRecord,
  DecisionRequirementsRecord,
  ElementInstanceRecord,
  FormRecord,
  IncidentRecord,
  JobRecord,
  MessageRecord,
  MessageStartSubscriptionRecord,
  MessageSubscriptionRecord,
  ProcessDefinitionRecord,
  ProcessInstanceRecord,
  ResourceRecord,
  SignalSubscriptionRecord,
  TimerRecord,
  UserTaskRecord,
  VariableRecord,
} from './records.js';

export type VersionedKind = 'PROCESS' | 'FORM' | 'DECISION' | 'DECISION_REQUIREMENTS';

export interface DeploymentReader {
  processDefinition(key: number): ProcessDefinitionRecord | undefined;
  latestProcessDefinition(bpmnProcessId: string, tenantId: string): ProcessDefinitionRecord | undefined;
  processDefinitionVersion(bpmnProcessId: string, tenantId: string, version: number): ProcessDefinitionRecord | undefined;
  /** Every deployed process definition (to compile the models at start-up). */
  processDefinitions(): ProcessDefinitionRecord[];
  resource(key: number): ResourceRecord | undefined;
  form(key: number): FormRecord | undefined;
  latestForm(formId: string, tenantId: string): FormRecord | undefined;
  decisionRequirements(key: number): DecisionRequirementsRecord | undefined;
  latestDecisionRequirements(decisionRequirementsId: string, tenantId: string): DecisionRequirementsRecord | undefined;
  /** Every deployed DRG (to compile the decisions at start-up). */
  allDecisionRequirements(): DecisionRequirementsRecord[];
  decisionDefinition(key: number): DecisionDefinitionRecord | undefined;
  latestDecision(decisionId: string, tenantId: string): DecisionDefinitionRecord | undefined;
  /** The latest version of a decision with the version tag (binding type `versionTag`). */
  latestDecisionWithTag(decisionId: string, tenantId: string, versionTag: string): DecisionDefinitionRecord | undefined;
  /** The decision a deployment holds (binding type `deployment`), new or unchanged. */
  decisionOfDeployment(decisionId: string, tenantId: string, deploymentKey: number): DecisionDefinitionRecord | undefined;
  /** The decision `decisionId` of one DRG version. */
  decisionOfRequirements(decisionId: string, decisionRequirementsKey: number): DecisionDefinitionRecord | undefined;
  decisionsOfRequirements(decisionRequirementsKey: number): DecisionDefinitionRecord[];
  /** The version the next deployment of `id` gets (versions are never reused, also after a deletion). */
  nextVersion(kind: VersionedKind, tenantId: string, id: string): number;
}

export interface ProcessInstanceReader {
  processInstance(key: number): ProcessInstanceRecord | undefined;
  /** How many instances of a process definition are still running. */
  runningInstanceCount(processDefinitionKey: number): number;
  /** The process element instance a call activity started, if it is still running. */
  calledProcessInstance(callActivityKey: number): ElementInstanceRecord | undefined;
}

export interface ElementInstanceReader {
  elementInstance(key: number): ElementInstanceRecord | undefined;
  /** The children of a scope that have not ended. */
  activeChildren(flowScopeKey: number): ElementInstanceRecord[];
  /** All children of a scope, ended ones included. */
  children(flowScopeKey: number): ElementInstanceRecord[];
  /** The element instances of a process instance that have not ended. */
  activeElementInstances(processInstanceKey: number): ElementInstanceRecord[];
  /** The ACTIVATED instances of one element of a process instance. */
  activatedInstancesOf(processInstanceKey: number, elementId: string): ElementInstanceRecord[];
}

export interface VariableReader {
  variablesOf(scopeKey: number): VariableRecord[];
  variable(scopeKey: number, name: string): VariableRecord | undefined;
  /** The newest variable of that name in any scope of a process instance (the audit log's CREATE or UPDATE). */
  latestVariableOfProcessInstance(processInstanceKey: number, name: string): VariableRecord | undefined;
}

export interface JoinTokenReader {
  /** Tokens waiting at a join, by incoming flow id (flows without a token left out). */
  joinTokens(flowScopeKey: number, elementId: string): Map<string, number>;
  /** The joins in a scope that hold at least one token. */
  joinsWithTokens(flowScopeKey: number): string[];
}

export interface JobReader {
  job(key: number): JobRecord | undefined;
  /** The latest job of an element instance. */
  jobForElement(elementInstanceKey: number): JobRecord | undefined;
  /**
   * Jobs of `type` a worker may take at `now`: new, failed with retries left and past their back-off, or activated
   * with their lock run out; oldest first.
   */
  activatableJobs(type: string, tenantIds: readonly string[], now: number, limit: number): JobRecord[];
  /** The earliest lock deadline or retry back-off, if any. */
  nextJobWakeUp(): number | undefined;
  /** Job types with jobs that became activatable by time alone in (since, now]. */
  jobTypesDueBetween(since: number, now: number): string[];
  /** Activated jobs whose lock ran out by `now`, oldest deadline first. */
  expiredJobLocks(now: number): JobRecord[];
}

export interface UserTaskReader {
  userTask(key: number): UserTaskRecord | undefined;
  /** The latest user task of an element instance. */
  userTaskForElement(elementInstanceKey: number): UserTaskRecord | undefined;
  /** A task of `elementId` in the process instance that `username` completed (four-eyes). */
  userTaskCompletedBy(processInstanceKey: number, elementId: string, username: string): UserTaskRecord | undefined;
}

export interface IncidentReader {
  incident(key: number): IncidentRecord | undefined;
  activeIncidentsOfElement(elementInstanceKey: number): IncidentRecord[];
  activeIncidentsOfProcessInstance(processInstanceKey: number): IncidentRecord[];
}

export interface TimerReader {
  timer(key: number): TimerRecord | undefined;
  /** The timers an element instance waits on (its own catch event, its boundary events, its event sub-processes). */
  timersOf(elementInstanceKey: number): TimerRecord[];
  /** Timers due by `now`, by due date. */
  dueTimers(now: number, limit: number): TimerRecord[];
  nextTimerDue(): number | undefined;
  /** Timer start events of the (latest) version of a process. */
  startTimersOf(bpmnProcessId: string, tenantId: string): TimerRecord[];
  startTimersOfDefinition(processDefinitionKey: number): TimerRecord[];
}

export interface MessageReader {
  messageSubscriptionsOf(elementInstanceKey: number): MessageSubscriptionRecord[];
  /** Open subscriptions a published message reaches. */
  messageSubscriptionsFor(messageName: string, correlationKey: string, tenantId: string): MessageSubscriptionRecord[];
  /** The oldest buffered message, unexpired at `now`, for a subscription that its process instance has not received yet. */
  bufferedMessageFor(subscription: MessageSubscriptionRecord, now: number): MessageRecord | undefined;
  /** A buffered message, unexpired at `now`, published with this message id. */
  bufferedMessageWithId(name: string, correlationKey: string, messageId: string, tenantId: string, now: number): MessageRecord | undefined;
  /** Buffered messages whose time to live has passed at `now`, the longest expired first, at most `limit`. */
  expiredMessages(now: number, limit: number): MessageRecord[];
  messageStartSubscriptionsFor(messageName: string, tenantId: string): MessageStartSubscriptionRecord[];
  messageStartSubscriptionsOf(bpmnProcessId: string, tenantId: string): MessageStartSubscriptionRecord[];
  messageStartSubscriptionsOfDefinition(processDefinitionKey: number): MessageStartSubscriptionRecord[];
  /** The instances of a process that a message with this correlation key started and that are still active. */
  instancesStartedByMessage(bpmnProcessId: string, correlationKey: string): number[];
}

export interface SignalReader {
  signalSubscription(key: number): SignalSubscriptionRecord | undefined;
  signalSubscriptionsOf(elementInstanceKey: number): SignalSubscriptionRecord[];
  /** Every subscription a broadcast reaches, start events included. */
  signalSubscriptionsFor(signalName: string, tenantId: string): SignalSubscriptionRecord[];
  signalStartSubscriptionsOf(bpmnProcessId: string, tenantId: string): SignalSubscriptionRecord[];
  signalStartSubscriptionsOfDefinition(processDefinitionKey: number): SignalSubscriptionRecord[];
}

export interface BatchOperationReader {
  batchOperation(key: number): BatchOperationRecord | undefined;
  batchOperationItem(key: number): BatchOperationItemRecord | undefined;
  /** The oldest active operation's next item. */
  nextBatchOperationItem(): BatchOperationItemRecord | undefined;
  activeItemsOf(batchOperationKey: number): BatchOperationItemRecord[];
  itemCount(batchOperationKey: number, state: BatchOperationItemRecord['state']): number;
  /** The user who created a batch operation, as the audit log recorded it (undefined if no user did). */
  batchOperationCreator(batchOperationKey: number): string | undefined;
}

/** Everything a command may read. */
export interface EngineReaders
  extends DeploymentReader,
    ProcessInstanceReader,
    ElementInstanceReader,
    VariableReader,
    JoinTokenReader,
    JobReader,
    UserTaskReader,
    IncidentReader,
    TimerReader,
    MessageReader,
    SignalReader,
    BatchOperationReader {}
