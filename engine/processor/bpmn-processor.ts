/**
 * Drives element instances through their lifecycle (Zeebe's BpmnStreamProcessor): activation, completion,
 * termination, sequence flows, joins and scope completion. Element-specific work is delegated to the
 * behaviours; every Failure they return becomes an incident here, and only here.
 *
 * Steps are queued and drained within one command, so a whole run to the next wait state is one transaction.
 */
import { ELEMENT_BEHAVIORS } from '../behaviors/index.js';
import { EngineError } from '../errors.js';
import type { ElementContext } from '../behaviors/shared/element-behavior.js';
import type { EngineServices, Transitions } from '../behaviors/shared/engine-services.js';
import { failure, isFailure, type Failure } from '../behaviors/shared/failure.js';
import { closeEventSubscriptions } from '../behaviors/shared/event-subscriptions.js';
import { openMessageSubscription } from '../behaviors/shared/messages.js';
import { openSignalSubscription } from '../behaviors/shared/signals.js';
import { multiInstanceChildCompleted, multiInstanceChildCompleting } from '../behaviors/multi-instance-body.js';
import { scheduleElementTimer } from '../behaviors/shared/timers.js';
import { nextCycle } from '../model/timer-schedule.js';
import { applyInputMappings, applyOutputMappings } from '../behaviors/shared/variable-mappings.js';
import type { ExecutableElement, ExecutableFlow, ExecutableProcess } from '../model/executable-process.js';
import { requireElement } from '../model/executable-process.js';
import type { ElementInstanceRecord, MessageSubscriptionRecord, SignalSubscriptionRecord, TimerRecord } from '../state/records.js';

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
  /** The flow an event-based gateway takes, chosen by the event that occurred first. */
  private readonly gatewaySelections = new Map<number, { flow: ExecutableFlow; variables: Record<string, unknown> }>();
  private draining = false;
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
    this.drain();
    return instance;
  }

  startEventOf(processInstanceKey: number): string | undefined {
    const id = this.startEvents.get(processInstanceKey);
    this.startEvents.delete(processInstanceKey);
    return id;
  }

  openEventSubscription(event: ExecutableElement, owner: ElementInstanceRecord): Failure | void {
    return openEventSubscription(event, owner, this.services);
  }

  /** A timer fired: complete its catch event, or trigger the boundary / event sub-process / gateway it serves. */
  triggerTimer(timer: TimerRecord): void {
    this.services.writer.append('TIMER', 'TRIGGERED', timer);
    const owner = timer.elementInstanceKey === null ? undefined : this.services.readers.elementInstance(timer.elementInstanceKey);
    if (!owner || owner.state !== 'ACTIVATED') return;
    this.triggerEvent(owner, timer.elementId, {}, () => rescheduleCycle(timer, this.services));
    this.drain();
  }

  /** Runs queued steps until every token waits (job, user task, incident) or has ended. */
  drain(): void {
    // a drain started while draining (a call activity starting its child, a buffered message correlating) only
    // queues: the running loop takes the steps in order, after the current step has finished
    if (this.draining) return;
    this.draining = true;
    try {
      for (let step = this.steps.shift(); step; step = this.steps.shift()) {
        if (step.kind === 'ACTIVATE') this.runActivate(step.key);
        else this.runComplete(step.key, step.variables);
      }
    } finally {
      this.draining = false;
      this.steps.length = 0;
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
    const keepsSubscription = this.triggerEvent(owner, subscription.elementId, variables);
    if (keepsSubscription) this.services.writer.append('MESSAGE_SUBSCRIPTION', 'CORRELATED', subscription);
    else if (this.services.readers.messageSubscriptionsOf(owner.key).some((s) => s.key === subscription.key)) {
      this.services.writer.append('MESSAGE_SUBSCRIPTION', 'DELETED', subscription);
    }
    this.drain();
    return true;
  }

  /** A broadcast signal reached a subscription; returns false when the subscriber no longer waits. */
  triggerSignal(subscription: SignalSubscriptionRecord, variables: Record<string, unknown>): boolean {
    const owner = subscription.elementInstanceKey === null ? undefined : this.services.readers.elementInstance(subscription.elementInstanceKey);
    if (!owner || owner.state !== 'ACTIVATED') return false;
    this.triggerEvent(owner, subscription.elementId, variables);
    this.drain();
    return true;
  }

  /**
   * An event `eventId` that `owner` waits for occurred. Returns true when the owner keeps waiting for it
   * (non-interrupting boundary events and event sub-processes).
   */
  private triggerEvent(owner: ElementInstanceRecord, eventId: string, variables: Record<string, unknown>, repeat?: () => void): boolean {
    const { process } = this.context(owner);
    const event = requireElement(process, eventId);
    if (owner.elementId === eventId) {
      closeEventSubscriptions(owner, this.services);
      this.steps.push({ kind: 'COMPLETE', key: owner.key, variables });
      return false;
    }
    if (owner.elementType === 'EVENT_BASED_GATEWAY') {
      closeEventSubscriptions(owner, this.services);
      const flow = this.context(owner).element.outgoing.find((f) => f.targetId === eventId)!;
      this.gatewaySelections.set(owner.key, { flow, variables });
      this.steps.push({ kind: 'COMPLETE', key: owner.key });
      return false;
    }
    if (event.type === 'START_EVENT') {
      // the start event of an event sub-process of the scope `owner`
      const eventSubProcess = requireElement(process, event.flowScopeId!);
      if (event.interrupting) {
        closeEventSubscriptions(owner, this.services);
        for (const child of this.services.readers.activeChildren(owner.key)) this.terminate(child);
        this.clearJoinTokens(owner.key);
      } else repeat?.();
      const instance = this.activateChild(owner, process, eventSubProcess);
      if (Object.keys(variables).length > 0) this.services.variables.merge(instance, variables);
      return !event.interrupting;
    }
    const flowScope = this.services.readers.elementInstance(owner.flowScopeKey!)!;
    if (event.interrupting) this.terminate(owner);
    else repeat?.();
    this.activateChild(flowScope, process, event, variables);
    return !event.interrupting;
  }

  throwError(from: ElementInstanceRecord, errorCode: string, errorMessage: string, variables: Record<string, unknown>): Failure | void {
    const matches = (events: ExecutableElement[]) =>
      events.find((e) => e.error!.code?.source === errorCode) ?? events.find((e) => !e.error!.code);
    for (let scope: ElementInstanceRecord | undefined = from; scope; ) {
      const { process, element } = this.context(scope);
      // as in Zeebe, a scope that an interrupting event sub-process runs in catches nothing more, nor do its outer
      // scopes in this process: the error goes to the calling process (otherwise an error end event inside an
      // error event sub-process would restart that event sub-process forever)
      if (this.isInterrupted(scope, process)) {
        scope = this.callingElement(scope);
        continue;
      }
      // an event sub-process of this scope catches errors from inside it; the scope stays active
      const startMatch = scope.state === 'ACTIVATED' ? matches(this.eventSubProcessStarts(process, element, 'error')) : undefined;
      if (startMatch) {
        for (const child of this.services.readers.activeChildren(scope.key)) this.terminate(child);
        this.clearJoinTokens(scope.key);
        closeEventSubscriptions(scope, this.services);
        const instance = this.activateChild(scope, process, requireElement(process, startMatch.flowScopeId!));
        if (Object.keys(variables).length > 0) this.services.variables.merge(instance, variables);
        return;
      }
      const boundaries = (element.boundaryEventIds ?? []).map((id) => requireElement(process, id)).filter((e) => e.error);
      const match = matches(boundaries);
      if (match) {
        const flowScope = this.services.readers.elementInstance(scope.flowScopeKey!)!;
        this.terminate(scope);
        this.activateChild(flowScope, process, match, variables);
        return;
      }
      scope = scope.flowScopeKey === null ? this.callingElement(scope) : this.services.readers.elementInstance(scope.flowScopeKey);
    }
    return failure(
      'UNHANDLED_ERROR_EVENT',
      `Expected to throw an error event with the code '${errorCode}'${errorMessage ? ` with message '${errorMessage}'` : ''}, but it was not caught. No error events are available in the scope.`,
    );
  }

  /** Starts a called process for a call activity, passing variables down; the child's keys point back. */
  startCalledProcess(caller: ElementInstanceRecord, definitionKey: number, variables: Record<string, unknown>): Failure | void {
    try {
      this.callStarter(caller, definitionKey, variables);
    } catch (error) {
      if (error instanceof EngineError) return failure('CALLED_ELEMENT_ERROR', error.message);
      throw error;
    }
  }

  /** Set by the engine: creates a process instance record and starts it (shared with createProcessInstance). */
  callStarter!: (caller: ElementInstanceRecord, definitionKey: number, variables: Record<string, unknown>) => void;

  /** Inner instance of a multi-instance body, with its input element and loop counter as local variables. */
  activateInner(body: ElementInstanceRecord, process: ExecutableProcess, element: ExecutableElement, locals: Record<string, unknown>): void {
    const inner = this.createInstance(body, process, element, element.type);
    this.services.variables.setLocal(inner, locals);
    this.steps.push({ kind: 'ACTIVATE', key: inner.key });
  }

  /**
   * Process instance modification: a flow scope (embedded or event sub-process) that an activated element needs,
   * entered without running its start event; its boundary events and event sub-processes subscribe as usual.
   */
  enterScope(flowScope: ElementInstanceRecord, process: ExecutableProcess, element: ExecutableElement): ElementInstanceRecord {
    const created = this.createInstance(flowScope, process, element, element.type);
    const activated: ElementInstanceRecord = { ...created, state: 'ACTIVATED' };
    const failed = this.subscribeBoundaryEvents(this.context(created));
    this.services.writer.append('PROCESS_INSTANCE', 'ELEMENT_ACTIVATED', activated);
    if (failed) this.services.incidents.raise(activated, failed);
    return activated;
  }

  /** Queues the activation of an element instance that was created already (modification's variables set first). */
  queueActivation(instance: ElementInstanceRecord): void {
    this.steps.push({ kind: 'ACTIVATE', key: instance.key });
  }

  /** Creates an element instance in `flowScope` without queueing its activation. */
  createChild(flowScope: ElementInstanceRecord, process: ExecutableProcess, element: ExecutableElement): ElementInstanceRecord {
    return this.createInstance(flowScope, process, element, element.multiInstance ? 'MULTI_INSTANCE_BODY' : element.type);
  }

  // Transitions, used by behaviours

  activateChild(
    flowScope: ElementInstanceRecord,
    process: ExecutableProcess,
    element: ExecutableElement,
    completionVariables?: Record<string, unknown>,
  ): ElementInstanceRecord {
    const instance = this.createInstance(flowScope, process, element, element.multiInstance ? 'MULTI_INSTANCE_BODY' : element.type);
    this.steps.push({ kind: 'ACTIVATE', key: instance.key });
    if (completionVariables) this.completionVariables.set(instance.key, completionVariables);
    return instance;
  }

  private createInstance(
    flowScope: ElementInstanceRecord,
    process: ExecutableProcess,
    element: ExecutableElement,
    elementType: ElementInstanceRecord['elementType'],
  ): ElementInstanceRecord {
    const instance: ElementInstanceRecord = {
      key: this.services.nextKey(),
      processInstanceKey: flowScope.processInstanceKey,
      processDefinitionKey: flowScope.processDefinitionKey,
      bpmnProcessId: process.bpmnProcessId,
      elementId: element.id,
      elementName: element.name ?? null,
      elementType,
      flowScopeKey: flowScope.key,
      state: 'ACTIVATING',
      startDate: this.services.nowIso(),
      endDate: null,
      tenantId: flowScope.tenantId,
      incidentKey: null,
    };
    this.services.writer.append('PROCESS_INSTANCE', 'ELEMENT_ACTIVATING', instance);
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
    if (ownsSubscriptions(context.element, current)) closeEventSubscriptions(current, this.services);
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
    // an event chosen by an event-based gateway has already occurred: it completes at once
    const preTriggered = this.completionVariables.has(key) && context.element.type === 'INTERMEDIATE_CATCH_EVENT';
    const outcome = preTriggered ? 'COMPLETE' : (ELEMENT_BEHAVIORS[context.element.type].onActivate?.(context) ?? 'COMPLETE');
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
    if (flowScope?.elementType === 'MULTI_INSTANCE_BODY') {
      const loopFailure = multiInstanceChildCompleting(this.context(flowScope), instance);
      if (loopFailure) return this.services.incidents.raise(instance, loopFailure);
    }
    const selection = this.gatewaySelections.get(key);
    this.gatewaySelections.delete(key);
    const flows = selection ? [selection.flow] : (selected ?? element.outgoing);
    if (ownsSubscriptions(element, instance)) closeEventSubscriptions(instance, this.services);
    this.services.writer.append('PROCESS_INSTANCE', 'ELEMENT_COMPLETED', {
      ...this.services.readers.elementInstance(key)!,
      state: 'COMPLETED',
      endDate: this.services.nowIso(),
    });
    if (!flowScope) return this.returnToCaller(instance);
    if (flowScope.elementType === 'MULTI_INSTANCE_BODY') multiInstanceChildCompleted(this.context(flowScope), instance);
    for (const flow of flows) this.takeFlow(flowScope, context.process, flow, selection?.variables);
    this.afterChildEnded(flowScope, context.process);
  }

  /** A called process completed: its call activity completes with the child's variables. */
  private returnToCaller(processInstance: ElementInstanceRecord): void {
    const caller = this.callingElement(processInstance);
    if (!caller || caller.state !== 'ACTIVATED') return;
    const { element } = this.context(caller);
    const propagate = element.calledElement?.propagateAllChildVariables !== false || element.outputMappings.length > 0;
    this.steps.push({ kind: 'COMPLETE', key: caller.key, variables: propagate ? this.services.variables.visible(processInstance.key) : {} });
  }

  private callingElement(processInstance: ElementInstanceRecord): ElementInstanceRecord | undefined {
    const parentKey = this.services.readers.processInstance(processInstance.processInstanceKey)?.parentElementInstanceKey;
    return parentKey === null || parentKey === undefined ? undefined : this.services.readers.elementInstance(parentKey);
  }

  /** An interrupting event sub-process is running in the scope (Zeebe calls such a scope interrupted). */
  private isInterrupted(scope: ElementInstanceRecord, process: ExecutableProcess): boolean {
    return this.services.readers
      .activeChildren(scope.key)
      .some((child) => child.elementType === 'EVENT_SUB_PROCESS' && requireElement(process, requireElement(process, child.elementId).noneStartEventId!).interrupting === true);
  }

  private eventSubProcessStarts(process: ExecutableProcess, container: ExecutableElement, kind: 'error' | 'timer' | 'message' | 'signal') {
    return (container.eventSubProcessIds ?? [])
      .map((id) => requireElement(process, requireElement(process, id).noneStartEventId!))
      .filter((start) => start[kind] !== undefined);
  }

  private takeFlow(flowScope: ElementInstanceRecord, process: ExecutableProcess, flow: ExecutableFlow, eventVariables?: Record<string, unknown>): void {
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
    else this.activateChild(flowScope, process, target, eventVariables);
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

  /** Opens the subscriptions of the element's boundary events and, for containers, of its event sub-processes. */
  private subscribeBoundaryEvents({ process, element, instance }: ElementContext): Failure | void {
    const events = [
      ...(element.boundaryEventIds ?? []).map((id) => requireElement(process, id)),
      ...(element.eventSubProcessIds ?? []).map((id) => requireElement(process, requireElement(process, id).noneStartEventId!)),
    ];
    if (events.length === 0) return;
    closeEventSubscriptions(instance, this.services);
    for (const event of events) {
      const failed = openEventSubscription(event, instance, this.services);
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
    let element = requireElement(process, instance.elementId);
    if (element.multiInstance) element = instance.elementType === 'MULTI_INSTANCE_BODY' ? element.multiInstance.body! : element.multiInstance.inner!;
    return { process, element, instance, services: this.services };
  }
}

/** A cycle timer that fired schedules its next repetition, if any is left. */
export function rescheduleCycle(timer: TimerRecord, services: EngineServices): void {
  if (!timer.cycle) return;
  const next = nextCycle({ dueDate: timer.dueDate, repetitions: timer.repetitions, cycle: timer.cycle }, services.now());
  if (!next) return;
  services.writer.append('TIMER', 'CREATED', { ...timer, key: services.nextKey(), dueDate: next.dueDate, repetitions: next.repetitions });
}

/** Opens the subscription an event waits on (timer, message or signal; errors need none). */
export function openEventSubscription(event: ExecutableElement, owner: ElementInstanceRecord, services: EngineServices): Failure | void {
  if (event.timer) return scheduleElementTimer(event, owner, services);
  if (event.message) return openMessageSubscription(event, owner, services);
  if (event.signal) return openSignalSubscription(event, owner, services);
}

function ownsSubscriptions(element: ExecutableElement, instance: ElementInstanceRecord): boolean {
  return (
    element.boundaryEventIds !== undefined ||
    element.eventSubProcessIds !== undefined ||
    instance.elementType === 'EVENT_BASED_GATEWAY' ||
    instance.elementType === 'INTERMEDIATE_CATCH_EVENT' ||
    instance.elementType === 'RECEIVE_TASK'
  );
}
