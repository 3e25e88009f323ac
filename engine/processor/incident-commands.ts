/**
 * Resolving incidents, and setting variables on a scope (the usual fix before resolving). A job incident is
 * resolved once the job has retries again; an element incident retries the interrupted step.
 */
import { InvalidStateError, NotFoundError } from '../errors.js';
import type { CommandContext } from './command-context.js';

export function resolveIncident({ readers, services, processor }: CommandContext, incidentKey: number): void {
  const incident = readers.incident(incidentKey);
  if (!incident) throw new NotFoundError(`no incident with key '${incidentKey}' exists`);
  // Zeebe deletes a resolved incident from its state, so resolving it again is NOT_FOUND, not INVALID_STATE
  if (incident.state !== 'ACTIVE') throw new NotFoundError(`no active incident with key '${incidentKey}' exists: it is already resolved`);
  const job = incident.jobKey === null ? undefined : services.readers.job(incident.jobKey);
  if (incident.errorType === 'JOB_NO_RETRIES' && job) {
    if (job.retries <= 0) {
      throw new InvalidStateError(
        `the job '${job.key}' has no retries left: give it retries first (PATCH /v2/jobs/${job.key}), then resolve the incident`,
      );
    }
    services.writer.append('INCIDENT', 'RESOLVED', { ...incident, state: 'RESOLVED' });
    services.writer.append('JOB', 'UPDATED', { ...job, retryAt: null });
    services.afterCommit.jobsAvailable(job.type);
    return;
  }
  services.writer.append('INCIDENT', 'RESOLVED', { ...incident, state: 'RESOLVED' });
  if (incident.errorType === 'UNHANDLED_ERROR_EVENT' && job) {
    // the worker gets the job again, as in Zeebe (no exported job event: the search keeps answering ERROR_THROWN)
    services.writer.append('JOB', 'UPDATED', { ...job, state: 'CREATED', worker: null, deadline: null });
    services.afterCommit.jobsAvailable(job.type);
    return;
  }
  const element = services.readers.elementInstance(incident.elementInstanceKey);
  if (element) processor.retry(element);
}

export function setVariables(
  { services }: CommandContext,
  elementInstanceKey: number,
  variables: Record<string, unknown>,
  local: boolean,
): void {
  const scope = services.readers.elementInstance(elementInstanceKey);
  if (!scope || scope.state === 'COMPLETED' || scope.state === 'TERMINATED') {
    throw new NotFoundError(`no active element instance with key '${elementInstanceKey}' exists`);
  }
  if (local) services.variables.setLocal(scope, variables);
  else services.variables.merge(scope, variables);
}
