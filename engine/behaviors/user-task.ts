/**
 * Camunda user task (`zeebe:userTask`).
 * - activate: evaluates assignee, candidate groups/users, due and follow-up dates and priority, links the latest
 *   version of its form, creates the task and waits for a person to complete it.
 * - terminate: cancels the task.
 */
import type { FeelExpression } from '../feel/feel-expression.js';
import type { UserTaskElement } from '../model/executable-process.js';
import type { ElementBehavior } from './shared/element-behavior.js';
import type { EngineServices } from './shared/engine-services.js';
import { failure, isFailure, type Failure } from './shared/failure.js';
import { describeValue } from '../feel/value-type-name.js';

export const userTaskBehavior: ElementBehavior<UserTaskElement> = {
  onActivate({ process, element, instance, services }) {
    const definition = element.userTask;
    /** The value of an optional attribute, or the failure of its expression (each `as…` below checks it). */
    const value = (expression: FeelExpression | undefined): unknown => {
      if (expression === undefined) return null;
      const evaluation = services.variables.evaluate(expression, instance.key);
      return evaluation.ok ? evaluation.value : evaluation.failure;
    };

    let formKey: number | null = null;
    if (definition.formId) {
      const form = services.readers.latestForm(definition.formId, instance.tenantId);
      if (!form) return failure('FORM_NOT_FOUND', `the form '${definition.formId}' of user task '${element.id}' is not deployed`);
      formKey = form.key;
    }
    const assignee = asOptionalString(value(definition.assignee), 'assignee', element.id);
    const candidateGroups = asList(value(definition.candidateGroups), 'candidateGroups', element.id);
    const candidateUsers = asList(value(definition.candidateUsers), 'candidateUsers', element.id);
    const dueDate = asDate(value(definition.dueDate), 'dueDate', element.id);
    const followUpDate = asDate(value(definition.followUpDate), 'followUpDate', element.id);
    const priority = asPriority(value(definition.priority), element.id);
    const externalFormReference = asOptionalString(value(definition.externalFormReference), 'externalReference', element.id);
    for (const result of [assignee, candidateGroups, candidateUsers, dueDate, followUpDate, priority, externalFormReference]) {
      if (isFailure(result)) return result;
    }
    const processDefinition = services.readers.processDefinition(instance.processDefinitionKey);
    if (!processDefinition) throw new Error(`the process definition ${instance.processDefinitionKey} of a running instance is missing`);
    services.writer.append('USER_TASK', 'CREATED', {
      key: services.nextKey(),
      name: element.name ?? null,
      state: 'CREATED',
      assignee: assignee as string | null,
      candidateGroups: candidateGroups as string[],
      candidateUsers: candidateUsers as string[],
      dueDate: dueDate as string | null,
      followUpDate: followUpDate as string | null,
      priority: priority as number,
      formKey,
      externalFormReference: externalFormReference as string | null,
      customHeaders: { ...element.taskHeaders },
      elementId: element.id,
      elementInstanceKey: instance.key,
      processInstanceKey: instance.processInstanceKey,
      processDefinitionKey: instance.processDefinitionKey,
      bpmnProcessId: process.bpmnProcessId,
      version: processDefinition.version,
      processName: process.name ?? null,
      tenantId: instance.tenantId,
      creationDate: services.nowIso(),
      completionDate: null,
      completedBy: null,
    });
    return 'WAIT';
  },
  onTerminate({ instance, services }) {
    cancelUserTask(instance.key, services);
  },
};

// helpers

function cancelUserTask(elementInstanceKey: number, services: EngineServices) {
  const task = services.readers.userTaskForElement(elementInstanceKey);
  // Camunda 8.8's exporter sets the completion date on a cancellation too (UserTaskHandler.handleCancellation), so a
  // search by completionDate shows cancelled tasks beside completed ones
  if (task && task.state === 'CREATED') services.writer.append('USER_TASK', 'CANCELED', { ...task, state: 'CANCELED', completionDate: services.nowIso() });
}

function asOptionalString(value: unknown, attribute: string, elementId: string): string | null | Failure {
  if (isFailure(value)) return value.as('EXTRACT_VALUE_ERROR');
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return failure('EXTRACT_VALUE_ERROR', `expected ${attribute} of '${elementId}' to be a string, but was ${describeValue(value)}`);
}

/** Candidate lists are a comma-separated static value or a FEEL list of strings. */
function asList(value: unknown, attribute: string, elementId: string): string[] | Failure {
  if (isFailure(value)) return value.as('EXTRACT_VALUE_ERROR');
  if (value === null || value === undefined) return [];
  if (typeof value === 'string') return value.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  return failure('EXTRACT_VALUE_ERROR', `expected ${attribute} of '${elementId}' to be a list of strings, but was ${describeValue(value)}`);
}

function asDate(value: unknown, attribute: string, elementId: string): string | null | Failure {
  if (isFailure(value)) return value.as('EXTRACT_VALUE_ERROR');
  if (value === null || value === undefined || value === '') return null;
  const parsed = typeof value === 'string' ? Date.parse(value) : NaN;
  if (Number.isNaN(parsed)) {
    return failure('EXTRACT_VALUE_ERROR', `expected ${attribute} of '${elementId}' to be an ISO 8601 date-time, but was ${typeof value === 'string' ? 'a string that is not one' : describeValue(value)}`);
  }
  return new Date(parsed).toISOString();
}

function asPriority(value: unknown, elementId: string): number | Failure {
  if (isFailure(value)) return value.as('EXTRACT_VALUE_ERROR');
  if (value === null || value === undefined || value === '') return 50;
  const priority = Number(value);
  if (!Number.isInteger(priority) || priority < 0 || priority > 100) {
    return failure('EXTRACT_VALUE_ERROR', `expected the priority of '${elementId}' to be a whole number from 0 to 100, but was ${describeValue(value)}`);
  }
  return priority;
}
