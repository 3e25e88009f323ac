/**
 * Inclusive gateway.
 * - join (before activation): fires when no token can still arrive (see the processor's join handling).
 * - complete: takes every outgoing flow whose condition is true, else the default flow, else CONDITION_ERROR.
 */
import type { InclusiveGatewayElement } from '../model/executable-process.js';
import type { ElementBehavior } from './shared/element-behavior.js';
import { selectFlows } from './shared/conditions.js';

export const inclusiveGatewayBehavior: ElementBehavior<InclusiveGatewayElement> = {
  onActivate: () => 'COMPLETE',
  onComplete: (context) => selectFlows(context, 'all'),
};
