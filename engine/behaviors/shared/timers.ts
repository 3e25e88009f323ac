/**
 * Schedules and cancels timers. A timer's value is evaluated when it is scheduled (Zeebe evaluates
 * `= dueDate` on activation), so a case's computed deadline becomes a fixed due date.
 */
import type { TimerDefinition } from '../../model/executable-process.js';
import { nextCycle, scheduleTimer } from '../../model/timer-schedule.js';
import type { ElementInstanceRecord, TimerRecord } from '../../state/records.js';
import type { EngineServices } from './engine-services.js';
import { failure, type Failure } from './failure.js';

/** Schedules the timer of `event` for `owner` (the catch event itself, or a boundary event's host). */
export function scheduleElementTimer(
  event: { readonly id: string; readonly timer: TimerDefinition },
  owner: ElementInstanceRecord,
  services: EngineServices,
): Failure | void {
  const valueEvaluation = services.variables.evaluate(event.timer.value, owner.key);
  if (!valueEvaluation.ok) return valueEvaluation.failure.as('EXTRACT_VALUE_ERROR');
  const value = valueEvaluation.value;
  const due = scheduleTimer(event.timer.kind, value, services.now());
  if (typeof due === 'string') return failure('EXTRACT_VALUE_ERROR', `the timer of '${event.id}' cannot be scheduled: ${due}`);
  services.writer.append('TIMER', 'CREATED', {
    key: services.nextKey(),
    elementId: event.id,
    elementInstanceKey: owner.key,
    processInstanceKey: owner.processInstanceKey,
    processDefinitionKey: owner.processDefinitionKey,
    bpmnProcessId: owner.bpmnProcessId,
    dueDate: due.dueDate,
    repetitions: due.repetitions,
    cycle: due.cycle ?? null,
    tenantId: owner.tenantId,
    createdAt: services.nowIso(),
  });
}

export function cancelTimers(owner: ElementInstanceRecord, services: EngineServices): void {
  for (const timer of services.readers.timersOf(owner.key)) services.writer.append('TIMER', 'CANCELED', timer);
}

/** A cycle timer that fired schedules its next repetition, if any is left. */
export function rescheduleCycle(timer: TimerRecord, services: EngineServices): void {
  if (!timer.cycle) return;
  const next = nextCycle({ dueDate: timer.dueDate, repetitions: timer.repetitions, cycle: timer.cycle }, services.now());
  if (!next) return;
  services.writer.append('TIMER', 'CREATED', { ...timer, key: services.nextKey(), dueDate: next.dueDate, repetitions: next.repetitions });
}
