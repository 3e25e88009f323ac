/**
 * Structured (JSON lines) logs for workers. Personal data never reaches them: fields whose names mark them as
 * personal (ID numbers, bank accounts, diagnoses, names, phones, addresses) are replaced by "[已隐去]", and
 * only keys and counts of variables are logged, never their values.
 */
const PERSONAL = /id.?number|身份|bank|account|银行|账号|diagnos|诊断|name|姓名|phone|mobile|电话|address|地址/i;

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface WorkerLogger {
  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void;
}

export function redact(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key] = PERSONAL.test(key) ? '[已隐去]' : redactValue(value);
  }
  return out;
}

export function jsonLinesLogger(write: (line: string) => void = (line) => process.stdout.write(line + '\n'), minLevel: LogLevel = 'info'): WorkerLogger {
  const order: LogLevel[] = ['debug', 'info', 'warn', 'error'];
  return {
    log(level, message, fields = {}) {
      if (order.indexOf(level) < order.indexOf(minLevel)) return;
      write(JSON.stringify({ time: new Date().toISOString(), level, message, ...redact(fields) }));
    },
  };
}

// helpers

/** Objects are redacted field by field, also inside arrays (a list of heirs carries names and bank accounts). */
function redactValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactValue);
  return value !== null && typeof value === 'object' ? redact(value as Record<string, unknown>) : value;
}
