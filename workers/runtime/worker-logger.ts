/**
 * Structured logs of the workers: JSON lines written by pino (`time` ISO 8601, `level` as a word, `message`,
 * then the fields). Personal data never reaches them: the fields that carry it are redacted by path to
 * "[已隐去]" — exactly the variables of the models and forms that hold ID numbers, names of persons, bank
 * accounts, diagnoses, addresses and phones ({@link PERSONAL_FIELDS}), at the top and up to two levels down
 * (objects and arrays of objects). Other fields that merely look alike (`fileName`, `workerName`, `unitName`,
 * `hospitalName`) stay readable. The runtime logs only keys and counts of variables, never their values; the
 * redaction is the safety net for a field someone logs by mistake.
 */
import { pino, stdTimeFunctions, type Logger } from 'pino';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface WorkerLogger {
  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void;
}

/** Variable names (models, forms, worker schemas) whose values identify or describe a person. */
export const PERSONAL_FIELDS = [
  // 公民身份号码
  'idNumber',
  'agentIdNumber',
  'heirIdNumber',
  'newIdNumber',
  // names of persons (not of units, hospitals, offices, files or workers)
  'name',
  'personName',
  'newPersonName',
  'applicantName',
  'agentName',
  'heirName',
  'payeeName',
  'contactName',
  // bank accounts
  'bankAccount',
  'payeeBankAccount',
  // diagnoses and diseases (health data)
  'diagnosis',
  'assessmentDiagnosis',
  'diseaseName',
  'diseaseCategory',
  // addresses of persons
  'address',
  'householdAddress',
  'residenceAddress',
  'destinationAddress',
  'residence',
  // phones
  'phone',
  'mobile',
  'contactPhone',
] as const;

export const REDACTED = '[已隐去]';

/** The top level and two levels of nesting, through objects and arrays. */
const NESTINGS = ['', '*.', '*[*].', '*.*.', '*.*[*].', '*[*].*.', '*[*][*].'];
const REDACT_PATHS = NESTINGS.flatMap((prefix) => PERSONAL_FIELDS.map((field) => `${prefix}${field}`));

/** JSON lines to `write` (default: standard output), from `minLevel` up. */
export function jsonLinesLogger(write?: (line: string) => void, minLevel: LogLevel = 'info'): WorkerLogger {
  const destination = write ? { write: (chunk: string) => write(chunk.replace(/\n$/, '')) } : undefined;
  const logger = pinoLogger(minLevel, destination);
  return {
    log(level, message, fields = {}) {
      logger[level](fields, message);
    },
  };
}

/** The fields as a log line carries them (personal ones redacted); for tests and checks of the redaction. */
export function redact(fields: Record<string, unknown>): Record<string, unknown> {
  let line = '';
  pinoLogger('info', { write: (chunk: string) => (line = chunk) }).info(fields);
  const { time: _time, level: _level, ...rest } = JSON.parse(line) as Record<string, unknown>;
  return rest;
}

// helpers

function pinoLogger(minLevel: LogLevel, destination?: { write(chunk: string): void }): Logger {
  const options = {
    level: minLevel,
    base: undefined,
    messageKey: 'message',
    timestamp: stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
    redact: { paths: REDACT_PATHS, censor: REDACTED },
  };
  return destination ? pino(options, destination) : pino(options);
}
