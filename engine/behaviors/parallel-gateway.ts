/**
 * Parallel gateway.
 * - join (before activation): fires once every incoming flow holds a token.
 * - complete: takes all outgoing flows (fork).
 */
import type { ElementBehavior } from './shared/element-behavior.js';

export const parallelGatewayBehavior: ElementBehavior = {
  onActivate: () => 'COMPLETE',
};
