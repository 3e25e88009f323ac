/**
 * Drives element instances through their lifecycle (Zeebe's BpmnStreamProcessor): activation, completion,
 * termination, sequence flows, joins and scope completion. Element-specific work is delegated to the
 * behaviours; every Failure they return becomes an incident here, and only here.
 *
 * Steps are queued and drained within one command, so a whole run to the next wait state is one transaction.
 */
import { ELEMENT_BEHAVIORS } from '../behaviors/index.js';
import type { ElementContext } from '../behaviors/shared/element-behavior.js';
import type { EngineServices, Transitions } from '../behaviors/shared/engine-services.js';
import { failure, isFailure, type Failure } from '../behaviors/shared/failure.js';
import { closeEventSubscriptions } from '../behaviors/shared/event-subscriptions.js';
import { openMessageSubscription } from '../behaviors/shared/messages.js';
import { scheduleElementTimer } from '../behaviors/shared/timers.js';
import { nextCycle } from '../model/timer-schedule.js';
import { applyInputMappings, applyOutputMappings } from '../behaviors/shared/variable-mappings.js';
import type { ExecutableElement, ExecutableFlow, ExecutableProcess } from '../model/executable-process.js';
import { requireElement } from '../model/executable-process.js';
import type { ElementInstanceRecord, MessageSubscriptionRecord, TimerRecord } from '../state/records.js';

type Step =
  | { kind: 'ACTIVATE'; key: number }
  | { kind: 'COMPLETE'; key: number; variables?: Record<string, unknown> };

export interface ProcessLookup {
  processFor(processDefinitionKey: number): ExecutableProcess;
}

export class BpmnProcessor implements Transitions {
  private readonly steps: Step[] = [];
  /** Start events chosen for instances being created in the current command (timer start events). */
  private readonly startEvents = new Map<number, string>();
  /** Variables a triggered event completes with (message or error variables), until it completes. */
  private readonly completionVariables = new Map<number, Record<string, unknown>>();
  private services!: EngineServices;

  constructor(private readonly processes: ProcessLookup) {}

  bind(services: EngineServices): void {
    this.services = services;
  }

  /** Creates the process element instance of a new process instance and runs it to its first wait states. */
  startProcess(
    record: Omit<ElementInstanceRecord, 'state' | 'startDate' | 'endDate' | 'incidentKey'>,
    variables: Record<string, unknown>,
    startEventId?: string,
  ): ElementInstanceRecord {
    if (startEventId) this.startEvents.set(record.key, startEventId);
    const instance: ElementInstanceRecord = { ...record, state: 'ACTIVATING', startDate: this.services.nowIso(), endDate: null, incidentKey: null };
    this.services.writer.append('PROCESS_INSTANCE', 'ELEMENT_ACTIVATING', instance);
    this.services.variables.setLocal(instance, variables);
    this.steps.push({ kind: 'ACTIVATE', key: instance.key });
    try {
      this.drain();
    } finally {
      this.startEvents.delete(record.key);
    }
    return instance;
  }

  startEventOf(processInstanceKey: number): string | undefined {
    return this.startEvents.get(processInstanceKey);
  }

  /** A timer fired: complete its catch event, or trigger the boundary event on its host. */
  triggerTimer(timer: TimerRecord): void {
    this.services.writer.append('TIMER', 'TRIGGERED', timer);
    const owner = timer.elementInstanceKey === null ? undefined : this.services.readers.elementInstance(timer.elementInstanceKey);
    if (!owner || owner.state !== 'ACTIVATED') return;
    if (owner.elementId === timer.elementId) {
      this.steps.push({ kind: 'COMPLETE', key: owner.key });
      return this.drain();
    }
    const { process } = this.context(owner);
    const event = requireElement(process, timer.elementId);
    const flowScope = this.services.readers.elementInstance(owner.flowScopeKey!)!;
    if (event.interrupting) this.terminate(owner);
    else rescheduleCycle(timer, this.services);
    this.activateChild(flowScope, process, event);
    this.drain();
  }

  /** Runs queued steps until every token waits (job, user task, incident) or has ended. */
  drain(): void {
    for (let step = this.steps.shift(); step; step = this.steps.shift()) {
      if (step.kind === 'ACTIVATE') this.runActivate(step.key);
      else this.runComplete(step.key, step.variables);
    }
  }

  /** Retries the step an incident interrupted, after the incident was resolved. */
  retry(instance: ElementInstanceRecord): void {
    if (instance.state === 'ACTIVATING') this.steps.push({ kind: 'ACTIVATE', key: instance.key });
    else if (instance.state === 'COMPLETING') this.steps.push({ kind: 'COMPLETE', key: instance.key });
    this.drain();
  }

  /** Correlates a message to a subscription; returns false when the subscriber no longer waits. */
  correlateMessage(subscription: MessageSubscriptionRecord, messageKey: number, variables: Record<string, unknown>): boolean {
    const owner = this.services.readers.elementInstance(subscription.elementInstanceKey);
    if (!owner || owner.state !== 'ACTIVATED') return false;
    this.services.writer.append('MESSAGE', 'CORRELATED', {
      key: this.services.nextKey(),
      messageKey,
      processInstanceKey: subscription.processInstanceKey,
      bpmnProcessId: subscription.bpmnProcessId,
      correlationKey: subscription.correlationKey,
      startedInstance: 0,
    });
    if (owner.elementId === subscription.elementId) {
      this.services.writer.append('MESSAGE_SUBSCRIPTION', 'DELETED', subscription);
      this.steps.push({ kind: 'COMPLETE', key: owner.key, variables });
      this.drain();
      return true;
    }
    const { process } = this.context(owner);
    const event = requireElement(process, subscription.elementId);
    const flowScope = this.services.readers.elementInstance(owner.flowScopeKey!)!;
    if (event.interrupting) this.terminate(owner);
    else this.services.writer.append('MESSAGE_SUBSCRIPTION', 'CORRELATED', subscription);
    this.activateChild(flowScope, process, event, variables);
    this.drain();
    return true;
  }

  throwError(from: ElementInstanceRecord, errorCode: string, errorMessage: string, variables: Record<string, unknown>): Failure | void {
    for (let scope: ElementInstanceRecord | undefined = from; scope; ) {
      const { process, element } = this.context(scope);
      const catching = (element.boundaryEventIds ?? []).map((id) => requireElement(process, id)).filter((e) => e.error);
      const match = catching.find((e) => e.error!.code?.source === errorCode) ?? catching.find((e) => !e.error!.code);
      if (match) {
        const flowScope = this.services.readers.elementInstance(scope.flowScopeKey!)!;
        this.terminate(scope);
        this.activateChild(flowScope, process, match, variables);
        return;
      }
      scope = scope.flowScopeKey === null ? undefined : this.services.readers.elementInstance(scope.flowScopeKey);
    }
    return failure(
      'UNHANDLED_ERROR_EVENT',
      `Expected to throw an error event with the code '${errorCode}'${errorMessage ? ` with message '${errorMessage}'` : ''}, but it was not caught. No error events are available in the scope.`,
    );
  }

  // Transitions, used by behaviours

  activateChild(
    flowScope: ElementInstanceRecord,
    process: ExecutableProcess,
    element: ExecutableElement,
    completionVariables?: Record<string, unknown>,
  ): ElementInstanceRecord {
    const instance: ElementInstanceRecord = {
      key: this.services.nextKey(),
      processInstanceKey: flowScope.processInstanceKey,
      processDefinitionKey: flowScope.processDefinitionKey,
      bpmnProcessId: process.bpmnProcessId,
      elementId: element.id,
      elementName: element.name ?? null,
      elementType: element.type,
      flowScopeKey: flowScope.key,
      state: 'ACTIVATING',
      startDate: this.services.nowIso(),
      endDate: null,
      tenantId: flowScope.tenantId,
      incidentKey: null,
    };
    this.services.writer.append('PROCESS_INSTANCE', 'ELEMENT_ACTIVATING', instance);
    this.steps.push({ kind: 'ACTIVATE', key: instance.key });
    if (completionVariables) this.completionVariables.set(instance.key, completionVariables);
    return instance;
  }

  complete(instance: ElementInstanceRecord, variables?: Record<string, unknown>): void {
    this.steps.push({ kind: 'COMPLETE', key: instance.key, variables });
  }

  terminate(instance: ElementInstanceRecord): void {
    let current = this.services.readers.elementInstance(instance.key)!;
    if (current.state === 'COMPLETED' || current.state === 'TERMINATED') return;
    if (current.state !== 'TERMINATING') {
      current = { ...current, state: 'TERMINATING' };
      this.services.writer.append('PROCESS_INSTANCE', 'ELEMENT_TERMINATING', current);
    }
    for (const child of this.services.readers.activeChildren(current.key)) this.terminate(child);
    this.clearJoinTokens(current.key);
    const context = this.context(current);
    ELEMENT_BEHAVIORS[context.element.type].onTerminate?.(context);
    if (context.element.boundaryEventIds) closeEventSubscriptions(current, this.services);
    this.services.incidents.resolveAllFor(current);
    this.services.writer.append('PROCESS_INSTANCE', 'ELEMENT_TERMINATED', {
      ...this.services.readers.elementInstance(current.key)!,
      state: 'TERMINATED',
      endDate: this.services.nowIso(),
    });
  }

  clearJoinTokens(flowScopeKey: number): void {
    this.joinTokenStore.clear(flowScopeKey);
  }

  arriveAtJoin(flowScope: ElementInstanceRecord, process: ExecutableProcess, element: ExecutableElement, flowId: string): void {
    this.joinTokenStore.arrive(flowScope.key, element.id, flowId);
    this.tryFireJoin(flowScope, process, element);
  }

  /** Set by the engine: where join tokens are kept. */
  joinTokenStore!: {
    arrive(flowScopeKey: number, elementId: string, flowId: string): void;
    take(flowScopeKey: number, elementId: string, flowIds: Iterable<string>): void;
    joinsWithTokens(flowScopeKey: number): string[];
    clear(flowScopeKey: number): void;
  };

  // helpers

  private runActivate(key: number): void {
    const instance = this.services.readers.elementInstance(key);
    if (!instance || instance.state !== 'ACTIVATING') return;
    const context = this.context(instance);
    const inputFailure = applyInputMappings(instance, context.element.inputMappings, this.services);
    if (inputFailure) return this.services.incidents.raise(instance, inputFailure);
    const boundaryFailure = this.subscribeBoundaryEvents(context);
    if (boundaryFailure) return this.services.incidents.raise(instance, boundaryFailure);
    const outcome = ELEMENT_BEHAVIORS[context.element.type].onActivate?.(context) ?? 'COMPLETE';
    if (isFailure(outcome)) return this.services.incidents.raise(instance, outcome);
    const current = this.services.readers.elementInstance(key)!;
    // the behaviour may have ended the element (an error it threw was caught around it)
    if (current.state !== 'ACTIVATING') return;
    this.services.writer.append('PROCESS_INSTANCE', 'ELEMENT_ACTIVATED', { ...current, state: 'ACTIVATED' });
    if (outcome === 'COMPLETE') {
      const variables = this.completionVariables.get(key);
      this.completionVariables.delete(key);
      this.steps.push({ kind: 'COMPLETE', key, variables });
    } else {
      this.correlateBufferedMessages(current);
    }
  }

  private runComplete(key: number, variables?: Record<string, unknown>): void {
    let instance = this.services.readers.elementInstance(key);
    if (!instance) return;
    const { element } = this.context(instance);
    if (instance.state === 'ACTIVATED') {
      instance = { ...instance, state: 'COMPLETING' };
      this.services.writer.append('PROCESS_INSTANCE', 'ELEMENT_COMPLETING', instance);
      if (variables && Object.keys(variables).length > 0) {
        if (element.outputMappings.length > 0) this.services.variables.setLocal(instance, variables);
        else this.services.variables.merge(instance, variables);
      }
    }
    if (instance.state !== 'COMPLETING') return;
    const flowScope = instance.flowScopeKey === null ? undefined : this.services.readers.elementInstance(instance.flowScopeKey);
    if (flowScope && element.outputMappings.length > 0) {
      const outputFailure = applyOutputMappings(instance, flowScope, element.outputMappings, this.services);
      if (outputFailure) return this.services.incidents.raise(instance, outputFailure);
    }
    const context = this.context(instance);
    const selected = ELEMENT_BEHAVIORS[element.type].onComplete?.(context);
    if (isFailure(selected)) return this.services.incidents.raise(instance, selected);
    const flows = selected ?? element.outgoing;
    if (element.boundaryEventIds) closeEventSubscriptions(instance, this.services);
    this.services.writer.append('PROCESS_INSTANCE', 'ELEMENT_COMPLETED', {
      ...this.services.readers.elementInstance(key)!,
      state: 'COMPLETED',
      endDate: this.services.nowIso(),
    });
    if (!flowScope) return;
    for (const flow of flows) this.takeFlow(flowScope, context.process, flow);
    this.afterChildEnded(flowScope, context.process);
  }

  private takeFlow(flowScope: ElementInstanceRecord, process: ExecutableProcess, flow: ExecutableFlow): void {
    this.services.writer.append('PROCESS_INSTANCE', 'SEQUENCE_FLOW_TAKEN', {
      key: this.services.nextKey(),
      flowId: flow.id,
      flowScopeKey: flowScope.key,
      processInstanceKey: flowScope.processInstanceKey,
    });
    const target = requireElement(process, flow.targetId);
    const isJoin = (target.type === 'PARALLEL_GATEWAY' || target.type === 'INCLUSIVE_GATEWAY') && target.incoming.length > 1;
    // an inclusive join only leaves its token here: afterChildEnded decides once every flow of the element was
    // taken, otherwise a flow straight from a fork to the join would fire it before the fork's other branches exist
    if (isJoin && target.type === 'INCLUSIVE_GATEWAY') this.joinTokenStore.arrive(flowScope.key, target.id, flow.id);
    else if (isJoin) this.arriveAtJoin(flowScope, process, target, flow.id);
    else this.activateChild(flowScope, process, target);
  }

  /** After a child ended: an inclusive join may now fire, or the scope may be done. */
  private afterChildEnded(flowScope: ElementInstanceRecord, process: ExecutableProcess): void {
    for (const joinId of this.joinTokenStore.joinsWithTokens(flowScope.key)) {
      const join = requireElement(process, joinId);
      if (join.type === 'INCLUSIVE_GATEWAY') this.tryFireJoin(flowScope, process, join);
    }
    const current = this.services.readers.elementInstance(flowScope.key)!;
    if (current.state !== 'ACTIVATED') return;
    const busy = this.services.readers.activeChildren(flowScope.key).length > 0 || this.joinTokenStore.joinsWithTokens(flowScope.key).length > 0;
    const completionQueued = this.steps.some((s) => s.kind === 'COMPLETE' && s.key === flowScope.key);
    if (!busy && !completionQueued) this.steps.push({ kind: 'COMPLETE', key: flowScope.key });
  }

  private subscribeBoundaryEvents({ process, element, instance }: ElementContext): Failure | void {
    if (!element.boundaryEventIds) return;
    closeEventSubscriptions(instance, this.services);
    for (const id of element.boundaryEventIds) {
      const event = requireElement(process, id);
      const failed = event.timer
        ? scheduleElementTimer(event, instance, this.services)
        : event.message
          ? openMessageSubscription(event, instance, this.services)
          : undefined;
      if (failed) {
        closeEventSubscriptions(instance, this.services);
        return failed;
      }
    }
  }

  /** A buffered message may already wait for a subscription that just opened. */
  private correlateBufferedMessages(owner: ElementInstanceRecord): void {
    for (const subscription of this.services.readers.messageSubscriptionsOf(owner.key)) {
      const message = this.services.readers.bufferedMessageFor(subscription);
      if (message) this.correlateMessage(subscription, message.key, message.variables);
      if (this.services.readers.elementInstance(owner.key)?.state !== 'ACTIVATED') return;
    }
  }

  private tryFireJoin(flowScope: ElementInstanceRecord, process: ExecutableProcess, join: ExecutableElement): void {
    const tokens = this.services.readers.joinTokens(flowScope.key, join.id);
    if (join.type === 'PARALLEL_GATEWAY') {
      if (!join.incoming.every((f) => (tokens.get(f.id) ?? 0) > 0)) return;
    } else {
      // an inclusive join fires when no active element or waiting token upstream can still reach it
      const reachable = join.reachableFrom ?? new Set<string>();
      const upstreamActive = this.services.readers.activeChildren(flowScope.key).some((c) => reachable.has(c.elementId));
      const upstreamWaiting = this.joinTokenStore.joinsWithTokens(flowScope.key).some((id) => id !== join.id && reachable.has(id));
      if (tokens.size === 0 || upstreamActive || upstreamWaiting) return;
    }
    this.joinTokenStore.take(flowScope.key, join.id, tokens.keys());
    this.activateChild(flowScope, process, join);
  }

  private context(instance: ElementInstanceRecord): ElementContext {
    const process = this.processes.processFor(instance.processDefinitionKey);
    return { process, element: requireElement(process, instance.elementId), instance, services: this.services };
  }
}

/** A cycle timer that fired schedules its next repetition, if any is left. */
export function rescheduleCycle(timer: TimerRecord, services: EngineServices): void {
  if (!timer.cycle) return;
  const next = nextCycle({ dueDate: timer.dueDate, repetitions: timer.repetitions, cycle: timer.cycle }, services.now());
  if (!next) return;
  services.writer.append('TIMER', 'CREATED', { ...timer, key: services.nextKey(), dueDate: next.dueDate, repetitions: next.repetitions });
}
