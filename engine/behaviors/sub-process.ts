/**
 * Embedded sub-process and event sub-process: containers with their own variable scope.
 * - activate: activates the container's start event (an event sub-process: the event start that fired).
 * - complete: when nothing inside is active any more (the processor checks after every child).
 * - terminate: the processor terminates the children first.
 */
import { requireElement, type EventSubProcessElement, type SubProcessElement } from '../model/executable-process.js';
import type { ElementBehavior } from './shared/element-behavior.js';

export const subProcessBehavior: ElementBehavior<SubProcessElement | EventSubProcessElement> = {
  onActivate({ process, element, instance, transitions }) {
    const startEventId = element.type === 'SUB_PROCESS' ? element.noneStartEventId : element.startEventId;
    transitions.activateChild(instance, process, requireElement(process, startEventId));
    return 'WAIT';
  },
};
