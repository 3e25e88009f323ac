/**
 * Drives element instances through their lifecycle (Zeebe's BpmnStreamProcessor): activation, completion,
 * termination, sequence flows and scope completion. What is special about an element kind lives in its behaviour;
 * events that occur (event-triggering.ts), BPMN errors (error-propagation.ts) and joins (joins.ts) have their own
 * modules. Every Failure a behaviour or a mapping returns becomes an incident here, and only here.
 *
 * Steps are queued and drained within one command, so a whole run to the next wait state is one transaction.
 * What the processor remembers between steps belongs to the current command and is dropped when it rolls back.
 */
import { behaviorOf } from '../behaviors/index.js';
import { multiInstanceChildCompleted, multiInstanceChildCompleting } from '../behaviors/multi-instance-body.js';
import type { ElementContext } from '../behaviors/shared/element-behavior.js';
import type { EngineServices, Transitions } from '../behaviors/shared/engine-services.js';
import { closeEventSubscriptions, openEventSubscription, ownsSubscriptions, subscribeAttachedEvents } from '../behaviors/shared/event-subscriptions.js';
import { failure, isFailure, type Failure } from '../behaviors/shared/failure.js';
import { applyInputMappings, applyOutputMappings } from '../behaviors/shared/variable-mappings.js';
import { EngineError, InvalidArgumentError } from '../errors.js';
import {
  multiInstanceBodyOf,
  requireElement,
  type ExecutableElement,
  type ExecutableFlow,
  type ExecutableProcess,
  type MultiInstanceBodyElement,
  type SubscribingEventElement,
} from '../model/executable-process.js';
import type {
  ElementInstanceRecord,
  MessageSubscriptionRecord,
  ProcessDefinitionRecord,
  ProcessInstanceRecord,
  SignalSubscriptionRecord,
  TimerRecord,
} from '../state/records.js';
import { ErrorPropagation } from './error-propagation.js';
import { EventTriggering } from './event-triggering.js';
import { Joins } from './joins.js';

type Step =
  | { kind: 'ACTIVATE'; key: number }
  | { kind: 'COMPLETE'; key: number; variables?: Record<string, unknown> };

export interface ProcessLookup {
  processFor(processDefinitionKey: number): ExecutableProcess;
}

export interface StartOptions {
  /** A timer, message or signal start event to begin at instead of the none start event. */
  startEventId?: string;
  /** The call activity that starts this instance as its child. */
  caller?: ElementInstanceRecord;
  /** The tags the creation request gave (Camunda 8.8). */
  tags?: readonly string[];
  /** The user whose creation command this is (ProcessInstanceRecord.startedBy). */
  startedBy?: string;
}

export class BpmnProcessor implements Transitions {
  private readonly steps: Step[] = [];
  /** Start events chosen for instances being created in the current command (timer, message, signal starts). */
  private readonly startEvents = new Map<number, string>();
  /** Variables a triggered event completes with (message or error variables), until it completes. */
  private readonly completionVariables = new Map<number, Record<string, unknown>>();
  private draining = false;
  private readonly joins: Joins;
  private readonly events: EventTriggering;
  private readonly errors: ErrorPropagation;

  constructor(
    private readonly processes: ProcessLookup,
    private readonly services: EngineServices,
  ) {
    this.joins = new Joins(services, this);
    const reaction = {
      processFor: (instance: ElementInstanceRecord) => this.elementOf(instance),
      activateChild: this.activateChild.bind(this),
      complete: this.complete.bind(this),
      terminate: this.terminate.bind(this),
      interruptChildren: this.interruptChildren.bind(this),
      callingElement: this.callingElement.bind(this),
    };
    this.events = new EventTriggering(services, reaction);
    this.errors = new ErrorPropagation(services, reaction);
  }

  /**
   * Creates a process instance of `definition` and runs it to its first wait states (a call activity's child
   * too: its keys point back to the caller).
   */
  createProcessInstance(definition: ProcessDefinitionRecord, variables: Record<string, unknown>, options: StartOptions = {}): ProcessInstanceRecord {
    const { services } = this;
    if (!options.startEventId && !this.processes.processFor(definition.key).noneStartEventId) {
      throw new InvalidArgumentError(`the process '${definition.bpmnProcessId}' has no none start event; it starts only by its timer start events`);
    }
    const key = services.nextKey();
    const record: ProcessInstanceRecord = {
      key,
      processDefinitionKey: definition.key,
      bpmnProcessId: definition.bpmnProcessId,
      version: definition.version,
      state: 'ACTIVE',
      startDate: services.nowIso(),
      endDate: null,
      tenantId: definition.tenantId,
      parentProcessInstanceKey: options.caller?.processInstanceKey ?? null,
      parentElementInstanceKey: options.caller?.key ?? null,
      ...(options.tags && options.tags.length > 0 ? { tags: [...new Set(options.tags)] } : {}),
      ...(options.startedBy ? { startedBy: options.startedBy } : {}),
    };
    services.writer.append('PROCESS_INSTANCE_STATE', 'CHANGED', record);
    if (options.startEventId) this.startEvents.set(key, options.startEventId);
    const instance: ElementInstanceRecord = {
      key,
      processInstanceKey: key,
      processDefinitionKey: definition.key,
      bpmnProcessId: definition.bpmnProcessId,
      elementId: definition.bpmnProcessId,
      elementName: definition.name,
      elementType: 'PROCESS',
      flowScopeKey: null,
      state: 'ACTIVATING',
      startDate: services.nowIso(),
      endDate: null,
      tenantId: definition.tenantId,
      incidentKey: null,
    };
    services.writer.append('PROCESS_INSTANCE', 'ELEMENT_ACTIVATING', instance);
    services.variables.setLocal(instance, variables);
    this.steps.push({ kind: 'ACTIVATE', key });
    this.drain();
    return services.readers.processInstance(key)!;
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

  /** Nothing is queued or being worked off: a failed attempt's `discard` then forgets only what the attempt queued. */
  isIdle(): boolean {
    return this.steps.length === 0 && !this.draining && this.startEvents.size === 0 && this.completionVariables.size === 0;
  }

  /** The current command rolled back: what it queued and chose is forgotten. */
  discard(): void {
    this.steps.length = 0;
    this.startEvents.clear();
    this.completionVariables.clear();
    this.events.discard();
    this.draining = false;
  }

  /** Retries the step an incident interrupted, after the incident was resolved. */
  retry(instance: ElementInstanceRecord): void {
    if (instance.state === 'ACTIVATING') this.steps.push({ kind: 'ACTIVATE', key: instance.key });
    else if (instance.state === 'COMPLETING') this.steps.push({ kind: 'COMPLETE', key: instance.key });
    this.drain();
  }

  // events that occurred (each runs the instance on to its next wait states)

  triggerTimer(timer: TimerRecord): void {
    this.events.triggerTimer(timer);
    this.drain();
  }

  correlateMessage(subscription: MessageSubscriptionRecord, messageKey: number, variables: Record<string, unknown>): boolean {
    const correlated = this.events.correlateMessage(subscription, messageKey, variables);
    if (correlated) this.drain();
    return correlated;
  }

  triggerSignal(subscription: SignalSubscriptionRecord, variables: Record<string, unknown>): boolean {
    const triggered = this.events.triggerSignal(subscription, variables);
    if (triggered) this.drain();
    return triggered;
  }

  // process instance modification

  /**
   * A flow scope (embedded or event sub-process) that an activated element needs, entered without running its
   * start event; its boundary events and event sub-processes subscribe as usual.
   */
  enterScope(flowScope: ElementInstanceRecord, process: ExecutableProcess, element: ExecutableElement): ElementInstanceRecord {
    const created = this.createInstance(flowScope, process, element, element.type);
    const activated: ElementInstanceRecord = { ...created, state: 'ACTIVATED' };
    const failed = subscribeAttachedEvents(process, element, created, this.services);
    this.services.writer.append('PROCESS_INSTANCE', 'ELEMENT_ACTIVATED', activated);
    if (failed) this.services.incidents.raise(activated, failed);
    return activated;
  }

  /** Creates an element instance in `flowScope` without queueing its activation. */
  createChild(flowScope: ElementInstanceRecord, process: ExecutableProcess, element: ExecutableElement): ElementInstanceRecord {
    return this.createInstance(flowScope, process, element, multiInstanceBodyOf(element) ? 'MULTI_INSTANCE_BODY' : element.type);
  }

  /** Queues the activation of an element instance that was created already (modification's variables set first). */
  queueActivation(instance: ElementInstanceRecord): void {
    this.steps.push({ kind: 'ACTIVATE', key: instance.key });
  }

  // Transitions, used by behaviours

  activateChild(
    flowScope: ElementInstanceRecord,
    process: ExecutableProcess,
    element: ExecutableElement,
    completionVariables?: Record<string, unknown>,
  ): ElementInstanceRecord {
    const instance = this.createChild(flowScope, process, element);
    this.steps.push({ kind: 'ACTIVATE', key: instance.key });
    if (completionVariables) this.completionVariables.set(instance.key, completionVariables);
    return instance;
  }

  activateInner(body: ElementInstanceRecord, process: ExecutableProcess, element: ExecutableElement, locals: Record<string, unknown>): void {
    const inner = this.createInstance(body, process, element, element.type);
    this.services.variables.setLocal(inner, locals);
    this.steps.push({ kind: 'ACTIVATE', key: inner.key });
  }

  complete(instance: ElementInstanceRecord, variables?: Record<string, unknown>): void {
    this.steps.push({ kind: 'COMPLETE', key: instance.key, variables });
  }

  terminate(instance: ElementInstanceRecord): void {
    const { readers, writer } = this.services;
    let current = readers.elementInstance(instance.key)!;
    if (current.state === 'COMPLETED' || current.state === 'TERMINATED') return;
    if (current.state !== 'TERMINATING') {
      current = { ...current, state: 'TERMINATING' };
      writer.append('PROCESS_INSTANCE', 'ELEMENT_TERMINATING', current);
    }
    for (const child of readers.activeChildren(current.key)) this.terminate(child);
    const context = this.context(current);
    behaviorOf(context.element).onTerminate?.(context);
    if (ownsSubscriptions(context.element, current)) closeEventSubscriptions(current, this.services);
    this.services.incidents.resolveAllFor(current);
    // the applier drops the tokens still waiting at joins inside it
    writer.append('PROCESS_INSTANCE', 'ELEMENT_TERMINATED', { ...readers.elementInstance(current.key)!, state: 'TERMINATED', endDate: this.services.nowIso() });
  }

  throwError(from: ElementInstanceRecord, errorCode: string, errorMessage: string, variables: Record<string, unknown>): Failure | void {
    return this.errors.throwError(from, errorCode, errorMessage, variables);
  }

  discardJoinTokens(flowScope: ElementInstanceRecord): void {
    this.joins.discard(flowScope);
  }

  startCalledProcess(caller: ElementInstanceRecord, processDefinitionKey: number, variables: Record<string, unknown>): Failure | void {
    try {
      const definition = this.services.readers.processDefinition(processDefinitionKey)!;
      this.createProcessInstance(definition, variables, { caller });
    } catch (error) {
      if (error instanceof EngineError) return failure('CALLED_ELEMENT_ERROR', error.message);
      throw error;
    }
  }

  openEventSubscription(event: SubscribingEventElement, owner: ElementInstanceRecord): Failure | void {
    return openEventSubscription(event, owner, this.services);
  }

  startEventOf(processInstanceKey: number): string | undefined {
    const id = this.startEvents.get(processInstanceKey);
    this.startEvents.delete(processInstanceKey);
    return id;
  }

  // helpers

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

  private runActivate(key: number): void {
    const { readers, writer, incidents } = this.services;
    const instance = readers.elementInstance(key);
    if (!instance || instance.state !== 'ACTIVATING') return;
    const context = this.context(instance);
    const inputFailure = applyInputMappings(instance, context.element.inputMappings, this.services);
    if (inputFailure) return incidents.raise(instance, inputFailure);
    const boundaryFailure = subscribeAttachedEvents(context.process, context.element, instance, this.services);
    if (boundaryFailure) return incidents.raise(instance, boundaryFailure);
    // an event chosen by an event-based gateway has already occurred: it completes at once
    const preTriggered = this.completionVariables.has(key) && context.element.type === 'INTERMEDIATE_CATCH_EVENT';
    const outcome = preTriggered ? 'COMPLETE' : (behaviorOf(context.element).onActivate?.(context) ?? 'COMPLETE');
    if (isFailure(outcome)) return incidents.raise(instance, outcome);
    const current = readers.elementInstance(key)!;
    // the behaviour may have ended the element (an error it threw was caught around it)
    if (current.state !== 'ACTIVATING') return;
    writer.append('PROCESS_INSTANCE', 'ELEMENT_ACTIVATED', { ...current, state: 'ACTIVATED' });
    if (outcome === 'COMPLETE') {
      const variables = this.completionVariables.get(key);
      this.completionVariables.delete(key);
      this.steps.push({ kind: 'COMPLETE', key, variables });
    } else {
      this.events.correlateBufferedMessages(current);
    }
  }

  private runComplete(key: number, variables?: Record<string, unknown>): void {
    const { readers, writer, incidents } = this.services;
    let instance = readers.elementInstance(key);
    if (!instance) return;
    const element = runElement(this.processes.processFor(instance.processDefinitionKey), instance);
    if (instance.state === 'ACTIVATED') {
      instance = { ...instance, state: 'COMPLETING' };
      writer.append('PROCESS_INSTANCE', 'ELEMENT_COMPLETING', instance);
      if (variables && Object.keys(variables).length > 0) {
        if (element.outputMappings.length > 0) this.services.variables.setLocal(instance, variables);
        else this.services.variables.merge(instance, variables);
      }
    }
    if (instance.state !== 'COMPLETING') return;
    const flowScope = instance.flowScopeKey === null ? undefined : readers.elementInstance(instance.flowScopeKey);
    if (flowScope && element.outputMappings.length > 0) {
      const outputFailure = applyOutputMappings(instance, flowScope, element.outputMappings, this.services);
      if (outputFailure) return incidents.raise(instance, outputFailure);
    }
    const context = this.context(instance);
    const selected = behaviorOf(context.element).onComplete?.(context);
    if (isFailure(selected)) return incidents.raise(instance, selected);
    const body = flowScope?.elementType === 'MULTI_INSTANCE_BODY' ? this.bodyContext(flowScope) : undefined;
    if (body) {
      const loopFailure = multiInstanceChildCompleting(body, instance);
      if (loopFailure) return incidents.raise(instance, loopFailure);
    }
    const selection = this.events.takeGatewaySelection(key);
    const flows = selection ? [selection.flow] : (selected ?? element.outgoing);
    if (ownsSubscriptions(element, instance)) closeEventSubscriptions(instance, this.services);
    writer.append('PROCESS_INSTANCE', 'ELEMENT_COMPLETED', { ...readers.elementInstance(key)!, state: 'COMPLETED', endDate: this.services.nowIso() });
    if (!flowScope) return this.returnToCaller(instance);
    if (body) multiInstanceChildCompleted(body, instance);
    for (const flow of flows) this.takeFlow(flowScope, context.process, flow, selection?.variables);
    this.afterChildEnded(flowScope, context.process);
  }

  private takeFlow(flowScope: ElementInstanceRecord, process: ExecutableProcess, flow: ExecutableFlow, eventVariables?: Record<string, unknown>): void {
    const target = requireElement(process, flow.targetId);
    const joining = this.joins.isJoin(target);
    this.services.writer.append('PROCESS_INSTANCE', 'SEQUENCE_FLOW_TAKEN', {
      key: this.services.nextKey(),
      flowId: flow.id,
      flowScopeKey: flowScope.key,
      processInstanceKey: flowScope.processInstanceKey,
      targetElementId: target.id,
      joining,
    });
    if (joining) this.joins.arrived(flowScope, process, target);
    else this.activateChild(flowScope, process, target, eventVariables);
  }

  /** After a child ended: an inclusive join may now fire, or the scope may be done. */
  private afterChildEnded(flowScope: ElementInstanceRecord, process: ExecutableProcess): void {
    this.joins.afterChildEnded(flowScope, process);
    const current = this.services.readers.elementInstance(flowScope.key)!;
    if (current.state !== 'ACTIVATED') return;
    const busy = this.services.readers.activeChildren(flowScope.key).length > 0 || this.joins.hasWaitingTokens(flowScope.key);
    const completionQueued = this.steps.some((s) => s.kind === 'COMPLETE' && s.key === flowScope.key);
    if (!busy && !completionQueued) this.steps.push({ kind: 'COMPLETE', key: flowScope.key });
  }

  /** A called process completed: its call activity completes with the child's variables. */
  private returnToCaller(processInstance: ElementInstanceRecord): void {
    const caller = this.callingElement(processInstance);
    if (!caller || caller.state !== 'ACTIVATED') return;
    const { element } = this.elementOf(caller);
    const propagate = element.type !== 'CALL_ACTIVITY' || element.calledElement.propagateAllChildVariables || element.outputMappings.length > 0;
    this.steps.push({ kind: 'COMPLETE', key: caller.key, variables: propagate ? this.services.variables.visible(processInstance.key) : {} });
  }

  private callingElement(processInstance: ElementInstanceRecord): ElementInstanceRecord | undefined {
    const parentKey = this.services.readers.processInstance(processInstance.processInstanceKey)?.parentElementInstanceKey;
    return parentKey === null || parentKey === undefined ? undefined : this.services.readers.elementInstance(parentKey);
  }

  /** An interrupting event sub-process takes over `scope`: its children end, its waiting join tokens are dropped. */
  private interruptChildren(scope: ElementInstanceRecord): void {
    for (const child of this.services.readers.activeChildren(scope.key)) this.terminate(child);
    this.joins.discard(scope);
  }

  /** The model element an instance runs: for a multi-instance activity, its body or its inner variant. */
  private elementOf(instance: ElementInstanceRecord): { process: ExecutableProcess; element: ExecutableElement } {
    const process = this.processes.processFor(instance.processDefinitionKey);
    return { process, element: runElement(process, instance) };
  }

  /** Built in one object literal: every lifecycle step of every element makes one, a spread of another made two. */
  private context(instance: ElementInstanceRecord): ElementContext {
    const process = this.processes.processFor(instance.processDefinitionKey);
    return { process, element: runElement(process, instance), instance, services: this.services, transitions: this };
  }

  /** The context of a multi-instance body, or undefined when `instance` is not one. */
  private bodyContext(instance: ElementInstanceRecord): ElementContext<MultiInstanceBodyElement> | undefined {
    const context = this.context(instance);
    const { element } = context;
    return element.type === 'MULTI_INSTANCE_BODY' ? { ...context, element } : undefined;
  }
}

// helpers

/** The model element an instance of `process` runs: for a multi-instance activity, its body or its inner variant. */
function runElement(process: ExecutableProcess, instance: ElementInstanceRecord): ExecutableElement {
  const element = requireElement(process, instance.elementId);
  const body = multiInstanceBodyOf(element);
  if (!body) return element;
  return instance.elementType === 'MULTI_INSTANCE_BODY' ? body : body.inner;
}
