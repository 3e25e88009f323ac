/**
 * One problem found by `npm run lint` (scripts/lint-models.ts) in a model, a form or a reference file, printed as
 * `file: error|warn|info elementId [rule] message`. Errors fail the lint; warnings and notes (`info`, e.g. a FEEL
 * value that a static check has to skip) are only printed.
 */
export type Severity = 'error' | 'warn' | 'info';

export interface Finding {
  /** Path relative to the linted project root, with `/` separators (`bpmn/fc01.bpmn`). */
  file: string;
  severity: Severity;
  /** The BPMN element id, form component id or form id; `-` when the finding is about the whole file. */
  elementId: string;
  /** `camunda-compat/…` (@camunda/linting), a bpmnlint rule name, or one of this lint's own rules. */
  rule: string;
  message: string;
  /**
   * Where the web modeler's properties panel shows the problem (bpmn-js-properties-panel entry ids, e.g.
   * `taskDefinitionType`); the CLI does not print them.
   */
  entryIds?: string[];
}

export const NO_ELEMENT = '-';

export function formatFinding(finding: Finding): string {
  return `${finding.file}: ${finding.severity} ${finding.elementId} [${finding.rule}] ${finding.message}`;
}

export function countFindings(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warn: 0, info: 0 };
  for (const finding of findings) counts[finding.severity] += 1;
  return counts;
}

/** Maps a linter's category (`error`, `warn`, `warning`, `info`, bpmnlint's `rule-error`) to a severity. */
export function toSeverity(category: string | undefined): Severity {
  switch (category) {
    case 'warn':
    case 'warning':
      return 'warn';
    case 'info':
      return 'info';
    default:
      // 'error', 'rule-error' (a rule crashed: the model was not fully checked) and anything unknown
      return 'error';
  }
}
