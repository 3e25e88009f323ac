/**
 * @camunda8/sdk's own log lines (its job workers' poll errors and back-offs, its REST client) through the workers'
 * logger: JSON lines with the personal fields redacted, instead of the SDK's winston console, where a failed poll
 * printed the whole HTTP error past the redaction. The SDK's debug goes to debug; its trace (a line per poll) is
 * left out.
 */
import type { Camunda8 } from '@camunda8/sdk';
import type { LogLevel, WorkerLogger } from './worker-logger.js';

type SdkLogger = NonNullable<Parameters<ReturnType<Camunda8['getCamundaRestClient']>['createJobWorker']>[0]['logger']>;

export function sdkLogger(logger: WorkerLogger): SdkLogger {
  const at =
    (level: LogLevel) =>
    (message: unknown, ...meta: unknown[]) => {
      const fields: Record<string, unknown> = { source: '@camunda8/sdk' };
      for (const extra of meta) Object.assign(fields, extra instanceof Error ? { error: errorFields(extra) } : isObject(extra) ? withoutErrorObjects(extra) : {});
      if (message instanceof Error) logger.log(level, message.message, { ...fields, error: errorFields(message) });
      else if (typeof message === 'string') logger.log(level, message, fields);
      // an object goes in as fields, never as text, so that the redaction paths reach what it holds
      else if (isObject(message)) logger.log(level, 'SDK', { ...fields, ...withoutErrorObjects(message) });
      else logger.log(level, 'SDK', { ...fields, detail: message });
    };
  return { info: at('info'), warn: at('warn'), error: at('error'), debug: at('debug'), trace: () => undefined };
}

/**
 * What a log line says of an SDK error: its kind (not `name`, which the redaction takes for a person's), message
 * and HTTP status, not the request or response.
 */
function errorFields(error: Error): Record<string, unknown> {
  const { statusCode, code } = error as Error & { statusCode?: unknown; code?: unknown };
  const status = statusCode ?? (error as { response?: { statusCode?: unknown } }).response?.statusCode;
  return { kind: error.name, message: error.message, ...(status === undefined ? {} : { status }), ...(code === undefined ? {} : { code }) };
}

/** An HTTP error's own fields carry its request (with the Authorization header): only its summary is logged. */
function withoutErrorObjects(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, value instanceof Error ? errorFields(value) : value]));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
