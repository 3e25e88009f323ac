/**
 * Named errors of the worker domain modules (`workers/lib/`), each with a stable `code` and structured fields, so
 * a job handler can decide between `job.fail` (bad data, missing configuration) and a BPMN error without parsing
 * messages. These are thrown only for inputs a caller must not pass or for missing reference data; expected
 * business outcomes (an invalid ID number, a 补缴 mismatch) are returned as values instead.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A value that should be a `YYYY-MM-DD` civil date is not one (wrong shape or not a real calendar day). */
export class InvalidDateError extends DomainError {
  readonly code = 'INVALID_DATE';
  readonly value: string;

  constructor(value: string) {
    super(`'${value}' is not a valid YYYY-MM-DD date`);
    this.value = value;
  }
}

/**
 * No schedule exists for this year: it lies before the first year of the national data. (Years after the last
 * official one are computed on the provisional schedule instead, holiday-schedule.ts.)
 */
export class MissingHolidayDataError extends DomainError {
  readonly code = 'MISSING_HOLIDAY_DATA';
  readonly year: number;
  readonly firstYear: number;
  readonly lastYear: number;

  constructor(year: number, firstYear: number, lastYear: number) {
    super(`no statutory holiday schedule for ${year} (holiday data covers ${firstYear}–${lastYear})`);
    this.year = year;
    this.firstYear = firstYear;
    this.lastYear = lastYear;
  }
}

/** An argument is outside what the function accepts (negative day count, months out of range, …). */
export class InvalidInputError extends DomainError {
  readonly code = 'INVALID_INPUT';
  readonly field: string;

  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.field = field;
  }
}

/** A contribution period is malformed (bad `YYYY-MM`, `from` after `to`, unknown kind). */
export class InvalidContributionPeriodError extends DomainError {
  readonly code = 'INVALID_CONTRIBUTION_PERIOD';
  readonly index: number;

  constructor(index: number, message: string) {
    super(`contribution period #${index}: ${message}`);
    this.index = index;
  }
}

/** No version of a parameter set is in force on the given date. */
export class NoEffectiveParametersError extends DomainError {
  readonly code = 'NO_EFFECTIVE_PARAMETERS';
  readonly parameterSet: string;
  readonly date: string;

  constructor(parameterSet: string, date: string) {
    super(`no '${parameterSet}' parameters are in force on ${date}`);
    this.parameterSet = parameterSet;
    this.date = date;
  }
}

/** An amount cannot be written in capital numerals (not a 2-decimal yuan amount, negative, or too large). */
export class InvalidAmountError extends DomainError {
  readonly code = 'INVALID_AMOUNT';
  readonly reason: 'format' | 'negative' | 'tooLarge';
  readonly value: string;

  constructor(value: string, reason: 'format' | 'negative' | 'tooLarge') {
    super(`amount '${value}' rejected (${reason})`);
    this.value = value;
    this.reason = reason;
  }
}

/** A configuration file is missing, is not JSON, or does not match its schema. */
export class ConfigFileError extends DomainError {
  readonly code = 'INVALID_CONFIG_FILE';
  readonly file: string;

  constructor(file: string, detail: string) {
    super(`配置文件 ${file}：${detail}`);
    this.file = file;
  }
}
