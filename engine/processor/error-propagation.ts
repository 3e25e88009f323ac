/**
 * BPMN errors (an error end event, a job's thrown error) travel up the scopes to the nearest catching event:
 * an error event sub-process of a scope (the scope stays, its other children end) or an error boundary event of
 * an enclosing activity (the activity ends). At a process that a call activity started, the error goes on in the
 * calling process. Nothing catching it is an UNHANDLED_ERROR_EVENT failure, which the caller turns into an
 * incident.
 */
import type { EngineServices } from '../behaviors/shared/engine-services.js';
import { closeEventSubscriptions } from '../behaviors/shared/event-subscriptions.js';
import { failure, type Failure } from '../behaviors/shared/failure.js';
import {
  boundaryEventIdsOf,
  eventSubProcessIdsOf,
  eventSubProcessStartOf,
  requireElement,
  requireElementOfType,
  type ErrorCatchDefinition,
  type EventSubProcessStartElement,
  type ExecutableElement,
  type ExecutableProcess,
} from '../model/executable-process.js';
import type { ElementInstanceRecord } from '../state/records.js';

/** What catching an error asks of the processor. */
export interface ErrorCatching {
  processFor(instance: ElementInstanceRecord): { process: ExecutableProcess; element: ExecutableElement };
  activateChild(flowScope: ElementInstanceRecord, process: ExecutableProcess, element: ExecutableElement, completionVariables?: Record<string, unknown>): ElementInstanceRecord;
  terminate(instance: ElementInstanceRecord): void;
  /** Ends the children of a scope that an interrupting event sub-process takes over. */
  interruptChildren(scope: ElementInstanceRecord): void;
  /** The call activity that started the process instance `processElement`, if any. */
  callingElement(processElement: ElementInstanceRecord): ElementInstanceRecord | undefined;
}

export class ErrorPropagation {
  constructor(
    private readonly services: EngineServices,
    private readonly catching: ErrorCatching,
  ) {}

  throwError(from: ElementInstanceRecord, errorCode: string, errorMessage: string, variables: Record<string, unknown>): Failure | void {
    const { readers } = this.services;
    // a catching event with this code, else one that catches every error
    const matches = <E extends { readonly error?: ErrorCatchDefinition }>(events: readonly E[]) =>
      events.find((e) => e.error?.code?.source === errorCode) ?? events.find((e) => e.error !== undefined && !e.error.code);
    for (let scope: ElementInstanceRecord | undefined = from; scope; ) {
      const { process, element } = this.catching.processFor(scope);
      // as in Zeebe, a scope that an interrupting event sub-process runs in catches nothing more, nor do its outer
      // scopes in this process: the error goes to the calling process (otherwise an error end event inside an
      // error event sub-process would restart that event sub-process forever)
      if (this.isInterrupted(scope, process)) {
        scope = this.catching.callingElement(scope);
        continue;
      }
      // an event sub-process of this scope catches errors from inside it; the scope stays active
      const startMatch = scope.state === 'ACTIVATED' ? matches(eventSubProcessStarts(process, element, 'error')) : undefined;
      if (startMatch) {
        this.catching.interruptChildren(scope);
        closeEventSubscriptions(scope, this.services);
        const instance = this.catching.activateChild(scope, process, requireElement(process, startMatch.flowScopeId));
        if (Object.keys(variables).length > 0) this.services.variables.merge(instance, variables);
        return;
      }
      const boundaries = boundaryEventIdsOf(element).map((id) => requireElementOfType(process, id, 'BOUNDARY_EVENT'));
      const match = matches(boundaries);
      if (match) {
        const flowScope = readers.elementInstance(scope.flowScopeKey!)!;
        this.catching.terminate(scope);
        this.catching.activateChild(flowScope, process, match, variables);
        return;
      }
      scope = scope.flowScopeKey === null ? this.catching.callingElement(scope) : readers.elementInstance(scope.flowScopeKey);
    }
    return failure(
      'UNHANDLED_ERROR_EVENT',
      `Expected to throw an error event with the code '${errorCode}'${errorMessage ? ` with message '${errorMessage}'` : ''}, but it was not caught. No error events are available in the scope.`,
    );
  }

  // helpers

  /** An interrupting event sub-process is running in the scope (Zeebe calls such a scope interrupted). */
  private isInterrupted(scope: ElementInstanceRecord, process: ExecutableProcess): boolean {
    return this.services.readers
      .activeChildren(scope.key)
      .some((child) => child.elementType === 'EVENT_SUB_PROCESS' && eventSubProcessStartOf(process, child.elementId).interrupting);
  }
}

/** The start events of a container's event sub-processes of one kind. */
export function eventSubProcessStarts(
  process: ExecutableProcess,
  container: ExecutableElement,
  kind: 'error' | 'timer' | 'message' | 'signal',
): EventSubProcessStartElement[] {
  return (eventSubProcessIdsOf(container) ?? []).map((id) => eventSubProcessStartOf(process, id)).filter((start) => start[kind] !== undefined);
}
