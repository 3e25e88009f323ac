/**
 * Timers that are due fire here, each as its own command: catch events complete, boundary events trigger,
 * timer start events create a process instance. Timers due while the engine was stopped fire at start-up.
 */
import { scheduleTimer } from '../model/timer-schedule.js';
import type { ExecutableProcess } from '../model/executable-process.js';
import type { ProcessDefinitionRecord, TimerRecord } from '../state/records.js';
import { rescheduleCycle } from '../behaviors/shared/timers.js';
import type { CommandContext } from './command-context.js';

export function dueTimers({ readers }: CommandContext, now: number, limit = 200): TimerRecord[] {
  return readers.dueTimers(now, limit);
}

export function triggerTimer(context: CommandContext, timerKey: number): void {
  const { readers, services, processor } = context;
  const timer = readers.timer(timerKey);
  if (!timer || timer.dueDate > services.now()) return;
  if (timer.elementInstanceKey !== null) return processor.triggerTimer(timer);
  // a timer start event: one new instance per firing, then the next repetition of the cycle
  services.writer.append('TIMER', 'TRIGGERED', timer);
  rescheduleCycle(timer, services);
  processor.createProcessInstance(readers.processDefinition(timer.processDefinitionKey)!, {}, { startEventId: timer.elementId });
}

/** When a new version becomes the latest, its timer start events replace those of the older versions. */
export function scheduleStartTimers({ readers, services }: CommandContext, definition: ProcessDefinitionRecord, process: ExecutableProcess): void {
  const previous = readers.startTimersOf(definition.bpmnProcessId, definition.tenantId);
  for (const timer of previous) services.writer.append('TIMER', 'CANCELED', timer);
  for (const event of process.timerStartEvents) {
    const { id, timer } = event;
    const value = timer.value.isStatic ? timer.value.source : timer.value.evaluate({}, services.now());
    const due = scheduleTimer(timer.kind, value, services.now());
    if (typeof due === 'string') continue;
    services.writer.append('TIMER', 'CREATED', {
      key: services.nextKey(),
      elementId: id,
      elementInstanceKey: null,
      processInstanceKey: null,
      processDefinitionKey: definition.key,
      bpmnProcessId: definition.bpmnProcessId,
      dueDate: due.dueDate,
      repetitions: due.repetitions,
      cycle: due.cycle ?? null,
      tenantId: definition.tenantId,
      createdAt: services.nowIso(),
    });
  }
}
