/**
 * The one contract every element kind implements. Each step returns a Failure (turned into an incident by the
 * processor) or an outcome; a missing step means "nothing special".
 */
import type { ExecutableElement, ExecutableFlow, ExecutableProcess } from '../../model/executable-process.js';
import type { ElementInstanceRecord } from '../../state/records.js';
import type { Failure } from './failure.js';
import type { EngineServices, Transitions } from './engine-services.js';

export interface ElementContext {
  readonly process: ExecutableProcess;
  readonly element: ExecutableElement;
  readonly instance: ElementInstanceRecord;
  readonly services: EngineServices;
  /** Moving elements through their lifecycle (the processor). */
  readonly transitions: Transitions;
}

/** After activation: wait for an outside event (a job, a user), or complete at once. */
export type ActivationOutcome = 'WAIT' | 'COMPLETE';

export interface ElementBehavior {
  onActivate?(context: ElementContext): ActivationOutcome | Failure;
  /** Chooses the outgoing flows to take; by default all of them. */
  onComplete?(context: ElementContext): readonly ExecutableFlow[] | Failure | void;
  onTerminate?(context: ElementContext): void;
}
