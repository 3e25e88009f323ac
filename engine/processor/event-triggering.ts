/**
 * An event an element instance waits for occurred: a timer fired, a message was correlated, a signal broadcast.
 * Depending on what waits, the event
 * - completes its catch event or receive task (message and signal variables become its completion variables);
 * - chooses the branch of an event-based gateway, whose target catch event then completes at once;
 * - starts an event sub-process of the scope (interrupting: the scope's other children end first);
 * - activates a boundary event of its host activity (interrupting: the host ends first).
 * Non-interrupting boundary events and event sub-processes keep their subscription (a cycle schedules its next
 * repetition). When a subscription opens, a buffered message may already wait for it.
 */
import type { EngineServices } from '../behaviors/shared/engine-services.js';
import { closeEventSubscriptions } from '../behaviors/shared/event-subscriptions.js';
import { rescheduleCycle } from '../behaviors/shared/timers.js';
import { requireElement, requireElementOfType, type ExecutableElement, type ExecutableFlow, type ExecutableProcess } from '../model/executable-process.js';
import type { ElementInstanceRecord, MessageSubscriptionRecord, SignalSubscriptionRecord, TimerRecord } from '../state/records.js';

/** What an event asks of the processor. */
export interface EventReaction {
  processFor(instance: ElementInstanceRecord): { process: ExecutableProcess; element: ExecutableElement };
  activateChild(flowScope: ElementInstanceRecord, process: ExecutableProcess, element: ExecutableElement, completionVariables?: Record<string, unknown>): ElementInstanceRecord;
  complete(instance: ElementInstanceRecord, variables?: Record<string, unknown>): void;
  terminate(instance: ElementInstanceRecord): void;
  /** Ends the children of a scope that an interrupting event sub-process takes over. */
  interruptChildren(scope: ElementInstanceRecord): void;
}

export class EventTriggering {
  /** The flow an event-based gateway takes, chosen by the event that occurred first (per command). */
  private readonly gatewaySelections = new Map<number, { flow: ExecutableFlow; variables: Record<string, unknown> }>();

  constructor(
    private readonly services: EngineServices,
    private readonly reaction: EventReaction,
  ) {}

  /** A timer fired: complete its catch event, or trigger the boundary / event sub-process / gateway it serves. */
  triggerTimer(timer: TimerRecord): void {
    this.services.writer.append('TIMER', 'TRIGGERED', timer);
    const owner = timer.elementInstanceKey === null ? undefined : this.services.readers.elementInstance(timer.elementInstanceKey);
    if (!owner || owner.state !== 'ACTIVATED') return;
    this.trigger(owner, timer.elementId, {}, () => rescheduleCycle(timer, this.services));
  }

  /** Correlates a message to a subscription; returns false when the subscriber no longer waits. */
  correlateMessage(subscription: MessageSubscriptionRecord, messageKey: number, variables: Record<string, unknown>): boolean {
    const { readers, writer } = this.services;
    const owner = readers.elementInstance(subscription.elementInstanceKey);
    if (!owner || owner.state !== 'ACTIVATED') return false;
    const correlationRecordKey = this.services.nextKey();
    writer.append('MESSAGE', 'CORRELATED', {
      key: correlationRecordKey,
      messageKey,
      processInstanceKey: subscription.processInstanceKey,
      bpmnProcessId: subscription.bpmnProcessId,
      correlationKey: subscription.correlationKey,
      startedInstance: 0,
    });
    const correlationTime = this.services.nowIso();
    const keepsSubscription = this.trigger(owner, subscription.elementId, variables);
    if (!keepsSubscription && readers.messageSubscriptionsOf(owner.key).some((s) => s.key === subscription.key)) {
      writer.append('MESSAGE_SUBSCRIPTION', 'DELETED', { ...subscription, updatedAt: correlationTime });
    }
    // every correlation, also of a subscription its element just closed: the correlated subscriptions search lists
    // it, and the subscription's last state is CORRELATED (as Zeebe's, whose CORRELATED event closes it)
    writer.append('MESSAGE_SUBSCRIPTION', 'CORRELATED', { ...subscription, correlationRecordKey, messageKey, correlationTime });
    return true;
  }

  /** A broadcast signal reached a subscription; returns false when the subscriber no longer waits. */
  triggerSignal(subscription: SignalSubscriptionRecord, variables: Record<string, unknown>): boolean {
    const owner = subscription.elementInstanceKey === null ? undefined : this.services.readers.elementInstance(subscription.elementInstanceKey);
    if (!owner || owner.state !== 'ACTIVATED') return false;
    this.trigger(owner, subscription.elementId, variables);
    return true;
  }

  /** An element that just started waiting: a buffered message may already be there for one of its subscriptions. */
  correlateBufferedMessages(owner: ElementInstanceRecord): void {
    const { readers } = this.services;
    for (const subscription of readers.messageSubscriptionsOf(owner.key)) {
      const message = readers.bufferedMessageFor(subscription, this.services.now());
      if (message) this.correlateMessage(subscription, message.key, message.variables);
      if (readers.elementInstance(owner.key)?.state !== 'ACTIVATED') return;
    }
  }

  /** The flow an event chose for an event-based gateway that is completing, taken once. */
  takeGatewaySelection(gatewayKey: number): { flow: ExecutableFlow; variables: Record<string, unknown> } | undefined {
    const selection = this.gatewaySelections.get(gatewayKey);
    this.gatewaySelections.delete(gatewayKey);
    return selection;
  }

  /** Forgets what the current command chose (it rolled back). */
  discard(): void {
    this.gatewaySelections.clear();
  }

  // helpers

  /**
   * An event `eventId` that `owner` waits for occurred. Returns true when the owner keeps waiting for it
   * (non-interrupting boundary events and event sub-processes).
   */
  private trigger(owner: ElementInstanceRecord, eventId: string, variables: Record<string, unknown>, repeat?: () => void): boolean {
    const { process, element } = this.reaction.processFor(owner);
    const event = requireElement(process, eventId);
    if (owner.elementId === eventId) {
      closeEventSubscriptions(owner, this.services);
      this.reaction.complete(owner, variables);
      return false;
    }
    if (owner.elementType === 'EVENT_BASED_GATEWAY') {
      closeEventSubscriptions(owner, this.services);
      const flow = element.outgoing.find((f) => f.targetId === eventId)!;
      this.gatewaySelections.set(owner.key, { flow, variables });
      this.reaction.complete(owner);
      return false;
    }
    if (event.type === 'START_EVENT') {
      // the start event of an event sub-process of the scope `owner`
      const eventSubProcess = requireElement(process, event.flowScopeId);
      if (event.interrupting) {
        closeEventSubscriptions(owner, this.services);
        this.reaction.interruptChildren(owner);
      } else repeat?.();
      const instance = this.reaction.activateChild(owner, process, eventSubProcess);
      if (Object.keys(variables).length > 0) this.services.variables.merge(instance, variables);
      return !event.interrupting;
    }
    // a boundary event of `owner`
    const boundary = requireElementOfType(process, eventId, 'BOUNDARY_EVENT');
    const flowScope = this.services.readers.elementInstance(owner.flowScopeKey!)!;
    if (boundary.interrupting) this.reaction.terminate(owner);
    else repeat?.();
    this.reaction.activateChild(flowScope, process, boundary, variables);
    return !boundary.interrupting;
  }
}
