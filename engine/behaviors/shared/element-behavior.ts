/**
 * The one contract every element kind implements, generic in the kind's element type so that a behaviour reads
 * its own fields without checks. Each step returns a Failure (turned into an incident by the processor) or an
 * outcome; a missing step means "nothing special".
 */
import type { ExecutableElement, ExecutableFlow, ExecutableProcess } from '../../model/executable-process.js';
import type { ElementInstanceRecord } from '../../state/records.js';
import type { Failure } from './failure.js';
import type { EngineServices, Transitions } from './engine-services.js';

export interface ElementContext<E extends ExecutableElement = ExecutableElement> {
  readonly process: ExecutableProcess;
  readonly element: E;
  readonly instance: ElementInstanceRecord;
  readonly services: EngineServices;
  /** Moving elements through their lifecycle (the processor). */
  readonly transitions: Transitions;
}

/** After activation: wait for an outside event (a job, a user), or complete at once. */
export type ActivationOutcome = 'WAIT' | 'COMPLETE';

// properties rather than methods, so that TypeScript checks the element type strictly (a behaviour for user tasks
// cannot be registered for service tasks)
export interface ElementBehavior<E extends ExecutableElement = ExecutableElement> {
  readonly onActivate?: (context: ElementContext<E>) => ActivationOutcome | Failure;
  /** Chooses the outgoing flows to take; by default all of them. */
  readonly onComplete?: (context: ElementContext<E>) => readonly ExecutableFlow[] | Failure | void;
  readonly onTerminate?: (context: ElementContext<E>) => void;
}
