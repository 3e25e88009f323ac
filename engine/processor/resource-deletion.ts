/**
 * Resource deletion (`POST /v2/resources/{key}/deletion`): a process definition (refused while instances of it
 * run, as in Camunda), a DMN resource (its decision requirements and every decision in it) or a form, by the key
 * the deployment answered. Deleting the latest version of a process hands its start events (timers, messages,
 * signals) back to the version before it. The evaluation history and finished instances stay.
 */
import { InvalidStateError, NotFoundError } from '../errors.js';
import type { ProcessDefinitionRecord } from '../state/records.js';
import type { CommandContext } from './command-context.js';
import { subscribeMessageStartEvents } from './message-commands.js';
import { subscribeSignalStartEvents } from './signal-commands.js';
import { scheduleStartTimers } from './timer-commands.js';

export type DeletedResource = 'PROCESS' | 'DECISION_REQUIREMENTS' | 'FORM';

export function deleteResource(context: CommandContext, resourceKey: number): DeletedResource {
  const { readers, services } = context;
  const process = readers.processDefinition(resourceKey);
  if (process) {
    deleteProcess(context, process);
    return 'PROCESS';
  }
  const requirements = readers.decisionRequirements(resourceKey);
  if (requirements) {
    for (const decision of readers.decisionsOfRequirements(requirements.key)) {
      services.writer.append('DECISION', 'DELETED', decision);
    }
    services.writer.append('DECISION_REQUIREMENTS', 'DELETED', requirements);
    return 'DECISION_REQUIREMENTS';
  }
  const form = readers.form(resourceKey);
  if (form) {
    services.writer.append('FORM', 'DELETED', form);
    return 'FORM';
  }
  throw new NotFoundError(`Expected to delete resource but no resource found with key '${resourceKey}'`);
}

// helpers

function deleteProcess(context: CommandContext, process: ProcessDefinitionRecord): void {
  const { readers, services, models } = context;
  const running = readers.runningInstanceCount(process.key);
  if (running > 0) {
    throw new InvalidStateError(
      `Expected to delete resource with key '${process.key}' but there are ${running} running instance(s) of process '${process.bpmnProcessId}' version ${process.version}; cancel, complete or migrate them first`,
    );
  }
  const latest = readers.latestProcessDefinition(process.bpmnProcessId, process.tenantId)!;
  services.writer.append('PROCESS', 'DELETED', process);
  if (latest.key !== process.key) return;
  const previous = readers.latestProcessDefinition(process.bpmnProcessId, process.tenantId);
  if (previous) {
    const executable = models.processFor(previous.key);
    scheduleStartTimers(context, previous, executable);
    subscribeMessageStartEvents(context, previous, executable);
    subscribeSignalStartEvents(context, previous, executable);
    return;
  }
  for (const timer of readers.startTimersOfDefinition(process.key)) {
    services.writer.append('TIMER', 'CANCELED', timer);
  }
  for (const subscription of readers.messageStartSubscriptionsOfDefinition(process.key)) {
    services.writer.append('MESSAGE_START_EVENT_SUBSCRIPTION', 'DELETED', subscription);
  }
  for (const subscription of readers.signalStartSubscriptionsOfDefinition(process.key)) {
    services.writer.append('SIGNAL_SUBSCRIPTION', 'DELETED', subscription);
  }
}
