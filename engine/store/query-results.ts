/**
 * The shapes the read side returns, taken from @camunda8/sdk's REST types (Apache-2.0) so that a misspelled or
 * missing field of a search result is a compile error. Where the SDK's type differs from what Camunda 8.8's
 * REST API returns (and this engine, like the cluster, returns), the difference is spelled out here.
 */
import type { CamundaRestApiTypes } from '@camunda8/sdk';

/**
 * A process instance. The SDK types the version as a string and still names the caller's element
 * `parentFlowNodeInstanceKey`; Camunda 8.8 returns an integer and `parentElementInstanceKey`, the version tag and
 * the tags.
 */
export type ProcessInstanceResult = Omit<CamundaRestApiTypes.ProcessInstanceDetails, 'processDefinitionVersion' | 'parentFlowNodeInstanceKey'> & {
  processDefinitionVersion: number;
  processDefinitionVersionTag?: string;
  parentElementInstanceKey?: string;
  /** The tags given at creation (Camunda 8.8; the SDK's type lacks them). */
  tags: string[];
};

/** A user task, with the name of its process, which Camunda 8.8 returns and the SDK's type lacks. */
export type UserTaskResult = CamundaRestApiTypes.UserTask & { processName?: string };

/** An incident; one that no job raised has no job key, which the SDK's type requires. */
export type IncidentResult = Omit<CamundaRestApiTypes.IncidentDetails, 'jobKey'> & { jobKey?: string };

/** A variable as `GET /v2/variables/{key}` returns it (no truncation flag: the value is whole). */
export type VariableResult = Omit<CamundaRestApiTypes.VariableDetails, 'isTruncated'>;

/** A variable in a search result. */
export type VariableSearchResult = CamundaRestApiTypes.VariableDetails;

/** An element instance; a running one has no end date, which the SDK's type requires. */
export type ElementInstanceResult = Omit<CamundaRestApiTypes.ElementInstanceDetails, 'endDate'> & { endDate?: string };

/** A process definition, with whether it has a start form (Camunda 8.8 returns it; the SDK's type lacks it). */
export type ProcessDefinitionResult = CamundaRestApiTypes.ProcessDefinitionDetails & { hasStartForm: boolean };

/** A form, as a user task's or a start event's form is returned (the schema as JSON text). */
export interface FormResult {
  formKey: string;
  formId: string;
  schema: string;
  version: number;
  tenantId: string;
}

/** One element's counts in the element statistics of a process definition or instance (Operate's badges). */
export interface ElementStatisticsResult {
  elementId: string;
  active: number;
  canceled: number;
  incidents: number;
  completed: number;
}

/** A sequence flow a process instance has taken; `sequenceFlowId` is Camunda's `<instance key>_<flow id>`. */
export interface SequenceFlowResult {
  sequenceFlowId: string;
  processInstanceKey: string;
  processDefinitionKey: string;
  processDefinitionId: string;
  elementId: string;
  tenantId: string;
}

/** One process instance of a call hierarchy (`GET /v2/process-instances/{key}/call-hierarchy`). */
export interface CallHierarchyResult {
  processInstanceKey: string;
  processDefinitionKey: string;
  processDefinitionName: string;
}
