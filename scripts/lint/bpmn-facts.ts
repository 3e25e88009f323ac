/**
 * What one BPMN file declares and references, for the cross-file checks (scripts/lint/cross-file-checks.ts):
 * executable process ids, job types (task definitions and listeners), linked form ids, candidate groups, called
 * process and decision ids, and the message names it subscribes to or throws. Values are kept raw (a FEEL value keeps its
 * leading `=`); the checks decide what to skip.
 */
import { elementOf, elementsOf, extensionOf, extensionsOf, stringOf, type ModdleElement } from './moddle-element.js';

export interface ElementReference {
  elementId: string;
  /** The BPMN type without prefix (`ServiceTask`), or `execution listener` / `task listener`. */
  elementType: string;
  value: string;
}

export interface BpmnFacts {
  file: string;
  /** Ids of executable processes (the ones Zeebe deploys). */
  processIds: ElementReference[];
  /** `zeebe:taskDefinition type` of every job-based element, and the `type` of execution and task listeners. */
  jobTypes: ElementReference[];
  /** `zeebe:formDefinition formId` of user tasks and start events. */
  formIds: ElementReference[];
  /** `zeebe:assignmentDefinition candidateGroups` as written (comma-separated list or FEEL). */
  candidateGroups: ElementReference[];
  /** `zeebe:calledElement processId` of call activities. */
  calledProcessIds: ElementReference[];
  /** `zeebe:calledDecision decisionId` of business rule tasks. */
  calledDecisionIds: ElementReference[];
  /** Message names waited for: message start, intermediate catch and boundary events, receive tasks. */
  messageSubscriptions: ElementReference[];
  /** Message names thrown: message intermediate throw and end events, send tasks. */
  messagePublications: ElementReference[];
  /** Error codes caught by the error boundary events of each activity: `elementId` is the activity, `value` the
   * code (`*` for a boundary that catches every error). */
  caughtErrors: ElementReference[];
  /**
   * The ways into each flow node, for checks along paths (absent in older facts): the sources of its incoming
   * sequence flows; for a boundary event its host, for the start event of an embedded sub-process the sub-process.
   * None: a case (or an event sub-process) starts there.
   */
  ways?: Record<string, FlowNodeWays>;
  /** Named end events, by their names. */
  endEvents?: ElementReference[];
  /**
   * The decision a task's notice states: the text constant of its `decision` input mapping (`="不予办理"`, the
   * generate-decision-notice tasks), for the refusal-notice check (absent in older facts).
   */
  decisionInputs?: ElementReference[];
}

export interface FlowNodeWays {
  from: string[];
  /** A boundary event: `from` is its host, which did not complete when the event left it. */
  boundary?: true;
}

export function bpmnFacts(file: string, definitions: ModdleElement): BpmnFacts {
  const facts: BpmnFacts = {
    file,
    processIds: [],
    jobTypes: [],
    formIds: [],
    candidateGroups: [],
    calledProcessIds: [],
    calledDecisionIds: [],
    messageSubscriptions: [],
    messagePublications: [],
    caughtErrors: [],
    ways: {},
    endEvents: [],
    decisionInputs: [],
  };
  for (const root of elementsOf(definitions, 'rootElements')) {
    if (!root.$instanceOf('bpmn:Process')) continue;
    if (root.get('isExecutable') !== false && root.id) {
      facts.processIds.push({ elementId: root.id, elementType: 'Process', value: root.id });
    }
    collectListeners(root, facts);
    for (const element of flowElementsDeep(root)) collectElement(element, facts);
    collectWays(root, facts.ways!, undefined);
  }
  return facts;
}

/** Every flow element of a process or sub-process, nested sub-processes included. */
export function flowElementsDeep(container: ModdleElement): ModdleElement[] {
  return elementsOf(container, 'flowElements').flatMap((element) =>
    element.$instanceOf('bpmn:SubProcess') ? [element, ...flowElementsDeep(element)] : [element],
  );
}

// helpers

function collectElement(element: ModdleElement, facts: BpmnFacts): void {
  const ref = (value: string | undefined): ElementReference | undefined =>
    value === undefined ? undefined : { elementId: element.id ?? '-', elementType: bareType(element), value };
  const push = (list: ElementReference[], value: string | undefined) => {
    const reference = ref(value);
    if (reference) list.push(reference);
  };

  const taskDefinition = extensionOf(element, 'zeebe:TaskDefinition');
  if (taskDefinition) push(facts.jobTypes, stringOf(taskDefinition, 'type'));
  collectListeners(element, facts);

  const formDefinition = extensionOf(element, 'zeebe:FormDefinition');
  if (formDefinition) push(facts.formIds, stringOf(formDefinition, 'formId'));

  const assignment = extensionOf(element, 'zeebe:AssignmentDefinition');
  if (assignment) push(facts.candidateGroups, stringOf(assignment, 'candidateGroups'));

  const calledElement = extensionOf(element, 'zeebe:CalledElement');
  if (calledElement) push(facts.calledProcessIds, stringOf(calledElement, 'processId'));

  const calledDecision = extensionOf(element, 'zeebe:CalledDecision');
  if (calledDecision) push(facts.calledDecisionIds, stringOf(calledDecision, 'decisionId'));

  if (element.$instanceOf('bpmn:BoundaryEvent')) {
    const host = elementOf(element, 'attachedToRef');
    for (const definition of elementsOf(element, 'eventDefinitions').filter((d) => d.$instanceOf('bpmn:ErrorEventDefinition'))) {
      const error = elementOf(definition, 'errorRef');
      const code = (error && stringOf(error, 'errorCode')) ?? '*';
      if (host?.id) facts.caughtErrors.push({ elementId: host.id, elementType: bareType(host), value: code });
    }
  }

  if (element.$instanceOf('bpmn:EndEvent')) push(facts.endEvents!, stringOf(element, 'name'));

  const ioMapping = extensionOf(element, 'zeebe:IoMapping');
  for (const input of ioMapping ? elementsOf(ioMapping, 'inputParameters') : []) {
    // exactly as the element template's dropdown writes a choice (`="不予办理"`): a spaced variant would read the same in
    // FEEL, but the dropdown shows it empty and applying the template wipes it
    const constant = /^="([^"\\]*)"$/.exec(stringOf(input, 'source') ?? '');
    if (stringOf(input, 'target') === 'decision' && constant) push(facts.decisionInputs!, constant[1]);
  }

  for (const messageName of messageNames(element)) {
    if (isMessageCatch(element)) push(facts.messageSubscriptions, messageName);
    else if (isMessageThrow(element)) push(facts.messagePublications, messageName);
  }
}

function collectWays(container: ModdleElement, ways: Record<string, FlowNodeWays>, subProcess: ModdleElement | undefined): void {
  const elements = elementsOf(container, 'flowElements');
  for (const element of elements) {
    if (!element.id || element.$instanceOf('bpmn:SequenceFlow')) continue;
    const host = element.$instanceOf('bpmn:BoundaryEvent') ? elementOf(element, 'attachedToRef') : undefined;
    if (host?.id) ways[element.id] = { from: [host.id], boundary: true };
    else if (element.$instanceOf('bpmn:StartEvent') && subProcess?.id && subProcess.get('triggeredByEvent') !== true) ways[element.id] = { from: [subProcess.id] };
    else ways[element.id] = { from: [] };
    if (element.$instanceOf('bpmn:SubProcess')) collectWays(element, ways, element);
  }
  for (const flow of elements.filter((element) => element.$instanceOf('bpmn:SequenceFlow'))) {
    const source = elementOf(flow, 'sourceRef')?.id;
    const target = elementOf(flow, 'targetRef')?.id;
    if (source && target) (ways[target] ??= { from: [] }).from.push(source);
  }
}

function collectListeners(element: ModdleElement, facts: BpmnFacts): void {
  const kinds: [string, string][] = [
    ['zeebe:ExecutionListeners', 'execution listener'],
    ['zeebe:TaskListeners', 'task listener'],
  ];
  for (const [type, elementType] of kinds) {
    for (const listeners of extensionsOf(element, type)) {
      for (const listener of elementsOf(listeners, 'listeners')) {
        const value = stringOf(listener, 'type');
        if (value) facts.jobTypes.push({ elementId: element.id ?? '-', elementType, value });
      }
    }
  }
}

/** Names of the messages an element references (event definitions, or the task's own `messageRef`). */
function messageNames(element: ModdleElement): string[] {
  const messages = element.$instanceOf('bpmn:ReceiveTask') || element.$instanceOf('bpmn:SendTask')
    ? [elementOf(element, 'messageRef')]
    : elementsOf(element, 'eventDefinitions')
        .filter((definition) => definition.$instanceOf('bpmn:MessageEventDefinition'))
        .map((definition) => elementOf(definition, 'messageRef'));
  // A missing messageRef or name is camunda-compat/message-reference's finding, not ours.
  return messages.flatMap((message) => {
    const name = message ? stringOf(message, 'name') : undefined;
    return name === undefined ? [] : [name];
  });
}

function isMessageCatch(element: ModdleElement): boolean {
  return ['bpmn:StartEvent', 'bpmn:IntermediateCatchEvent', 'bpmn:BoundaryEvent', 'bpmn:ReceiveTask'].some((type) =>
    element.$instanceOf(type),
  );
}

function isMessageThrow(element: ModdleElement): boolean {
  return ['bpmn:IntermediateThrowEvent', 'bpmn:EndEvent', 'bpmn:SendTask'].some((type) => element.$instanceOf(type));
}

function bareType(element: ModdleElement): string {
  return element.$type.replace(/^bpmn:/, '');
}
