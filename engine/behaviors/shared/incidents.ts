/** Raises and resolves incidents; the element keeps the key of its active incident. */
import type { IncidentReader } from '../../state/readers.js';
import type { ElementInstanceRecord } from '../../state/records.js';
import type { StateWriter } from '../../state/state-writer.js';
import type { Incidents } from './engine-services.js';
import type { Failure } from './failure.js';

export class IncidentRaiser implements Incidents {
  constructor(
    private readonly readers: Pick<IncidentReader, 'activeIncidentsOfElement'>,
    private readonly writer: StateWriter,
    private readonly nextKey: () => number,
    private readonly nowIso: () => string,
  ) {}

  raise(instance: ElementInstanceRecord, failure: Failure, jobKey?: number): void {
    this.writer.append('INCIDENT', 'CREATED', {
      key: this.nextKey(),
      errorType: failure.errorType,
      errorMessage: failure.message,
      state: 'ACTIVE',
      elementId: instance.elementId,
      elementInstanceKey: instance.key,
      processInstanceKey: instance.processInstanceKey,
      processDefinitionKey: instance.processDefinitionKey,
      bpmnProcessId: instance.bpmnProcessId,
      jobKey: jobKey ?? null,
      tenantId: instance.tenantId,
      creationTime: this.nowIso(),
    });
  }

  resolveAllFor(instance: ElementInstanceRecord): void {
    for (const incident of this.readers.activeIncidentsOfElement(instance.key)) {
      this.writer.append('INCIDENT', 'RESOLVED', { ...incident, state: 'RESOLVED' });
    }
  }
}
