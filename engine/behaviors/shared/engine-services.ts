/**
 * Everything a behaviour may use besides the transitions, handed over as one object (Zeebe's BpmnBehaviors
 * facade). Behaviours read state through the readers and change it only through the writer or these helpers.
 */
import type { ExecutableElement, ExecutableProcess, SubscribingEventElement } from '../../model/executable-process.js';
import type { EngineReaders } from '../../state/readers.js';
import type { ElementInstanceRecord, JobRecord } from '../../state/records.js';
import type { StateWriter } from '../../state/state-writer.js';
import type { Evaluation, Failure } from './failure.js';
import type { FeelExpression } from '../../feel/feel-expression.js';

export type { EngineReaders };

export interface EngineServices {
  readonly now: () => number;
  readonly nowIso: () => string;
  readonly nextKey: () => number;
  readonly readers: EngineReaders;
  readonly writer: StateWriter;
  readonly variables: Variables;
  readonly incidents: Incidents;
  readonly afterCommit: AfterCommit;
  readonly decisions: Decisions;
}

export interface CalledDecisionBinding {
  type: 'latest' | 'deployment' | 'versionTag';
  versionTag?: string;
}

export interface Decisions {
  /**
   * Evaluates the decision a business rule task calls, with the task's visible variables, and records the
   * evaluation. A missing decision is CALLED_DECISION_ERROR, a failed evaluation DECISION_EVALUATION_ERROR.
   */
  evaluateCalled(instance: ElementInstanceRecord, decisionId: string, binding: CalledDecisionBinding): { output: unknown } | Failure;
}

export interface Transitions {
  /** Creates an element instance in `flowScope` and queues its activation. */
  activateChild(flowScope: ElementInstanceRecord, process: ExecutableProcess, element: ExecutableElement): ElementInstanceRecord;
  /** Queues the completion of a waiting element, with the variables it completes with (job, user task). */
  complete(instance: ElementInstanceRecord, variables?: Record<string, unknown>): void;
  /** Terminates an element and all its children (synchronously, inside the current command). */
  terminate(instance: ElementInstanceRecord): void;
  /**
   * Throws a BPMN error from `from`: the nearest matching error boundary event up the scopes catches it (its
   * host is terminated); returns an UNHANDLED_ERROR_EVENT failure when nothing catches it.
   */
  throwError(from: ElementInstanceRecord, errorCode: string, errorMessage: string, variables: Record<string, unknown>): Failure | void;
  /** Drops the tokens waiting at the joins of a scope that is interrupted (or ended by a terminate end event). */
  discardJoinTokens(flowScope: ElementInstanceRecord): void;
  /** Starts the called process of a call activity as its child. */
  startCalledProcess(caller: ElementInstanceRecord, processDefinitionKey: number, variables: Record<string, unknown>): Failure | void;
  /** Starts one inner instance of a multi-instance body. */
  activateInner(body: ElementInstanceRecord, process: ExecutableProcess, element: ExecutableElement, locals: Record<string, unknown>): void;
  /** Opens the timer, message or signal subscription `event` waits on, owned by `owner`. */
  openEventSubscription(event: SubscribingEventElement, owner: ElementInstanceRecord): Failure | void;
  /** The start event a new process instance begins with (a timer start event, or the none start event). */
  startEventOf(processInstanceKey: number): string | undefined;
}

export interface Variables {
  /** All variables visible from a scope (local ones shadow outer ones), as values. */
  visible(scopeKey: number, names?: readonly string[]): Record<string, unknown>;
  /** The variables of exactly this scope. */
  local(scopeKey: number): Record<string, unknown>;
  setLocal(scope: ElementInstanceRecord, variables: Record<string, unknown>): void;
  /** Zeebe's merge: each variable updates the nearest scope that has it, else the process instance. */
  merge(scope: ElementInstanceRecord, variables: Record<string, unknown>): void;
  /** Evaluates a FEEL expression in a scope; a FEEL error is an EXTRACT_VALUE_ERROR failure, never a throw. */
  evaluate(expression: FeelExpression, scopeKey: number, extra?: Record<string, unknown>): Evaluation;
}

export interface Incidents {
  raise(instance: ElementInstanceRecord, failure: Failure, jobKey?: number): void;
  resolveAllFor(instance: ElementInstanceRecord): void;
}

/** Side effects that must wait until the command's transaction commits (waking pollers, answering waiters). */
export interface AfterCommit {
  jobsAvailable(type: string): void;
  /**
   * A job was created (its CREATED event appended): a long poll waiting for its type takes it within this command,
   * else the polls of its type are woken after the commit.
   */
  jobCreated(job: JobRecord): void;
  processInstanceEnded(processInstanceKey: number): void;
}
