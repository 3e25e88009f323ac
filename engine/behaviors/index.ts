/**
 * One behaviour per element type; TypeScript checks that every type has an entry and that each behaviour takes
 * the element type of its kind.
 */
import type { BpmnElementType, ElementOfType, ExecutableElement } from '../model/executable-process.js';
import type { ElementBehavior } from './shared/element-behavior.js';
import { boundaryEventBehavior } from './boundary-event.js';
import { businessRuleTaskBehavior } from './business-rule-task.js';
import { callActivityBehavior } from './call-activity.js';
import { endEventBehavior } from './end-event.js';
import { eventBasedGatewayBehavior } from './event-based-gateway.js';
import { exclusiveGatewayBehavior } from './exclusive-gateway.js';
import { inclusiveGatewayBehavior } from './inclusive-gateway.js';
import { intermediateCatchEventBehavior } from './intermediate-catch-event.js';
import { intermediateThrowEventBehavior } from './intermediate-throw-event.js';
import { jobWorkerTaskBehavior } from './job-worker-task.js';
import { multiInstanceBodyBehavior } from './multi-instance-body.js';
import { parallelGatewayBehavior } from './parallel-gateway.js';
import { passThroughTaskBehavior } from './pass-through-task.js';
import { processBehavior } from './process.js';
import { scriptTaskBehavior } from './script-task.js';
import { receiveTaskBehavior } from './receive-task.js';
import { startEventBehavior } from './start-event.js';
import { subProcessBehavior } from './sub-process.js';
import { userTaskBehavior } from './user-task.js';

type ElementBehaviors = { readonly [T in BpmnElementType]: ElementBehavior<ElementOfType<T>> };

const ELEMENT_BEHAVIORS: ElementBehaviors = {
  // containers
  PROCESS: processBehavior,
  SUB_PROCESS: subProcessBehavior,
  EVENT_SUB_PROCESS: subProcessBehavior,
  CALL_ACTIVITY: callActivityBehavior,
  MULTI_INSTANCE_BODY: multiInstanceBodyBehavior,
  // tasks
  SERVICE_TASK: jobWorkerTaskBehavior,
  SEND_TASK: jobWorkerTaskBehavior,
  BUSINESS_RULE_TASK: businessRuleTaskBehavior,
  SCRIPT_TASK: scriptTaskBehavior,
  USER_TASK: userTaskBehavior,
  MANUAL_TASK: passThroughTaskBehavior,
  RECEIVE_TASK: receiveTaskBehavior,
  TASK: passThroughTaskBehavior,
  // gateways
  EXCLUSIVE_GATEWAY: exclusiveGatewayBehavior,
  PARALLEL_GATEWAY: parallelGatewayBehavior,
  INCLUSIVE_GATEWAY: inclusiveGatewayBehavior,
  EVENT_BASED_GATEWAY: eventBasedGatewayBehavior,
  // events
  START_EVENT: startEventBehavior,
  END_EVENT: endEventBehavior,
  INTERMEDIATE_CATCH_EVENT: intermediateCatchEventBehavior,
  INTERMEDIATE_THROW_EVENT: intermediateThrowEventBehavior,
  BOUNDARY_EVENT: boundaryEventBehavior,
};

/** The behaviour of an element's kind. */
export function behaviorOf<E extends ExecutableElement>(element: E): ElementBehavior<E> {
  // TypeScript cannot relate a mapped type's key to its value here (microsoft/TypeScript#30581); the map's type
  // above is what guarantees that the entry of `element.type` takes `E`
  return ELEMENT_BEHAVIORS[element.type] as ElementBehavior<E>;
}
