/**
 * The immutable, executable form of one deployed process: elements by id, flows, zeebe extensions resolved and
 * FEEL compiled. Built once per definition version at deploy time (see transform-bpmn.ts).
 */
import type { FeelExpression } from '../feel/feel-expression.js';
import type { TimerKind } from './timer-schedule.js';

/** Camunda's BpmnElementType names, verbatim, as the element-instance search API reports them. */
export type BpmnElementType =
  | 'PROCESS'
  | 'START_EVENT'
  | 'END_EVENT'
  | 'INTERMEDIATE_CATCH_EVENT'
  | 'INTERMEDIATE_THROW_EVENT'
  | 'RECEIVE_TASK'
  | 'SUB_PROCESS'
  | 'EVENT_SUB_PROCESS'
  | 'CALL_ACTIVITY'
  | 'EVENT_BASED_GATEWAY'
  | 'MULTI_INSTANCE_BODY'
  | 'BOUNDARY_EVENT'
  | 'SERVICE_TASK'
  | 'SEND_TASK'
  | 'BUSINESS_RULE_TASK'
  | 'SCRIPT_TASK'
  | 'USER_TASK'
  | 'MANUAL_TASK'
  | 'TASK'
  | 'EXCLUSIVE_GATEWAY'
  | 'PARALLEL_GATEWAY'
  | 'INCLUSIVE_GATEWAY';

export interface VariableMapping {
  readonly source: FeelExpression;
  /** Target path, e.g. `order.id`, split into its segments. */
  readonly target: readonly string[];
}

export interface ExecutableFlow {
  readonly id: string;
  readonly sourceId: string;
  readonly targetId: string;
  readonly condition?: FeelExpression;
}

export interface JobDefinition {
  readonly type: FeelExpression;
  readonly retries: FeelExpression;
}

export interface UserTaskDefinition {
  readonly formId?: string;
  readonly externalFormReference?: FeelExpression;
  readonly assignee?: FeelExpression;
  readonly candidateGroups?: FeelExpression;
  readonly candidateUsers?: FeelExpression;
  readonly dueDate?: FeelExpression;
  readonly followUpDate?: FeelExpression;
  readonly priority?: FeelExpression;
  /**
   * Four-eyes (四眼原则): ids of user tasks of the same process whose completer may not claim or complete this one
   * (`zeebe:properties` property `fourEyes.differsFrom`, a comma-separated list).
   */
  readonly fourEyesDiffersFrom?: readonly string[];
}

export interface TimerDefinition {
  readonly kind: TimerKind;
  readonly value: FeelExpression;
}

export interface MessageDefinition {
  readonly name: FeelExpression;
  /** Evaluated when the subscription opens; start events have none. */
  readonly correlationKey?: FeelExpression;
}

/** On a throwing end event the code may be FEEL; on a catching boundary it is static, absent = catch all. */
export interface ErrorDefinition {
  readonly code?: FeelExpression;
}

export interface SignalDefinition {
  readonly name: FeelExpression;
}

export interface CalledElementDefinition {
  readonly processId: FeelExpression;
  readonly propagateAllChildVariables: boolean;
  readonly propagateAllParentVariables: boolean;
}

export interface MultiInstanceDefinition {
  readonly sequential: boolean;
  readonly inputCollection: FeelExpression;
  readonly inputElement: string | undefined;
  readonly outputCollection: string | undefined;
  readonly outputElement: FeelExpression | undefined;
  readonly completionCondition: FeelExpression | undefined;
  /** Filled in after parsing: the body and inner variants of the activity. */
  readonly body?: ExecutableElement;
  readonly inner?: ExecutableElement;
}

/** A business rule task's `zeebe:calledDecision`. */
export interface CalledDecisionDefinition {
  readonly decisionId: FeelExpression;
  readonly resultVariable: string;
  readonly bindingType: 'latest' | 'deployment' | 'versionTag';
  readonly versionTag: string | undefined;
}

export interface ScriptDefinition {
  readonly expression: FeelExpression;
  readonly resultVariable: string;
}

export interface ExecutableElement {
  readonly id: string;
  readonly name: string | undefined;
  readonly type: BpmnElementType;
  /** The id of the enclosing container (the process id for top-level elements). */
  readonly flowScopeId: string | undefined;
  readonly incoming: readonly ExecutableFlow[];
  readonly outgoing: readonly ExecutableFlow[];
  readonly defaultFlowId: string | undefined;
  readonly inputMappings: readonly VariableMapping[];
  readonly outputMappings: readonly VariableMapping[];
  readonly taskHeaders: Readonly<Record<string, string>>;
  readonly job?: JobDefinition;
  readonly userTask?: UserTaskDefinition;
  readonly script?: ScriptDefinition;
  /** Business rule tasks that evaluate a DMN decision (instead of creating a job). */
  readonly calledDecision?: CalledDecisionDefinition;
  /** Message events and receive tasks. */
  readonly message?: MessageDefinition;
  /** Error end events (throw) and error boundary events (catch). */
  readonly error?: ErrorDefinition;
  /** Signal events. */
  readonly signal?: SignalDefinition;
  /** Call activities. */
  readonly calledElement?: CalledElementDefinition;
  /** Multi-instance activities. */
  readonly multiInstance?: MultiInstanceDefinition;
  /** Containers: their event sub-processes. */
  readonly eventSubProcessIds?: readonly string[];
  /** Timer events (catch, boundary, start). */
  readonly timer?: TimerDefinition;
  /** Boundary events (and event sub-process starts): the host activity and whether the event interrupts it. */
  readonly attachedToId?: string;
  readonly interrupting?: boolean;
  /** Activities: the ids of their boundary events. */
  readonly boundaryEventIds?: readonly string[];
  /** End events: a terminate end event ends its whole flow scope. */
  readonly terminate?: boolean;
  /** Containers: the start event to activate first (an event sub-process: its one event start). */
  readonly noneStartEventId?: string;
  /** Inclusive joins: the elements from which this element can still be reached (same flow scope). */
  readonly reachableFrom?: ReadonlySet<string>;
}

export interface ExecutableProcess {
  readonly bpmnProcessId: string;
  readonly name: string | undefined;
  readonly versionTag: string | undefined;
  readonly elements: ReadonlyMap<string, ExecutableElement>;
  readonly flows: ReadonlyMap<string, ExecutableFlow>;
  /** Form ids referenced by user tasks, so a deployment can check what it depends on. */
  readonly formIds: readonly string[];
  readonly startFormId: string | undefined;
  /** The none start event, if any (`createProcessInstance` needs one). */
  readonly noneStartEventId: string | undefined;
  /** Timer start events, which the engine schedules when this version is the latest. */
  readonly timerStartEventIds: readonly string[];
  /** Message start events. */
  readonly messageStartEventIds: readonly string[];
  /** Signal start events. */
  readonly signalStartEventIds: readonly string[];
}

export function requireElement(process: ExecutableProcess, elementId: string): ExecutableElement {
  const element = process.elements.get(elementId);
  if (!element) throw new Error(`element '${elementId}' is not part of process '${process.bpmnProcessId}'`);
  return element;
}
