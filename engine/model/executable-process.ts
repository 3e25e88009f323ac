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
  /** Target variable and the path inside it, e.g. `order.id` → root `order`, path `['id']`. */
  readonly target: { readonly root: string; readonly path: readonly string[] };
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

/** A message a process instance subscribes to: evaluated when the subscription opens. */
export interface MessageDefinition {
  readonly name: FeelExpression;
  readonly correlationKey: FeelExpression;
}

/** A message start event of a process: a name only (a new instance has nothing to correlate with). */
export interface MessageStartDefinition {
  readonly name: FeelExpression;
}

/** A catching error event (boundary, event sub-process start): its static code; absent = catch all. */
export interface ErrorCatchDefinition {
  readonly code: FeelExpression | undefined;
}

/** An error end event: the code it throws, possibly FEEL. */
export interface ErrorThrowDefinition {
  readonly code: FeelExpression;
}

export interface SignalDefinition {
  readonly name: FeelExpression;
}

export interface CalledElementDefinition {
  readonly processId: FeelExpression;
  readonly propagateAllChildVariables: boolean;
  readonly propagateAllParentVariables: boolean;
}

/** `zeebe:loopCharacteristics` of a multi-instance activity. */
export interface MultiInstanceLoop {
  readonly sequential: boolean;
  readonly inputCollection: FeelExpression;
  readonly inputElement: string | undefined;
  readonly outputCollection: string | undefined;
  readonly outputElement: FeelExpression | undefined;
  readonly completionCondition: FeelExpression | undefined;
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

// the element kinds: each carries exactly the fields it has

/** What every element has. */
interface ElementBase {
  readonly id: string;
  readonly name: string | undefined;
  readonly incoming: readonly ExecutableFlow[];
  readonly outgoing: readonly ExecutableFlow[];
  readonly inputMappings: readonly VariableMapping[];
  readonly outputMappings: readonly VariableMapping[];
}

/** Every element inside a process. */
interface FlowNode extends ElementBase {
  /** The id of the enclosing container (the process id for top-level elements). */
  readonly flowScopeId: string;
}

/** Tasks, sub-processes and call activities. */
interface Activity extends FlowNode {
  /** The ids of its boundary events. */
  readonly boundaryEventIds: readonly string[];
  /** A multi-instance activity runs as this body; the element itself is what each inner instance runs. */
  readonly multiInstance: MultiInstanceBodyElement | undefined;
}

/** Containers: the ids of their event sub-processes. */
interface Container {
  readonly eventSubProcessIds: readonly string[];
}

/** An activity whose work a job worker does (`zeebe:taskDefinition`). */
export interface JobWorkerFields {
  readonly job: JobDefinition;
  readonly taskHeaders: Readonly<Record<string, string>>;
}

/** Exactly one of the fields of T (the others absent), so that a check of one narrows to it. */
type OneOf<T> = { [K in keyof T]: { readonly [P in K]: T[K] } & { readonly [P in Exclude<keyof T, K>]?: undefined } }[keyof T];
type NoneOf<T> = { readonly [P in keyof T]?: undefined };

export interface ProcessElement extends ElementBase, Container {
  readonly type: 'PROCESS';
  readonly flowScopeId: undefined;
  /** Absent when the process starts only by its timer, message or signal start events. */
  readonly noneStartEventId: string | undefined;
}

export interface SubProcessElement extends Activity, Container {
  readonly type: 'SUB_PROCESS';
  readonly noneStartEventId: string;
}

export interface EventSubProcessElement extends FlowNode, Container {
  readonly type: 'EVENT_SUB_PROCESS';
  /** Its one start event, which carries the event that starts it. */
  readonly startEventId: string;
}

export interface CallActivityElement extends Activity {
  readonly type: 'CALL_ACTIVITY';
  readonly calledElement: CalledElementDefinition;
}

export interface MultiInstanceBodyElement extends FlowNode {
  readonly type: 'MULTI_INSTANCE_BODY';
  readonly boundaryEventIds: readonly string[];
  readonly loop: MultiInstanceLoop;
  /** The activity each inner instance runs: its work and mappings, without flows or boundary events. */
  readonly inner: ActivityElement;
}

export interface JobWorkerTaskElement extends Activity, JobWorkerFields {
  readonly type: 'SERVICE_TASK' | 'SEND_TASK';
}

export type BusinessRuleTaskElement = Activity & { readonly type: 'BUSINESS_RULE_TASK' } & (
    | (JobWorkerFields & { readonly calledDecision?: undefined })
    | { readonly calledDecision: CalledDecisionDefinition; readonly job?: undefined }
  );

export type ScriptTaskElement = Activity & { readonly type: 'SCRIPT_TASK' } & (
    | (JobWorkerFields & { readonly script?: undefined })
    | { readonly script: ScriptDefinition; readonly job?: undefined }
  );

export interface UserTaskElement extends Activity {
  readonly type: 'USER_TASK';
  readonly userTask: UserTaskDefinition;
  readonly taskHeaders: Readonly<Record<string, string>>;
}

export interface ReceiveTaskElement extends Activity {
  readonly type: 'RECEIVE_TASK';
  readonly message: MessageDefinition;
}

/** Manual and undefined tasks: nothing for the engine to do. */
export interface PassThroughTaskElement extends Activity {
  readonly type: 'MANUAL_TASK' | 'TASK';
}

export interface ExclusiveGatewayElement extends FlowNode {
  readonly type: 'EXCLUSIVE_GATEWAY';
  readonly defaultFlowId: string | undefined;
}

export interface InclusiveGatewayElement extends FlowNode {
  readonly type: 'INCLUSIVE_GATEWAY';
  readonly defaultFlowId: string | undefined;
  /** As a join: the elements from which it can still be reached (same flow scope); empty when it does not join. */
  readonly reachableFrom: ReadonlySet<string>;
}

export interface ParallelGatewayElement extends FlowNode {
  readonly type: 'PARALLEL_GATEWAY';
}

export interface EventBasedGatewayElement extends FlowNode {
  readonly type: 'EVENT_BASED_GATEWAY';
}

/** The events a subscription can wait for (intermediate catch events, boundary events, event sub-process starts). */
interface CatchTriggers {
  timer: TimerDefinition;
  message: MessageDefinition;
  signal: SignalDefinition;
}

/** A start event of a process or an embedded sub-process (none, or in a process timer, message or signal). */
export type StartEventElement = FlowNode & { readonly type: 'START_EVENT'; readonly interrupting?: undefined; readonly error?: undefined } & (
    | OneOf<{ timer: TimerDefinition; message: MessageStartDefinition; signal: SignalDefinition }>
    | NoneOf<CatchTriggers>
  );

/** The start event of an event sub-process: the event that starts it, and whether it interrupts its scope. */
export type EventSubProcessStartElement = FlowNode & { readonly type: 'START_EVENT'; readonly interrupting: boolean } & OneOf<
    CatchTriggers & { error: ErrorCatchDefinition }
  >;

export type IntermediateCatchEventElement = FlowNode & { readonly type: 'INTERMEDIATE_CATCH_EVENT' } & OneOf<CatchTriggers>;

/** A none throw event (a milestone), or a message throw event, whose message a job worker sends. */
export type IntermediateThrowEventElement = FlowNode & { readonly type: 'INTERMEDIATE_THROW_EVENT' } & (JobWorkerFields | NoneOf<JobWorkerFields>);

export type BoundaryEventElement = FlowNode & {
  readonly type: 'BOUNDARY_EVENT';
  /** The activity it is attached to. */
  readonly attachedToId: string;
  readonly interrupting: boolean;
} & OneOf<CatchTriggers & { error: ErrorCatchDefinition }>;

export interface EndEventElement extends FlowNode {
  readonly type: 'END_EVENT';
  /** A terminate end event ends its whole flow scope. */
  readonly terminate: boolean;
  /** An error end event throws this error. */
  readonly error: ErrorThrowDefinition | undefined;
}

/** The activities (what a multi-instance body runs, what boundary events attach to). */
export type ActivityElement =
  | SubProcessElement
  | CallActivityElement
  | JobWorkerTaskElement
  | BusinessRuleTaskElement
  | ScriptTaskElement
  | UserTaskElement
  | ReceiveTaskElement
  | PassThroughTaskElement;

export type ExecutableElement =
  | ProcessElement
  | EventSubProcessElement
  | MultiInstanceBodyElement
  | ActivityElement
  | ExclusiveGatewayElement
  | InclusiveGatewayElement
  | ParallelGatewayElement
  | EventBasedGatewayElement
  | StartEventElement
  | EventSubProcessStartElement
  | IntermediateCatchEventElement
  | IntermediateThrowEventElement
  | BoundaryEventElement
  | EndEventElement;

/** The element kind of one element type. */
export type ElementOfType<T extends BpmnElementType> = Extract<ExecutableElement, { readonly type: T }>;

/** An element a timer, message or signal subscription can wait for. */
export type SubscribingEventElement = IntermediateCatchEventElement | ReceiveTaskElement | BoundaryEventElement | EventSubProcessStartElement;

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
  readonly timerStartEvents: readonly TimerStartEventElement[];
  /** Message start events. */
  readonly messageStartEvents: readonly MessageStartEventElement[];
  /** Signal start events. */
  readonly signalStartEvents: readonly SignalStartEventElement[];
}

export type TimerStartEventElement = Extract<StartEventElement, { readonly timer: TimerDefinition }>;
export type MessageStartEventElement = Extract<StartEventElement, { readonly message: MessageStartDefinition }>;
export type SignalStartEventElement = Extract<StartEventElement, { readonly signal: SignalDefinition }>;

export function requireElement(process: ExecutableProcess, elementId: string): ExecutableElement {
  const element = process.elements.get(elementId);
  if (!element) throw new Error(`element '${elementId}' is not part of process '${process.bpmnProcessId}'`);
  return element;
}

/** The element of one of `types`; any other is a bug (an id taken from the wrong field), so it throws. */
export function requireElementOfType<T extends BpmnElementType>(process: ExecutableProcess, elementId: string, ...types: T[]): ElementOfType<T> {
  const element = requireElement(process, elementId);
  if (!isOfType(element, types)) {
    throw new Error(`element '${elementId}' of process '${process.bpmnProcessId}' is a ${element.type}, not a ${types.join(' or ')}`);
  }
  return element;
}

/** The start event of an event sub-process. */
export function eventSubProcessStartOf(process: ExecutableProcess, eventSubProcessId: string): EventSubProcessStartElement {
  const start = requireElementOfType(process, requireElementOfType(process, eventSubProcessId, 'EVENT_SUB_PROCESS').startEventId, 'START_EVENT');
  if (start.interrupting === undefined) throw new Error(`the start event '${start.id}' does not start an event sub-process`);
  return start;
}

/** The multi-instance body of an activity, if it is a multi-instance activity. */
export function multiInstanceBodyOf(element: ExecutableElement): MultiInstanceBodyElement | undefined {
  return 'multiInstance' in element ? element.multiInstance : undefined;
}

/** The boundary events of an activity or multi-instance body (none for other elements). */
export function boundaryEventIdsOf(element: ExecutableElement): readonly string[] {
  return 'boundaryEventIds' in element ? element.boundaryEventIds : [];
}

/** The event sub-processes of a container (none for other elements). */
export function eventSubProcessIdsOf(element: ExecutableElement): readonly string[] | undefined {
  return 'eventSubProcessIds' in element ? element.eventSubProcessIds : undefined;
}

// helpers

function isOfType<T extends BpmnElementType>(element: ExecutableElement, types: readonly T[]): element is ElementOfType<T> {
  return (types as readonly BpmnElementType[]).includes(element.type);
}
