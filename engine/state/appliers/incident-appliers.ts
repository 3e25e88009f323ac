/** Incidents; the element instance keeps the key of its active incident. */
import type { MutableState } from '../mutable-state.js';
import { update, type AppliersOf } from './applier.js';

export const INCIDENT_APPLIERS: AppliersOf<'INCIDENT'> = {
  CREATED: (state, incident) => {
    state.incidents.insert(incident);
    markElement(state, incident.elementInstanceKey, incident.key);
  },
  RESOLVED: (state, incident) => {
    state.incidents.update(incident);
    markElement(state, incident.elementInstanceKey, null);
  },
  MIGRATED: update((s) => s.incidents),
};

// helpers

function markElement(state: MutableState, elementInstanceKey: number, incidentKey: number | null): void {
  const element = state.elementInstances.get(elementInstanceKey);
  if (element) state.elementInstances.update({ ...element, incidentKey });
}
