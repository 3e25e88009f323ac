/**
 * The shapes of jobs the REST API returns: a job in a search result, and a job handed out by
 * `POST /v2/jobs/activation`. Differences from @camunda8/sdk's REST types (Apache-2.0) are spelled out.
 */
import type { CamundaRestApiTypes } from '@camunda8/sdk';
import type { AnsweredJobState } from '../state/records.js';

/** The kinds of job Camunda 8.8 knows. */
type JobKind = 'BPMN_ELEMENT' | 'EXECUTION_LISTENER' | 'TASK_LISTENER' | 'AD_HOC_SUB_PROCESS';
/** The listener event types of Camunda 8.8's jobs (UNSPECIFIED for a BPMN element's job). */
type JobListenerEventType = 'UNSPECIFIED' | 'START' | 'END' | 'CREATING' | 'ASSIGNING' | 'UPDATING' | 'COMPLETING' | 'CANCELING';

/**
 * A job in a search result (`@camunda8/sdk`'s CamundaRestClient has no type for the job search; these are Camunda
 * 8.8's fields). Absent values are left out; `isDenied` and `deniedReason` (set by user task listeners, which this
 * engine does not run) never appear.
 */
export interface JobSearchResult {
  jobKey: string;
  type: string;
  /** The worker of the job's latest activation as its last exported event carried it ('' before any). */
  worker: string;
  /** Camunda 8.8's state of the job: that of its last exported event (engine/api/job-states.ts). */
  state: AnsweredJobState;
  retries: number;
  /** The lock deadline of the job's latest activation as its last exported event carried it (ISO date-time). */
  deadline?: string;
  /**
   * When the job completed or was cancelled (ISO date-time). A thrown BPMN error sets none, as Camunda 8.8's exporters
   * set the end time on COMPLETED and CANCELED only.
   */
  endTime?: string;
  /** The message of the job's failure or BPMN error ('' while it has none, as Camunda 8.8 answers). */
  errorMessage: string;
  /** The error code of the BPMN error the worker threw ('' while it has none). */
  errorCode: string;
  hasFailedWithRetriesLeft: boolean;
  isDenied?: boolean;
  deniedReason?: string;
  customHeaders: Record<string, string>;
  elementId: string;
  elementInstanceKey: string;
  processDefinitionId: string;
  processDefinitionKey: string;
  processInstanceKey: string;
  tenantId: string;
  kind: JobKind;
  listenerEventType: JobListenerEventType;
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
