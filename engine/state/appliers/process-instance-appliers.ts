/**
 * Process instances, their element instances (checked against the lifecycle table), variables and the tokens
 * waiting at joins. As in Zeebe, a join's tokens follow the element events: a sequence flow taken into a join
 * leaves a token, the join's activation uses one per incoming flow, and an ended scope drops what was left.
 */
import { canTransition } from '../lifecycle.js';
import type { MutableState } from '../mutable-state.js';
import type { ElementInstanceRecord } from '../records.js';
import { illegalTransition, insert, recordOnly, update, type AppliersOf } from './applier.js';

export const PROCESS_INSTANCE_APPLIERS: AppliersOf<'PROCESS_INSTANCE'> = {
  ELEMENT_ACTIVATING: (state, instance) => {
    state.elementInstances.insert(instance);
    if (isGateway(instance) && instance.flowScopeKey !== null) state.joinTokens.consume(instance.flowScopeKey, instance.elementId);
  },
  ELEMENT_ACTIVATED: transition,
  ELEMENT_COMPLETING: transition,
  ELEMENT_COMPLETED: transition,
  ELEMENT_TERMINATING: transition,
  ELEMENT_TERMINATED: (state, instance) => {
    transition(state, instance);
    state.joinTokens.discard(instance.key);
  },
  ELEMENT_MIGRATED: update((s) => s.elementInstances),
  SEQUENCE_FLOW_TAKEN: (state, flow) => {
    if (flow.joining) state.joinTokens.arrive(flow.flowScopeKey, flow.targetElementId, flow.flowId);
  },
};

export const JOIN_TOKENS_APPLIERS: AppliersOf<'JOIN_TOKENS'> = {
  DISCARDED: (state, scope) => state.joinTokens.discard(scope.key),
};

export const PROCESS_INSTANCE_STATE_APPLIERS: AppliersOf<'PROCESS_INSTANCE_STATE'> = {
  CHANGED: (state, instance) => {
    if (state.processInstances.get(instance.key)) state.processInstances.update(instance);
    else state.processInstances.insert(instance);
  },
};

export const PROCESS_INSTANCE_MIGRATION_APPLIERS: AppliersOf<'PROCESS_INSTANCE_MIGRATION'> = { MIGRATED: recordOnly };

/** The element events a modification causes follow it and change the state themselves. */
export const PROCESS_INSTANCE_MODIFICATION_APPLIERS: AppliersOf<'PROCESS_INSTANCE_MODIFICATION'> = { MODIFIED: recordOnly };

export const VARIABLE_APPLIERS: AppliersOf<'VARIABLE'> = {
  CREATED: insert((s) => s.variables),
  UPDATED: update((s) => s.variables),
};

// helpers

function transition(state: MutableState, record: ElementInstanceRecord): void {
  const current = state.elementInstances.get(record.key);
  if (!current) throw new Error(`element instance ${record.key} does not exist`);
  if (current.state !== record.state && !canTransition(current.state, record.state)) {
    illegalTransition('element instance', record.key, current.state, record.state);
  }
  state.elementInstances.update(record);
}

function isGateway(instance: ElementInstanceRecord): boolean {
  return instance.elementType === 'PARALLEL_GATEWAY' || instance.elementType === 'INCLUSIVE_GATEWAY';
}
