/**
 * Chinese labels of case variables, for the pages that list a case's variables (the task list's 案件数据, the
 * monitor's 流程变量). The servers build them from the forms' field labels and config/variable-labels.json
 * (web-shared/server/variable-labels.ts); the pages look names up here. Pure functions, no DOM.
 */

export interface VariableLabels {
  /** Process id → variable name → label, from that process's own forms (a case reads best in its own words). */
  byProcess: Record<string, Record<string, string>>;
  /** Variable name → label, for names the case's own forms do not label (the data file first, then any form). */
  common: Record<string, string>;
  /** Variable name → stored value → label, from the forms' radio, select and checklist options. */
  options: Record<string, Record<string, string>>;
}

/** The Chinese label of a variable, or undefined where nothing names it (the page shows the technical name). */
export function variableLabel(labels: VariableLabels, name: string, processId?: string): string | undefined {
  const own = processId === undefined ? undefined : labels.byProcess[processId];
  return (own && Object.hasOwn(own, name) ? own[name] : undefined) ?? (Object.hasOwn(labels.common, name) ? labels.common[name] : undefined);
}
