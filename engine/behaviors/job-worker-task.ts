/**
 * Service, send and business-rule tasks, and script tasks implemented by a job worker.
 * - activate: creates a job of the (possibly FEEL) job type and waits; workers complete, fail or throw.
 * - terminate: cancels the job.
 */
import type { ExecutableElement, JobWorkerFields } from '../model/executable-process.js';
import type { ElementBehavior, ElementContext } from './shared/element-behavior.js';
import { failure } from './shared/failure.js';
import type { JobRecord } from '../state/records.js';
import { describeValue } from '../feel/value-type-name.js';

/** The elements a job worker does the work of. */
export type JobWorkerElement = Extract<ExecutableElement, JobWorkerFields>;

export const jobWorkerTaskBehavior = {
  onActivate({ process, element, instance, services }: ElementContext<JobWorkerElement>) {
    const { job } = element;
    const typeEvaluation = services.variables.evaluate(job.type, instance.key);
    if (!typeEvaluation.ok) return typeEvaluation.failure.as('EXTRACT_VALUE_ERROR');
    const type = typeEvaluation.value;
    if (typeof type !== 'string' || type.trim() === '') {
      return failure('EXTRACT_VALUE_ERROR', `expected the job type of '${element.id}' to be a non-empty string, but was ${describeValue(type)}`);
    }
    const retriesEvaluation = services.variables.evaluate(job.retries, instance.key);
    if (!retriesEvaluation.ok) return retriesEvaluation.failure.as('EXTRACT_VALUE_ERROR');
    const retriesValue = retriesEvaluation.value;
    const retries = Number(retriesValue);
    if (!Number.isInteger(retries) || retries < 0) {
      return failure('EXTRACT_VALUE_ERROR', `expected the job retries of '${element.id}' to be a whole number, but was ${describeValue(retriesValue)}`);
    }
    const definition = services.readers.processDefinition(instance.processDefinitionKey);
    if (!definition) throw new Error(`the process definition ${instance.processDefinitionKey} of a running instance is missing`);
    const created: JobRecord = {
      key: services.nextKey(),
      type,
      state: 'CREATED',
      retries,
      worker: null,
      deadline: null,
      retryAt: null,
      errorMessage: null,
      errorCode: null,
      endTime: null,
      customHeaders: { ...element.taskHeaders },
      elementInstanceKey: instance.key,
      elementId: element.id,
      processInstanceKey: instance.processInstanceKey,
      processDefinitionKey: instance.processDefinitionKey,
      bpmnProcessId: process.bpmnProcessId,
      version: definition.version,
      tenantId: instance.tenantId,
      createdAt: services.nowIso(),
    };
    services.writer.append('JOB', 'CREATED', created);
    services.afterCommit.jobCreated(created);
    return 'WAIT' as const;
  },
  /** Any element kind: a task that is not job-based has no job to cancel. */
  onTerminate({ instance, services }: ElementContext) {
    const job = services.readers.jobForElement(instance.key);
    if (job && (job.state === 'CREATED' || job.state === 'ACTIVATED' || job.state === 'FAILED')) {
      services.writer.append('JOB', 'CANCELED', { ...job, state: 'CANCELED', endTime: services.nowIso() });
    }
  },
} satisfies ElementBehavior<JobWorkerElement>;
