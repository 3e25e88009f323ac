/**
 * Turns BPMN XML (Zeebe dialect) into executable processes. The only importer of bpmn-moddle. Everything that
 * could fail at run time because of the model itself (unsupported element, bad FEEL, a gateway without flows)
 * is rejected here, naming the element, so that one bad file never reaches the engine.
 */
import { BpmnModdle } from 'bpmn-moddle';
import { createRequire } from 'node:module';
import { compileFeel, compileOptionalFeel, type FeelExpression } from '../feel/feel-expression.js';
import { FeelSyntaxFailure } from '../feel/errors.js';
import { ModelRejection } from './errors.js';
import { scheduleTimer, type TimerKind } from './timer-schedule.js';
import type {
  ActivityElement,
  BpmnElementType,
  CalledDecisionDefinition,
  CalledElementDefinition,
  ErrorCatchDefinition,
  ErrorThrowDefinition,
  ExecutableElement,
  ExecutableFlow,
  ExecutableProcess,
  JobDefinition,
  MessageDefinition,
  MessageStartDefinition,
  MessageStartEventElement,
  MultiInstanceLoop,
  ScriptDefinition,
  SignalDefinition,
  SignalStartEventElement,
  TimerDefinition,
  TimerStartEventElement,
  UserTaskDefinition,
  VariableMapping,
} from './executable-process.js';

const require = createRequire(import.meta.url);
const zeebeSchema = require('zeebe-bpmn-moddle/resources/zeebe.json') as object;
const moddle = new BpmnModdle({ zeebe: zeebeSchema });

/** Flow elements this engine executes, with their Camunda element type. */
const SUPPORTED: Record<string, BpmnElementType> = {
  'bpmn:StartEvent': 'START_EVENT',
  'bpmn:EndEvent': 'END_EVENT',
  'bpmn:IntermediateCatchEvent': 'INTERMEDIATE_CATCH_EVENT',
  'bpmn:IntermediateThrowEvent': 'INTERMEDIATE_THROW_EVENT',
  'bpmn:BoundaryEvent': 'BOUNDARY_EVENT',
  'bpmn:ReceiveTask': 'RECEIVE_TASK',
  'bpmn:SubProcess': 'SUB_PROCESS',
  'bpmn:CallActivity': 'CALL_ACTIVITY',
  'bpmn:EventBasedGateway': 'EVENT_BASED_GATEWAY',
  'bpmn:ServiceTask': 'SERVICE_TASK',
  'bpmn:SendTask': 'SEND_TASK',
  'bpmn:BusinessRuleTask': 'BUSINESS_RULE_TASK',
  'bpmn:ScriptTask': 'SCRIPT_TASK',
  'bpmn:UserTask': 'USER_TASK',
  'bpmn:ManualTask': 'MANUAL_TASK',
  'bpmn:Task': 'TASK',
  'bpmn:ExclusiveGateway': 'EXCLUSIVE_GATEWAY',
  'bpmn:ParallelGateway': 'PARALLEL_GATEWAY',
  'bpmn:InclusiveGateway': 'INCLUSIVE_GATEWAY',
};

/** Flow elements that carry no behaviour (data, artifacts). */
const IGNORED = new Set(['bpmn:SequenceFlow', 'bpmn:DataObject', 'bpmn:DataObjectReference', 'bpmn:DataStoreReference']);

const ACTIVITIES = new Set<BpmnElementType>([
  'SERVICE_TASK', 'SEND_TASK', 'BUSINESS_RULE_TASK', 'SCRIPT_TASK', 'USER_TASK', 'MANUAL_TASK', 'TASK', 'RECEIVE_TASK',
  'SUB_PROCESS', 'CALL_ACTIVITY',
]);

export async function transformBpmn(xml: string): Promise<ExecutableProcess[]> {
  // Entity declarations are how XML bombs (billion laughs) and external entities (XXE: a local file read into the
  // model) work; no BPMN modeler writes a DOCTYPE, and Zeebe's parser refuses one too.
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new ModelRejection('the XML declares a DOCTYPE or entities, which are not allowed (XML entity expansion)');
  let definitions: ModdleElement;
  try {
    const result = await moddle.fromXML(xml);
    definitions = result.rootElement as unknown as ModdleElement;
    const unknownElement = (result.warnings ?? []).find((w: { message: string }) => /unknown type|unparsable/.test(w.message));
    if (unknownElement) throw new ModelRejection(`the XML has unknown content: ${firstLine(unknownElement.message)}`);
  } catch (error) {
    if (error instanceof ModelRejection) throw error;
    throw new ModelRejection(`the XML cannot be read: ${firstLine((error as Error).message)}`);
  }
  const processes = (definitions.rootElements ?? []).filter((e) => e.$type === 'bpmn:Process' && e.isExecutable !== false);
  if (processes.length === 0) throw new ModelRejection('the resource has no executable process (bpmn:process isExecutable="true")');
  return processes.map(transformProcess);
}

// helpers

interface ModdleElement {
  $type: string;
  id: string;
  name?: string;
  [key: string]: unknown;
  rootElements?: ModdleElement[];
  flowElements?: ModdleElement[];
  isExecutable?: boolean;
  extensionElements?: { values?: ModdleElement[] };
}

function transformProcess(process: ModdleElement): ExecutableProcess {
  const elements = new Map<string, ExecutableElement>();
  const flows = new Map<string, ExecutableFlow>();
  const formIds: string[] = [];
  const loops = new Map<string, MultiInstanceLoop>();
  const scope = transformScope(process, process.id, 'PROCESS', { elements, flows, formIds, loops });
  const startEvents = scope.timerStartEvents.length + scope.messageStartEvents.length + scope.signalStartEvents.length;
  if (!scope.noneStartEventId && startEvents === 0) {
    throw new ModelRejection('the process needs a start event', process.id);
  }
  addBoundaryEvents(elements);
  addInclusiveJoinReachability(elements);
  addMultiInstanceBodies(elements, loops);
  checkFourEyesPairs(elements);
  elements.set(process.id, {
    id: process.id,
    name: process.name,
    type: 'PROCESS',
    flowScopeId: undefined,
    incoming: [],
    outgoing: [],
    inputMappings: [],
    outputMappings: [],
    noneStartEventId: scope.noneStartEventId,
    eventSubProcessIds: scope.eventSubProcessIds,
  });
  const startEvent = scope.noneStartEventId ? process.flowElements?.find((e) => e.id === scope.noneStartEventId) : undefined;
  return {
    bpmnProcessId: process.id,
    name: process.name,
    versionTag: extension(process.extensionElements?.values ?? [], 'zeebe:VersionTag')?.value as string | undefined,
    elements,
    flows,
    formIds,
    startFormId: startEvent ? (extension(startEvent.extensionElements?.values ?? [], 'zeebe:FormDefinition')?.formId as string | undefined) : undefined,
    noneStartEventId: scope.noneStartEventId,
    timerStartEvents: scope.timerStartEvents,
    messageStartEvents: scope.messageStartEvents,
    signalStartEvents: scope.signalStartEvents,
  };
}

/** What the transformation of a process collects across its scopes. */
interface ProcessParts {
  elements: Map<string, ExecutableElement>;
  flows: Map<string, ExecutableFlow>;
  formIds: string[];
  /** The loops of multi-instance activities, which become their bodies once boundary events are linked. */
  loops: Map<string, MultiInstanceLoop>;
}

interface ScopeSummary {
  noneStartEventId: string | undefined;
  timerStartEvents: TimerStartEventElement[];
  messageStartEvents: MessageStartEventElement[];
  signalStartEvents: SignalStartEventElement[];
  /** Start events with an event definition inside an event sub-process (there is exactly one). */
  eventStartEventIds: string[];
  eventSubProcessIds: string[];
}

/** Transforms the flow elements of one container (process, sub-process, event sub-process), recursively. */
function transformScope(container: ModdleElement, scopeId: string, scopeType: BpmnElementType, parts: ProcessParts): ScopeSummary {
  const { elements, flows, formIds, loops } = parts;
  const flowElements = container.flowElements ?? [];
  const scopeFlows = new Map<string, ExecutableFlow>();
  for (const element of flowElements) {
    if (element.$type !== 'bpmn:SequenceFlow') continue;
    const sourceRef = element.sourceRef as ModdleElement | undefined;
    const targetRef = element.targetRef as ModdleElement | undefined;
    if (!sourceRef || !targetRef) throw new ModelRejection('a sequence flow needs a source and a target', element.id);
    const body = (element.conditionExpression as ModdleElement | undefined)?.body as string | undefined;
    const flow = {
      id: element.id,
      sourceId: sourceRef.id,
      targetId: targetRef.id,
      condition: body ? feel(element, body, 'conditionExpression', true) : undefined,
    };
    scopeFlows.set(element.id, flow);
    flows.set(element.id, flow);
  }

  const summary: ScopeSummary = {
    noneStartEventId: undefined,
    timerStartEvents: [],
    messageStartEvents: [],
    signalStartEvents: [],
    eventStartEventIds: [],
    eventSubProcessIds: [],
  };
  const inEventSubProcess = scopeType === 'EVENT_SUB_PROCESS';
  for (const element of flowElements) {
    if (IGNORED.has(element.$type)) continue;
    let type = SUPPORTED[element.$type];
    if (element.$type === 'bpmn:SubProcess' && element.triggeredByEvent) type = 'EVENT_SUB_PROCESS';
    if (!type) throw new ModelRejection(`the element type ${element.$type} is not supported by this engine`, element.id);
    if (elements.has(element.id)) throw new ModelRejection('the id is used twice', element.id);
    const eventDefinitions = (element.eventDefinitions as ModdleElement[] | undefined) ?? [];
    if (eventDefinitions.length > 1) throw new ModelRejection('an event may have only one event definition', element.id);
    const eventDefinition = eventDefinitions[0];
    const isEventSubProcessStart = inEventSubProcess && type === 'START_EVENT';
    const terminate = type === 'END_EVENT' && eventDefinition?.$type === 'bpmn:TerminateEventDefinition';
    const timer =
      eventDefinition?.$type === 'bpmn:TimerEventDefinition' ? timerDefinition(element, type, eventDefinition, isEventSubProcessStart) : undefined;
    // a throw event's message is sent by a job worker (as in Zeebe): no subscription, a job instead
    const messageThrow = type === 'INTERMEDIATE_THROW_EVENT' && eventDefinition?.$type === 'bpmn:MessageEventDefinition';
    if (type === 'INTERMEDIATE_THROW_EVENT' && eventDefinition && !messageThrow) {
      throw new ModelRejection(`intermediate throw events may be none or message events, not ${eventDefinition.$type}`, element.id);
    }
    const messageRef =
      messageThrow ? undefined : eventDefinition?.$type === 'bpmn:MessageEventDefinition'
        ? (eventDefinition.messageRef as ModdleElement | undefined)
        : type === 'RECEIVE_TASK'
          ? (element.messageRef as ModdleElement | undefined)
          : undefined;
    const catchesMessage = !messageThrow && (eventDefinition?.$type === 'bpmn:MessageEventDefinition' || type === 'RECEIVE_TASK');
    // a process's message start event has no correlation key: a new instance has nothing to correlate with
    const messageStart = catchesMessage && type === 'START_EVENT' && !isEventSubProcessStart ? messageStartDefinition(element, messageRef) : undefined;
    const message = catchesMessage && !messageStart ? messageDefinition(element, messageRef) : undefined;
    const error = eventDefinition?.$type === 'bpmn:ErrorEventDefinition' ? errorDefinition(element, type, eventDefinition, isEventSubProcessStart) : undefined;
    const signal = eventDefinition?.$type === 'bpmn:SignalEventDefinition' ? signalDefinition(element, type, eventDefinition) : undefined;
    if (eventDefinition && !terminate && !timer && !message && !messageStart && !error && !signal && !messageThrow) {
      throw new ModelRejection(`the event definition ${eventDefinition.$type} is not supported by this engine`, element.id);
    }
    if (message && type === 'END_EVENT') throw new ModelRejection('message end events are not supported by this engine', element.id);
    if (error && type !== 'END_EVENT' && type !== 'BOUNDARY_EVENT' && !isEventSubProcessStart) {
      throw new ModelRejection('error events are supported as end events, boundary events and event sub-process starts', element.id);
    }
    if ((type === 'INTERMEDIATE_CATCH_EVENT' || type === 'BOUNDARY_EVENT') && !timer && !message && !error && !signal) {
      throw new ModelRejection('this event needs an event definition (timer, message, error or signal)', element.id);
    }
    if (isEventSubProcessStart && !timer && !message && !error && !signal) {
      throw new ModelRejection('the start event of an event sub-process needs a timer, message, error or signal definition', element.id);
    }
    const extensions = element.extensionElements?.values ?? [];
    const incoming = [...scopeFlows.values()].filter((f) => f.targetId === element.id);
    const outgoing = [...scopeFlows.values()].filter((f) => f.sourceId === element.id);
    const defaultFlowId = (element.default as ModdleElement | undefined)?.id;
    validateGateway(element, type, outgoing, defaultFlowId);
    if (type === 'START_EVENT' && !isEventSubProcessStart) {
      if (scopeType !== 'PROCESS' && eventDefinition) throw new ModelRejection('a sub-process may only have a none start event', element.id);
      if (!eventDefinition && summary.noneStartEventId) throw new ModelRejection('a scope may have only one none start event', element.id);
    }
    const base = {
      id: element.id,
      name: element.name,
      flowScopeId: scopeId,
      incoming,
      outgoing,
      inputMappings: mappings(element, extensions, 'inputParameters'),
      outputMappings: mappings(element, extensions, 'outputParameters'),
    };
    const activity = { ...base, boundaryEventIds: [], multiInstance: undefined };
    const headers = taskHeaders(extensions);
    const jobWorker = () => ({ job: jobDefinition(element, type, extensions), taskHeaders: headers });
    const catchTrigger = () => {
      if (timer) return { timer };
      if (message) return { message };
      if (signal) return { signal };
      throw new ModelRejection('this event needs an event definition (timer, message, error or signal)', element.id);
    };
    let executable: ExecutableElement;
    switch (type) {
      case 'SERVICE_TASK':
      case 'SEND_TASK':
        executable = { ...activity, type, ...jobWorker() };
        break;
      case 'BUSINESS_RULE_TASK': {
        const calledDecision = calledDecisionDefinition(element, extensions);
        executable = calledDecision ? { ...activity, type, calledDecision } : { ...activity, type, ...jobWorker() };
        break;
      }
      case 'SCRIPT_TASK': {
        const script = scriptDefinition(element, extensions);
        executable = script ? { ...activity, type, script } : { ...activity, type, ...jobWorker() };
        break;
      }
      case 'USER_TASK': {
        const userTask = userTaskDefinition(element, extensions);
        if (userTask.formId) formIds.push(userTask.formId);
        executable = { ...activity, type, userTask, taskHeaders: headers };
        break;
      }
      case 'RECEIVE_TASK':
        if (!message) throw new ModelRejection('the receive task needs a message with a name', element.id);
        executable = { ...activity, type, message };
        break;
      case 'MANUAL_TASK':
      case 'TASK':
        executable = { ...activity, type };
        break;
      case 'CALL_ACTIVITY':
        executable = { ...activity, type, calledElement: calledElementDefinition(element, extensions) };
        break;
      case 'SUB_PROCESS':
      case 'EVENT_SUB_PROCESS': {
        const inner = transformScope(element, element.id, type, parts);
        if (type === 'SUB_PROCESS') {
          if (!inner.noneStartEventId) throw new ModelRejection('a sub-process needs a none start event', element.id);
          executable = { ...activity, type, noneStartEventId: inner.noneStartEventId, eventSubProcessIds: inner.eventSubProcessIds };
          break;
        }
        const startEventId = inner.eventStartEventIds.length === 1 ? inner.eventStartEventIds[0] : undefined;
        if (startEventId === undefined) throw new ModelRejection('an event sub-process needs exactly one start event', element.id);
        if (incoming.length > 0 || outgoing.length > 0) throw new ModelRejection('an event sub-process cannot have sequence flows', element.id);
        executable = { ...base, type, startEventId, eventSubProcessIds: inner.eventSubProcessIds };
        summary.eventSubProcessIds.push(element.id);
        break;
      }
      case 'EXCLUSIVE_GATEWAY':
        executable = { ...base, type, defaultFlowId };
        break;
      case 'INCLUSIVE_GATEWAY':
        executable = { ...base, type, defaultFlowId, reachableFrom: new Set<string>() };
        break;
      case 'PARALLEL_GATEWAY':
      case 'EVENT_BASED_GATEWAY':
        executable = { ...base, type };
        break;
      case 'START_EVENT':
        if (isEventSubProcessStart) {
          executable = { ...base, type, interrupting: element.isInterrupting !== false, ...(error ? { error } : catchTrigger()) };
          summary.eventStartEventIds.push(element.id);
        } else if (timer) {
          summary.timerStartEvents.push((executable = { ...base, type, timer }));
        } else if (messageStart) {
          summary.messageStartEvents.push((executable = { ...base, type, message: messageStart }));
        } else if (signal) {
          summary.signalStartEvents.push((executable = { ...base, type, signal }));
        } else {
          executable = { ...base, type };
          summary.noneStartEventId = element.id;
        }
        break;
      case 'INTERMEDIATE_CATCH_EVENT':
        executable = { ...base, type, ...catchTrigger() };
        break;
      case 'INTERMEDIATE_THROW_EVENT':
        executable = messageThrow ? { ...base, type, job: jobDefinition(element, 'SEND_TASK', extensions), taskHeaders: headers } : { ...base, type };
        break;
      case 'BOUNDARY_EVENT': {
        const attachedToId = (element.attachedToRef as ModdleElement | undefined)?.id;
        if (!attachedToId) throw new ModelRejection('a boundary event must be attached to a task', element.id);
        executable = { ...base, type, attachedToId, interrupting: element.cancelActivity !== false, ...(error ? { error } : catchTrigger()) };
        break;
      }
      case 'END_EVENT':
        executable = { ...base, type, terminate, error: error ? thrownError(element, error) : undefined };
        break;
      case 'PROCESS':
      case 'MULTI_INSTANCE_BODY':
        throw new Error(`${type} is not a flow element type`);
    }
    const loop = element.loopCharacteristics ? multiInstanceLoop(element, type, element.loopCharacteristics as ModdleElement) : undefined;
    if (loop) loops.set(element.id, loop);
    elements.set(element.id, executable);
  }
  for (const flow of scopeFlows.values()) {
    for (const end of [flow.sourceId, flow.targetId]) {
      const node = elements.get(end);
      if (!node || node.flowScopeId !== scopeId) {
        throw new ModelRejection(`the sequence flow refers to '${end}', which is not a supported flow node of the same scope`, flow.id);
      }
    }
  }
  for (const element of elements.values()) {
    if (element.flowScopeId !== scopeId || element.type !== 'EVENT_BASED_GATEWAY') continue;
    if (element.outgoing.length < 2) throw new ModelRejection('an event-based gateway needs at least two outgoing flows', element.id);
    for (const flow of element.outgoing) {
      const target = elements.get(flow.targetId);
      // as in Zeebe: no receive tasks (the event that chose the branch would be consumed, and the task would wait again)
      if (target?.type !== 'INTERMEDIATE_CATCH_EVENT') {
        throw new ModelRejection('the flows of an event-based gateway must lead to message, timer or signal intermediate catch events', element.id);
      }
    }
  }
  return summary;
}

function validateGateway(element: ModdleElement, type: BpmnElementType, outgoing: ExecutableFlow[], defaultFlowId?: string) {
  if (type === 'EXCLUSIVE_GATEWAY' || type === 'INCLUSIVE_GATEWAY') {
    if (outgoing.length > 1) {
      for (const flow of outgoing) {
        if (!flow.condition && flow.id !== defaultFlowId) {
          throw new ModelRejection(`the outgoing sequence flow '${flow.id}' needs a condition or must be the default flow`, element.id);
        }
      }
    }
  }
  if (defaultFlowId && !outgoing.some((f) => f.id === defaultFlowId)) {
    throw new ModelRejection(`the default flow '${defaultFlowId}' is not an outgoing flow of the element`, element.id);
  }
}

/** The job of a task a job worker does (service, send, and business rule and script tasks without their own work). */
function jobDefinition(element: ModdleElement, type: BpmnElementType, extensions: ModdleElement[]): JobDefinition {
  const taskDefinition = extension(extensions, 'zeebe:TaskDefinition');
  const jobType = taskDefinition?.type as string | undefined;
  if (!jobType) {
    const what = type === 'BUSINESS_RULE_TASK' ? 'a zeebe:calledDecision or a zeebe:taskDefinition with a job type' : 'a zeebe:taskDefinition with a job type';
    throw new ModelRejection(`the task needs ${what}`, element.id);
  }
  return {
    type: feel(element, jobType, 'taskDefinition.type'),
    retries: feel(element, (taskDefinition?.retries as string | undefined) ?? '3', 'taskDefinition.retries'),
  };
}

/** Which timer values each event may use, as in Zeebe (a cycle only where the event can fire repeatedly). */
function timerDefinition(element: ModdleElement, type: BpmnElementType, definition: ModdleElement, inEventSubProcess = false): TimerDefinition {
  const candidates: [TimerKind, string][] = [
    ['duration', 'timeDuration'],
    ['date', 'timeDate'],
    ['cycle', 'timeCycle'],
  ];
  const [present, ...more] = candidates.filter(([, attribute]) => definition[attribute]);
  if (!present || more.length > 0) throw new ModelRejection('a timer needs exactly one of timeDuration, timeDate or timeCycle', element.id);
  const [kind, attribute] = present;
  const allowed: TimerKind[] = inEventSubProcess
    ? ['duration', 'date', 'cycle']
    : type === 'START_EVENT'
      ? ['date', 'cycle']
      : type === 'BOUNDARY_EVENT' && element.cancelActivity === false
        ? ['duration', 'date', 'cycle']
        : ['duration', 'date'];
  if (!allowed.includes(kind)) throw new ModelRejection(`a ${attribute} is not allowed on this kind of timer event`, element.id);
  const body = ((definition[attribute] as ModdleElement).body as string | undefined)?.trim();
  if (!body) throw new ModelRejection(`the ${attribute} of the timer is empty`, element.id);
  const value = feel(element, body, attribute);
  if (value.isStatic) {
    const check = scheduleTimer(kind, body, 0);
    if (typeof check === 'string') throw new ModelRejection(`the timer is invalid: ${check}`, element.id);
  }
  return { kind, value };
}

/** The message a subscription waits for (catch events, receive tasks, boundary events, event sub-process starts). */
function messageDefinition(element: ModdleElement, message: ModdleElement | undefined): MessageDefinition {
  const { name } = messageStartDefinition(element, message);
  const subscription = extension(message?.extensionElements?.values ?? [], 'zeebe:Subscription');
  const correlationKey = subscription?.correlationKey as string | undefined;
  if (!correlationKey) throw new ModelRejection(`the message '${name.source}' needs a zeebe:subscription correlationKey`, element.id);
  return { name, correlationKey: feel(element, correlationKey, 'subscription.correlationKey') };
}

function messageStartDefinition(element: ModdleElement, message: ModdleElement | undefined): MessageStartDefinition {
  const name = message?.name as string | undefined;
  if (!message || !name) throw new ModelRejection('the message event needs a message with a name', element.id);
  return { name: feel(element, name, 'message.name') };
}

function errorDefinition(element: ModdleElement, type: BpmnElementType, definition: ModdleElement, inEventSubProcess = false): ErrorCatchDefinition {
  const errorRef = definition.errorRef as ModdleElement | undefined;
  const code = errorRef?.errorCode as string | undefined;
  if (type === 'END_EVENT' && !code) throw new ModelRejection('an error end event needs an error with an errorCode', element.id);
  if (inEventSubProcess && element.isInterrupting === false) {
    throw new ModelRejection('an error start event of an event sub-process is always interrupting', element.id);
  }
  if ((type === 'BOUNDARY_EVENT' || inEventSubProcess) && code?.trim().startsWith('=')) {
    throw new ModelRejection('the errorCode of a catching error event must be static', element.id);
  }
  if (type === 'BOUNDARY_EVENT' && element.cancelActivity === false) {
    throw new ModelRejection('an error boundary event is always interrupting', element.id);
  }
  return { code: code ? feel(element, code, 'errorCode') : undefined };
}

function thrownError(element: ModdleElement, error: ErrorCatchDefinition): ErrorThrowDefinition {
  if (!error.code) throw new ModelRejection('an error end event needs an error with an errorCode', element.id);
  return { code: error.code };
}

function signalDefinition(element: ModdleElement, type: BpmnElementType, definition: ModdleElement): SignalDefinition {
  const name = (definition.signalRef as ModdleElement | undefined)?.name as string | undefined;
  if (!name) throw new ModelRejection('the signal event needs a signal with a name', element.id);
  if (type === 'END_EVENT') throw new ModelRejection('signal end events are not supported by this engine', element.id);
  return { name: feel(element, name, 'signal.name') };
}

function calledElementDefinition(element: ModdleElement, extensions: ModdleElement[]): CalledElementDefinition {
  const called = extension(extensions, 'zeebe:CalledElement');
  const processId = called?.processId as string | undefined;
  if (!processId) throw new ModelRejection('the call activity needs a zeebe:calledElement processId', element.id);
  const bindingType = (called?.bindingType as string | undefined) ?? 'latest';
  if (bindingType !== 'latest') throw new ModelRejection(`the binding type '${bindingType}' is not supported; use 'latest'`, element.id);
  return {
    processId: feel(element, processId, 'calledElement.processId'),
    propagateAllChildVariables: called?.propagateAllChildVariables !== false,
    propagateAllParentVariables: called?.propagateAllParentVariables !== false,
  };
}

function multiInstanceLoop(element: ModdleElement, type: BpmnElementType, loop: ModdleElement): MultiInstanceLoop {
  if (loop.$type !== 'bpmn:MultiInstanceLoopCharacteristics') throw new ModelRejection('only multi-instance loops are supported', element.id);
  if (type === 'EVENT_SUB_PROCESS' || !ACTIVITIES.has(type)) throw new ModelRejection('only activities can be multi-instance', element.id);
  const zeebe = extension((loop.extensionElements as { values?: ModdleElement[] } | undefined)?.values ?? [], 'zeebe:LoopCharacteristics');
  const inputCollection = zeebe?.inputCollection as string | undefined;
  if (!inputCollection) throw new ModelRejection('a multi-instance activity needs zeebe:loopCharacteristics inputCollection', element.id);
  const outputCollection = zeebe?.outputCollection as string | undefined;
  const outputElement = zeebe?.outputElement as string | undefined;
  if ((outputCollection === undefined) !== (outputElement === undefined)) {
    throw new ModelRejection('outputCollection and outputElement go together', element.id);
  }
  const completion = ((loop.completionCondition as ModdleElement | undefined)?.body as string | undefined)?.trim();
  return {
    sequential: loop.isSequential === true,
    inputCollection: feel(element, inputCollection, 'inputCollection', true),
    inputElement: (zeebe?.inputElement as string | undefined) || undefined,
    outputCollection: outputCollection || undefined,
    outputElement: outputElement ? feel(element, outputElement, 'outputElement', true) : undefined,
    completionCondition: completion ? feel(element, completion, 'completionCondition', true) : undefined,
  };
}

/**
 * A multi-instance activity runs as a body (boundary events, outgoing flows) around inner instances (the
 * activity's own work and mappings, no flows of their own).
 */
function addMultiInstanceBodies(elements: Map<string, ExecutableElement>, loops: ReadonlyMap<string, MultiInstanceLoop>) {
  for (const [id, loop] of loops) {
    const element = elements.get(id);
    if (!element || !isActivity(element)) throw new ModelRejection('only activities can be multi-instance', id);
    const inner: ActivityElement = { ...element, outgoing: [], boundaryEventIds: [], multiInstance: undefined };
    const { name, flowScopeId, incoming, outgoing, boundaryEventIds } = element;
    const body = { id, name, type: 'MULTI_INSTANCE_BODY' as const, flowScopeId, incoming, outgoing, inputMappings: [], outputMappings: [], boundaryEventIds, loop, inner };
    elements.set(id, { ...element, multiInstance: body });
  }
}

function isActivity(element: ExecutableElement): element is ActivityElement {
  return ACTIVITIES.has(element.type);
}

/** A script task's `zeebe:script`; without one a job worker runs the script. */
function scriptDefinition(element: ModdleElement, extensions: ModdleElement[]): ScriptDefinition | undefined {
  const script = extension(extensions, 'zeebe:Script');
  if (!script) return undefined;
  const expression = script.expression as string | undefined;
  const resultVariable = script.resultVariable as string | undefined;
  if (!expression || !expression.trim().startsWith('=')) throw new ModelRejection('the script needs a FEEL expression', element.id);
  if (!resultVariable) throw new ModelRejection('the script needs a result variable', element.id);
  return { expression: feel(element, expression, 'script.expression'), resultVariable };
}

function calledDecisionDefinition(element: ModdleElement, extensions: ModdleElement[]): CalledDecisionDefinition | undefined {
  const called = extension(extensions, 'zeebe:CalledDecision');
  if (!called) return undefined;
  const decisionId = called.decisionId as string | undefined;
  const resultVariable = called.resultVariable as string | undefined;
  if (!decisionId?.trim()) throw new ModelRejection('the zeebe:calledDecision needs a decisionId', element.id);
  if (!resultVariable?.trim()) throw new ModelRejection('the zeebe:calledDecision needs a resultVariable', element.id);
  const bindingType = ((called.bindingType as string | undefined) ?? 'latest') as CalledDecisionDefinition['bindingType'];
  if (!['latest', 'deployment', 'versionTag'].includes(bindingType)) {
    throw new ModelRejection(`the binding type '${bindingType}' is not one of latest, deployment, versionTag`, element.id);
  }
  const versionTag = (called.versionTag as string | undefined)?.trim() || undefined;
  if (bindingType === 'versionTag' && !versionTag) throw new ModelRejection("the binding type 'versionTag' needs a versionTag", element.id);
  return { decisionId: feel(element, decisionId, 'calledDecision.decisionId'), resultVariable, bindingType, versionTag };
}

/** `zeebe:properties` entry declaring the four-eyes pair of a review task (docs/modeling-conventions.md). */
export const FOUR_EYES_PROPERTY = 'fourEyes.differsFrom';

function userTaskDefinition(element: ModdleElement, extensions: ModdleElement[]): UserTaskDefinition {
  if (!extension(extensions, 'zeebe:UserTask')) {
    throw new ModelRejection('only Camunda user tasks are supported: add <zeebe:userTask/> (job-based user tasks are deprecated)', element.id);
  }
  const form = extension(extensions, 'zeebe:FormDefinition');
  const assignment = extension(extensions, 'zeebe:AssignmentDefinition');
  const schedule = extension(extensions, 'zeebe:TaskSchedule');
  const priority = extension(extensions, 'zeebe:PriorityDefinition');
  if (form?.formKey) throw new ModelRejection('formKey is for job-based user tasks; use formId', element.id);
  const optional = (owner: ModdleElement | undefined, attribute: string) =>
    attrFeel(element, owner?.[attribute] as string | undefined, attribute);
  return {
    formId: form?.formId as string | undefined,
    externalFormReference: optional(form, 'externalReference'),
    assignee: optional(assignment, 'assignee'),
    candidateGroups: optional(assignment, 'candidateGroups'),
    candidateUsers: optional(assignment, 'candidateUsers'),
    dueDate: optional(schedule, 'dueDate'),
    followUpDate: optional(schedule, 'followUpDate'),
    priority: optional(priority, 'priority'),
    fourEyesDiffersFrom: fourEyes(extensions),
  };
}

/** The property `fourEyes.differsFrom` of `zeebe:properties`: the ids it names, or undefined without one. */
function fourEyes(extensions: ModdleElement[]): string[] | undefined {
  const properties = (extension(extensions, 'zeebe:Properties')?.properties as ModdleElement[] | undefined) ?? [];
  const value = properties.find((property) => property.name === FOUR_EYES_PROPERTY)?.value as string | undefined;
  if (value === undefined) return undefined;
  return value.split(',').map((id) => id.trim()).filter((id) => id !== '');
}

/** Every task a four-eyes property names must be another user task of the same process. */
function checkFourEyesPairs(elements: Map<string, ExecutableElement>) {
  for (const element of elements.values()) {
    if (element.type !== 'USER_TASK') continue;
    for (const id of element.userTask.fourEyesDiffersFrom ?? []) {
      const other = elements.get(id);
      if (!other || other.type !== 'USER_TASK' || other.id === element.id) {
        throw new ModelRejection(`${FOUR_EYES_PROPERTY} names '${id}', which is not another user task of this process`, element.id);
      }
    }
  }
}

function mappings(element: ModdleElement, extensions: ModdleElement[], kind: 'inputParameters' | 'outputParameters'): VariableMapping[] {
  const ioMapping = extension(extensions, 'zeebe:IoMapping');
  const parameters = (ioMapping?.[kind] as ModdleElement[] | undefined) ?? [];
  return parameters.map((parameter) => {
    const target = parameter.target as string | undefined;
    if (!target || !/^[^.\s]+(\.[^.\s]+)*$/.test(target)) {
      throw new ModelRejection(`the variable mapping target '${target ?? ''}' is not a variable name or path`, element.id);
    }
    const source = (parameter.source as string | undefined) ?? '=null';
    const [root, ...path] = target.split('.');
    return { source: feel(element, source, `${kind}.${target}`), target: { root: root ?? target, path } };
  });
}

function taskHeaders(extensions: ModdleElement[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const header of (extension(extensions, 'zeebe:TaskHeaders')?.values as ModdleElement[] | undefined) ?? []) {
    headers[header.key as string] = (header.value as string | undefined) ?? '';
  }
  return headers;
}

/** Links every boundary event to its host activity; hosts must be tasks in the same scope. */
function addBoundaryEvents(elements: Map<string, ExecutableElement>) {
  for (const event of [...elements.values()]) {
    if (event.type !== 'BOUNDARY_EVENT') continue;
    const host = elements.get(event.attachedToId);
    if (!host || !isActivity(host)) throw new ModelRejection('a boundary event must be attached to a task', event.id);
    if (event.incoming.length > 0) throw new ModelRejection('a boundary event cannot have incoming sequence flows', event.id);
    elements.set(host.id, { ...host, boundaryEventIds: [...host.boundaryEventIds, event.id] });
  }
}

/** For each inclusive join, the set of elements that can reach it, used to decide when it may fire. */
function addInclusiveJoinReachability(elements: Map<string, ExecutableElement>) {
  for (const [id, element] of elements) {
    if (element.type !== 'INCLUSIVE_GATEWAY' || element.incoming.length < 2) continue;
    const reachableFrom = new Set<string>();
    const queue = element.incoming.map((f) => f.sourceId);
    for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
      if (next === id || reachableFrom.has(next)) continue;
      reachableFrom.add(next);
      for (const flow of elements.get(next)?.incoming ?? []) queue.push(flow.sourceId);
    }
    elements.set(id, { ...element, type: 'INCLUSIVE_GATEWAY', reachableFrom });
  }
}

function extension(extensions: ModdleElement[], type: string): ModdleElement | undefined {
  return extensions.find((e) => e.$type === type);
}

function feel(element: ModdleElement, raw: string, attribute: string, mustBeExpression = false): FeelExpression {
  if (mustBeExpression && !raw.trim().startsWith('=')) {
    throw new ModelRejection(`${attribute} '${raw}' must be a FEEL expression starting with '='`, element.id);
  }
  try {
    return compileFeel(raw);
  } catch (error) {
    if (error instanceof FeelSyntaxFailure) throw new ModelRejection(`${attribute}: ${error.message}`, element.id);
    throw error;
  }
}

function attrFeel(element: ModdleElement, raw: string | undefined, attribute: string): FeelExpression | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  try {
    return compileOptionalFeel(raw);
  } catch (error) {
    if (error instanceof FeelSyntaxFailure) throw new ModelRejection(`${attribute}: ${error.message}`, element.id);
    throw error;
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
