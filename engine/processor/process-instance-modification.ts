/**
 * Process instance modification (`POST /v2/process-instances/{key}/modification`, Operate's repair tool): activate
 * elements (in a given ancestor scope or the one active instance of their flow scope, entering missing
 * sub-processes without their start events), with variables per scope, and terminate element instances. Flow
 * scopes left empty by a termination end too, up to the process instance. Validated as Zeebe's
 * ProcessInstanceModificationModifyProcessor does before anything changes; the whole modification is one command
 * and one PROCESS_INSTANCE_MODIFICATION MODIFIED event in the log, followed by the element events it caused.
 */
import { InvalidArgumentError, NotFoundError } from '../errors.js';
import { multiInstanceBodyOf, requireElement, type ExecutableElement, type ExecutableProcess } from '../model/executable-process.js';
import { ACTIVE_STATES } from '../state/lifecycle.js';
import type { ElementInstanceRecord } from '../state/records.js';
import type { CommandContext } from './command-context.js';

export interface ActivateInstruction {
  elementId: string;
  /** The ancestor scope to activate in; undefined (or -1 on the wire) picks the one active flow scope instance. */
  ancestorElementInstanceKey?: number;
  variableInstructions: { variables: Record<string, unknown>; scopeId?: string }[];
}

export interface ModifyProcessInstance {
  activateInstructions: ActivateInstruction[];
  terminateInstructions: { elementInstanceKey: number }[];
}

/** Element types that cannot be activated on their own (Zeebe's list). */
const UNSUPPORTED = new Set(['START_EVENT', 'BOUNDARY_EVENT', 'PROCESS']);

export function modifyProcessInstance(context: CommandContext, processInstanceKey: number, command: ModifyProcessInstance): void {
  const { readers, services, processor, models } = context;
  const record = readers.processInstance(processInstanceKey);
  if (!record || record.state !== 'ACTIVE') {
    throw new NotFoundError(`Expected to modify process instance but no process instance found with key '${processInstanceKey}'`);
  }
  const process = models.processFor(record.processDefinitionKey);
  const reject = (reason: string) => {
    throw new InvalidArgumentError(`Expected to modify instance of process '${process.bpmnProcessId}' but ${reason}`);
  };
  validate(context, processInstanceKey, process, command, reject);

  services.writer.append('PROCESS_INSTANCE_MODIFICATION', 'MODIFIED', {
    key: processInstanceKey,
    processInstanceKey,
    activateInstructions: command.activateInstructions,
    terminateInstructions: command.terminateInstructions,
  });
  const processElement = readers.elementInstance(processInstanceKey)!;
  const required = new Set<number>();
  for (const instruction of command.activateInstructions) {
    const element = requireElement(process, instruction.elementId);
    const scopeFor = (elementId: string) =>
      instruction.variableInstructions.filter((v) => (v.scopeId ?? '') === elementId || (!v.scopeId && elementId === process.bpmnProcessId));
    const flowScope = flowScopeInstance(context, process, processElement, element, instruction, scopeFor, reject);
    for (let scope: ElementInstanceRecord | undefined = flowScope; scope; scope = scope.flowScopeKey === null ? undefined : readers.elementInstance(scope.flowScopeKey)) {
      required.add(scope.key);
    }
    const created = processor.createChild(flowScope, process, element);
    for (const { variables } of scopeFor(element.id)) services.variables.setLocal(created, variables);
    processor.queueActivation(created);
  }
  for (const { elementInstanceKey } of command.terminateInstructions) {
    const instance = readers.elementInstance(elementInstanceKey);
    if (!instance || !ACTIVE_STATES.includes(instance.state) || instance.state === 'TERMINATING') continue;
    processor.terminate(instance);
    terminateEmptyScopes(context, instance.flowScopeKey, required, reject);
  }
  processor.drain();
}

// helpers

type Reject = (reason: string) => never;

function validate(context: CommandContext, processInstanceKey: number, process: ExecutableProcess, command: ModifyProcessInstance, reject: Reject): void {
  const { readers } = context;
  const unknown = command.activateInstructions.map((i) => i.elementId).filter((id) => !process.elements.has(id));
  if (unknown.length > 0) reject(`it contains one or more activate instructions with an element that could not be found: '${unique(unknown).join("', '")}'`);

  const elements = command.activateInstructions.map((i) => requireElement(process, i.elementId));
  const afterEventGateway = elements.filter((e) => e.incoming.some((f) => requireElement(process, f.sourceId).type === 'EVENT_BASED_GATEWAY'));
  if (afterEventGateway.length > 0) {
    reject(
      `it contains one or more activate instructions for elements that are unsupported: '${unique(afterEventGateway.map((e) => e.id)).join("', '")}'. The activation of events belonging to an event-based gateway is not supported.`,
    );
  }
  const unsupported = elements.filter((e) => UNSUPPORTED.has(e.type));
  if (unsupported.length > 0) {
    reject(
      `it contains one or more activate instructions for elements that are unsupported: '${unique(unsupported.map((e) => e.id)).join("', '")}'. The activation of elements with type '${unique(unsupported.map((e) => e.type)).join("', '")}' is not supported.`,
    );
  }

  const missing = command.terminateInstructions
    .map((t) => t.elementInstanceKey)
    .filter((key) => {
      const instance = readers.elementInstance(key);
      return !instance || instance.processInstanceKey !== processInstanceKey || !ACTIVE_STATES.includes(instance.state) || instance.elementType === 'PROCESS';
    });
  if (missing.length > 0) {
    reject(`it contains one or more terminate instructions with an element instance that could not be found: '${unique(missing).join("', '")}'`);
  }

  for (const instruction of command.activateInstructions) {
    const element = requireElement(process, instruction.elementId);
    for (const { scopeId } of instruction.variableInstructions) {
      if (!scopeId) continue;
      if (!process.elements.has(scopeId)) reject(`it contains one or more variable instructions with a scope element id that could not be found: '${scopeId}'`);
      if (scopeId !== element.id && !flowScopeIds(process, element).includes(scopeId)) {
        reject(
          "it contains one or more variable instructions with a scope element that doesn't belong to the activating element's flow scope. These variables should be set before or after the modification.",
        );
      }
    }
    const ancestorKey = instruction.ancestorElementInstanceKey;
    if (ancestorKey === undefined) continue;
    const ancestor = readers.elementInstance(ancestorKey);
    if (!ancestor || ancestor.state !== 'ACTIVATED') {
      reject(`it contains one or more activate instructions with an ancestor scope key that does not exist, or is not in an active state: '${ancestorKey}'`);
    }
    if (ancestor.processInstanceKey !== processInstanceKey) {
      reject(`it contains one or more activate instructions with an ancestor scope key that does not belong to the modified process instance: '${ancestorKey}'`);
    }
    if (!flowScopeIds(process, element).includes(ancestor.elementId)) {
      reject(
        `it contains one or more activate instructions with an ancestor scope key that is not an ancestor of the element to activate: instance '${ancestorKey}' of element '${ancestor.elementId}' is not an ancestor of element '${element.id}'`,
      );
    }
    const terminated = command.terminateInstructions.find((t) => t.elementInstanceKey === ancestorKey);
    if (terminated) {
      reject(
        `it contains one or more activate instructions for elements whose required flow scope instance is also being terminated: element '${element.id}' requires flow scope instance '${ancestorKey}' which is being terminated. Please provide a valid ancestor scope key for the activation or avoid terminating the required flow scope.`,
      );
    }
  }
}

/** The ids of an element's enclosing containers, innermost first, ending with the process id. */
function flowScopeIds(process: ExecutableProcess, element: ExecutableElement): string[] {
  const ids: string[] = [];
  for (let id = element.flowScopeId; id !== undefined; id = requireElement(process, id).flowScopeId) ids.push(id);
  return ids;
}

/** The instance of the element's flow scope to activate it in, entering missing scopes from the ancestor down. */
function flowScopeInstance(
  context: CommandContext,
  process: ExecutableProcess,
  processElement: ElementInstanceRecord,
  element: ExecutableElement,
  instruction: ActivateInstruction,
  variablesFor: (elementId: string) => { variables: Record<string, unknown> }[],
  reject: Reject,
): ElementInstanceRecord {
  const { readers, services, processor } = context;
  const chain = flowScopeIds(process, element).reverse(); // process id first
  let current = instruction.ancestorElementInstanceKey !== undefined ? readers.elementInstance(instruction.ancestorElementInstanceKey)! : processElement;
  for (const scopeId of chain.slice(chain.indexOf(current.elementId) + 1)) {
    const scopeElement = requireElement(process, scopeId);
    const active = activeInstancesOf(context, processElement.processInstanceKey, scopeId).filter((i) => isInside(context, i, current));
    if (active.length > 1) {
      reject(
        `it contains one or more activate instructions for an element that has a flow scope with more than one active instance: '${scopeId}'. Can't decide in which instance of the flow scope the element should be activated. Please specify an ancestor element instance key for this activate instruction.`,
      );
    }
    if (active.length === 1) {
      current = active[0]!;
      continue;
    }
    if (multiInstanceBodyOf(scopeElement)) {
      reject(
        `it contains one or more activate instructions that would result in the activation of multi-instance element '${scopeId}', which is currently unsupported.`,
      );
    }
    current = processor.enterScope(current, process, scopeElement);
    for (const { variables } of variablesFor(scopeId)) services.variables.setLocal(current, variables);
  }
  for (const { variables } of current.key === processElement.key ? variablesFor(process.bpmnProcessId) : []) {
    services.variables.setLocal(current, variables);
  }
  return current;
}

function activeInstancesOf({ readers }: CommandContext, processInstanceKey: number, elementId: string): ElementInstanceRecord[] {
  return readers
    .activatedInstancesOf(processInstanceKey, elementId)
    .filter((i) => i.elementType !== 'MULTI_INSTANCE_BODY');
}

function isInside({ readers }: CommandContext, instance: ElementInstanceRecord, ancestor: ElementInstanceRecord): boolean {
  for (let key = instance.flowScopeKey; key !== null; key = readers.elementInstance(key)?.flowScopeKey ?? null) {
    if (key === ancestor.key) return true;
  }
  return false;
}

/** A flow scope with nothing active left (and not needed by an activation) ends as well, up to the process. */
function terminateEmptyScopes(context: CommandContext, flowScopeKey: number | null, required: ReadonlySet<number>, reject: Reject): void {
  const { readers, processor } = context;
  for (let key = flowScopeKey; key !== null; ) {
    const scope = readers.elementInstance(key);
    if (!scope || scope.state !== 'ACTIVATED' || required.has(scope.key)) return;
    if (readers.activeChildren(scope.key).length > 0 || readers.joinsWithTokens(scope.key).length > 0) return;
    if (scope.elementType === 'PROCESS' && readers.processInstance(scope.key)?.parentProcessInstanceKey !== null) {
      reject(
        'the given instructions would terminate the instance. The instance was created by a call activity in the parent process. To terminate this instance please modify the parent process instead.',
      );
    }
    processor.terminate(scope);
    key = scope.flowScopeKey;
  }
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
