/**
 * Multi-instance body around an activity (parallel or sequential).
 * - activate: evaluates the input collection; parallel starts one inner instance per item at once, sequential
 *   the first; each inner instance gets `inputElement` and `loopCounter` as local variables. An empty
 *   collection completes at once.
 * - inner completed (see multiInstanceChildCompleted): collects `outputElement` into `outputCollection`,
 *   checks the completion condition, starts the next item (sequential).
 * - complete: propagates `outputCollection` to the flow scope.
 */
import type { MultiInstanceBodyElement } from '../model/executable-process.js';
import type { ElementBehavior, ElementContext } from './shared/element-behavior.js';
import { failure, isFailure, type Failure } from './shared/failure.js';
import type { ElementInstanceRecord } from '../state/records.js';
import { describeValue } from '../feel/value-type-name.js';

type BodyContext = ElementContext<MultiInstanceBodyElement>;

export const multiInstanceBodyBehavior: ElementBehavior<MultiInstanceBodyElement> = {
  onActivate(context) {
    const { element, instance, services } = context;
    const multiInstance = element.loop;
    const items = inputCollection(context);
    if (isFailure(items)) return items;
    if (multiInstance.outputCollection) services.variables.setLocal(instance, { [multiInstance.outputCollection]: items.map(() => null) });
    if (items.length === 0) return 'COMPLETE';
    const count = multiInstance.sequential ? 1 : items.length;
    for (let i = 0; i < count; i++) startInner(context, items[i], i + 1);
    return 'WAIT';
  },
  onComplete({ element, instance, services }) {
    const multiInstance = element.loop;
    if (!multiInstance.outputCollection) return;
    const flowScope = instance.flowScopeKey === null ? undefined : services.readers.elementInstance(instance.flowScopeKey);
    if (!flowScope) return;
    const output = services.variables.visible(instance.key, [multiInstance.outputCollection])[multiInstance.outputCollection];
    services.variables.merge(flowScope, { [multiInstance.outputCollection]: output });
  },
};

/**
 * Called by the processor before an inner instance of `body` completes (Zeebe's beforeExecutionPathCompleted):
 * the completion condition must give a boolean and the input collection must still be a list, otherwise the
 * inner instance stays completing with an incident instead of the body silently stopping early.
 */
export function multiInstanceChildCompleting(body: BodyContext, child: ElementInstanceRecord): Failure | void {
  const { element, services } = body;
  const multiInstance = element.loop;
  if (multiInstance.completionCondition) {
    // the counters as they will be once this inner instance completed
    const now = counters(body);
    const after = {
      ...now,
      numberOfCompletedInstances: Number(now.numberOfCompletedInstances) + 1,
      numberOfActiveInstances: Number(now.numberOfActiveInstances) - 1,
    };
    const doneEvaluation = services.variables.evaluate(multiInstance.completionCondition, child.key, after);
    if (!doneEvaluation.ok) return doneEvaluation.failure;
    const done = doneEvaluation.value;
    if (typeof done !== 'boolean') {
      return failure(
        'EXTRACT_VALUE_ERROR',
        `Expected result of the expression '${multiInstance.completionCondition.source}' to be 'BOOLEAN', but was ${describeValue(done)}`,
      );
    }
  }
  const items = inputCollection(body);
  if (isFailure(items)) return items;
}

/** Called by the processor when an inner instance of `body` completed, before the body's scope check. */
export function multiInstanceChildCompleted(body: BodyContext, child: ElementInstanceRecord): Failure | void {
  const { element, instance, services, transitions } = body;
  const multiInstance = element.loop;
  const loopCounter = Number(services.variables.local(child.key).loopCounter ?? 0);
  if (multiInstance.outputCollection && multiInstance.outputElement) {
    const output = services.variables.evaluate(multiInstance.outputElement, child.key);
    const collected = (services.variables.local(instance.key)[multiInstance.outputCollection] as unknown[] | undefined) ?? [];
    const next = [...collected];
    next[loopCounter - 1] = output.ok ? output.value : null;
    services.variables.setLocal(instance, { [multiInstance.outputCollection]: next });
  }
  if (multiInstance.completionCondition) {
    // evaluated in the completed inner instance's scope (as Zeebe does), so its local output element is visible
    const done = services.variables.evaluate(multiInstance.completionCondition, child.key, counters(body));
    if (done.ok && done.value === true) {
      for (const other of services.readers.activeChildren(instance.key)) transitions.terminate(other);
      return;
    }
  }
  if (multiInstance.sequential) {
    const items = inputCollection(body);
    if (isFailure(items)) return items;
    if (loopCounter < items.length) startInner(body, items[loopCounter], loopCounter + 1);
  }
}

// helpers

function inputCollection({ element, instance, services }: BodyContext): unknown[] | Failure {
  const multiInstance = element.loop;
  const valueEvaluation = services.variables.evaluate(multiInstance.inputCollection, instance.key);
  if (!valueEvaluation.ok) return valueEvaluation.failure.as('EXTRACT_VALUE_ERROR');
  const value = valueEvaluation.value;
  if (!Array.isArray(value)) {
    return failure(
      'EXTRACT_VALUE_ERROR',
      `Expected result of the expression '${multiInstance.inputCollection.source}' to be 'ARRAY', but was ${describeValue(value)}`,
    );
  }
  return value;
}

function startInner(context: BodyContext, item: unknown, loopCounter: number): void {
  const { process, element, instance, transitions } = context;
  const multiInstance = element.loop;
  const locals: Record<string, unknown> = {};
  // as in Zeebe, an output element that is a variable (or a path into one) starts as a local null, so the
  // inner instance's result stays in its own scope instead of propagating to the process
  const outputVariable = /^=\s*([A-Za-z_][A-Za-z0-9_]*)(\.[A-Za-z_][A-Za-z0-9_]*)*\s*$/.exec(multiInstance.outputElement?.source.trim() ?? '')?.[1];
  if (outputVariable) locals[outputVariable] = null;
  locals.loopCounter = loopCounter;
  if (multiInstance.inputElement) locals[multiInstance.inputElement] = item;
  transitions.activateInner(instance, process, element.inner, locals);
}

/** The counters Zeebe offers to completion conditions. */
function counters({ instance, services }: ElementContext): Record<string, unknown> {
  const children = services.readers.children(instance.key);
  const completed = children.filter((c) => c.state === 'COMPLETED').length;
  const active = children.filter((c) => c.state !== 'COMPLETED' && c.state !== 'TERMINATED').length;
  return { numberOfInstances: children.length, numberOfCompletedInstances: completed, numberOfActiveInstances: active, numberOfTerminatedInstances: children.length - completed - active };
}
