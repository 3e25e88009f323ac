/**
 * Exclusive gateway.
 * - complete: takes the first outgoing flow whose condition is true, else the default flow; if none applies,
 *   raises a CONDITION_ERROR incident (resolving it evaluates again, e.g. after variables were corrected).
 */
import type { ExclusiveGatewayElement } from '../model/executable-process.js';
import type { ElementBehavior } from './shared/element-behavior.js';
import { selectFlows } from './shared/conditions.js';

export const exclusiveGatewayBehavior: ElementBehavior<ExclusiveGatewayElement> = {
  onActivate: () => 'COMPLETE',
  onComplete: (context) => selectFlows(context, 'first'),
};
