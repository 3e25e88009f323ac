/** Evaluates the conditions of a gateway's outgoing flows, for exclusive ('first') and inclusive ('all') gateways. */
import type { ExclusiveGatewayElement, ExecutableFlow, InclusiveGatewayElement } from '../../model/executable-process.js';
import type { ElementContext } from './element-behavior.js';
import { failure, type Failure } from './failure.js';
import { describeValue } from '../../feel/value-type-name.js';

export function selectFlows(
  { element, instance, services }: ElementContext<ExclusiveGatewayElement | InclusiveGatewayElement>,
  mode: 'first' | 'all',
): ExecutableFlow[] | Failure {
  const [only, ...others] = element.outgoing;
  if (only && others.length === 0 && !only.condition) return [only];
  const taken: ExecutableFlow[] = [];
  for (const flow of element.outgoing) {
    if (flow.id === element.defaultFlowId || !flow.condition) continue;
    const valueEvaluation = services.variables.evaluate(flow.condition, instance.key);
    if (!valueEvaluation.ok) return valueEvaluation.failure.as('CONDITION_ERROR');
    const value = valueEvaluation.value;
    if (typeof value !== 'boolean' && value !== null) {
      return failure('CONDITION_ERROR', `expected the condition '${flow.condition.source}' of flow '${flow.id}' to be a boolean, but was ${describeValue(value)}`);
    }
    if (value === true) {
      taken.push(flow);
      if (mode === 'first') break;
    }
  }
  if (taken.length > 0) return taken;
  const defaultFlow = element.outgoing.find((f) => f.id === element.defaultFlowId);
  if (defaultFlow) return [defaultFlow];
  return failure(
    'CONDITION_ERROR',
    `no outgoing sequence flow of '${element.id}' can be taken: no condition is true and there is no default flow`,
  );
}
