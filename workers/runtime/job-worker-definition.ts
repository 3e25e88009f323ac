/**
 * What one job worker is: the job type (equal to its file name and to `zeebe:taskDefinition type`), the
 * variables it reads and writes as zod schemas, the BPMN errors it may throw, and a handler that returns an
 * outcome value. The runtime (register-job-workers.ts) turns outcomes into SDK calls, so handlers stay plain
 * functions that tests call directly.
 */
import type { z } from 'zod';
import { DATA_ENTRY_ERROR, DATA_ENTRY_ERROR_DESCRIPTION, type DataEntryRule } from './data-entry-rules.js';
import type { LogLevel } from './worker-logger.js';
import type { WorkerParameters } from './worker-parameters.js';

export type JobOutcome =
  | { readonly kind: 'complete'; readonly variables: Record<string, unknown> }
  /** A business outcome the process branches on (a BPMN error caught by a boundary event). */
  | { readonly kind: 'error'; readonly errorCode: string; readonly errorMessage: string; readonly variables?: Record<string, unknown> };

export interface JobContext {
  readonly jobKey: string;
  readonly processInstanceKey: string;
  readonly elementId: string;
  readonly retries: number;
  readonly customHeaders: Readonly<Record<string, string>>;
  /** The `config/` files, read and validated once when the workers started (worker-parameters.ts). */
  readonly parameters: WorkerParameters;
  /** Writes to the runtime's log with the job's keys added; fields named like personal data are redacted. */
  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void;
}

export interface JobWorkerDefinition<I extends z.ZodObject = z.ZodObject, O extends z.ZodObject = z.ZodObject> {
  readonly type: string;
  readonly descriptionZh: string;
  readonly descriptionEn: string;
  readonly input: I;
  readonly output: O;
  /** BPMN error codes this worker throws, with their meaning in Chinese (for the catalogue and modellers). */
  readonly errors: Readonly<Record<string, string>>;
  /** Rules across the entered fields; a broken one throws DATA_ENTRY_ERROR back to the clerk (data-entry-rules.ts). */
  readonly dataRules?: readonly DataEntryRule<z.output<I>>[];
  handler(input: z.output<I>, job: JobContext): Promise<JobOutcome> | JobOutcome;
}

export function complete<O extends z.ZodObject>(_output: O, variables: z.input<O>): JobOutcome {
  return { kind: 'complete', variables: variables as Record<string, unknown> };
}

export function bpmnError(errorCode: string, errorMessage: string, variables?: Record<string, unknown>): JobOutcome {
  return { kind: 'error', errorCode, errorMessage, variables };
}

/** Declares a worker with its types checked against its schemas. */
export function defineJobWorker<I extends z.ZodObject, O extends z.ZodObject>(definition: JobWorkerDefinition<I, O>): JobWorkerDefinition<I, O> {
  if (!definition.dataRules || definition.dataRules.length === 0) return definition;
  return { ...definition, errors: { ...definition.errors, [DATA_ENTRY_ERROR]: DATA_ENTRY_ERROR_DESCRIPTION } };
}

/** Any worker, whatever its schemas: the element type of the worker list. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyJobWorker = JobWorkerDefinition<any, any>;
