/**
 * The shapes of jobs the REST API returns: a job in a search result, and a job handed out by
 * `POST /v2/jobs/activation`. Differences from @camunda8/sdk's REST types (Apache-2.0) are spelled out.
 */
import type { CamundaRestApiTypes } from '@camunda8/sdk';

/** A job in a search result (the SDK 8.8 has no type for the job search; these are Camunda 8.8's fields). */
export interface JobSearchResult {
  jobKey: string;
  type: string;
  worker: string;
  state: string;
  retries: number;
  deadline?: string;
  errorMessage?: string;
  customHeaders: Record<string, string>;
  elementId: string;
  elementInstanceKey: string;
  processDefinitionId: string;
  processDefinitionKey: string;
  processInstanceKey: string;
  tenantId: string;
  kind: 'BPMN_ELEMENT';
  listenerEventType: 'UNSPECIFIED';
}

/**
 * An activated job: the SDK's RestApiJob, whose `deadline` is the string its lossless parser makes of the wire's
 * integer; Camunda 8.8 sends the deadline as epoch milliseconds (a number), and the kind and listener event type
 * the SDK's type lacks (always a BPMN element's job here: this engine runs no execution or task listeners), and the
 * tags of the job's process instance.
 */
export type ActivatedJobResult = Omit<CamundaRestApiTypes.RestApiJob<Record<string, unknown>, Record<string, string>>, 'deadline'> & {
  deadline: number;
  kind: 'BPMN_ELEMENT';
  listenerEventType: 'UNSPECIFIED';
  tags: string[];
};
