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
  /**
   * Process id → variable name → stored value → label, where that process's own forms word an option otherwise
   * than {@link options} (`firstReviewDecision` `rejected`: 不予受理 at FC02, 不符合支取条件，不予办理 at FC10).
   */
  optionsByProcess?: Record<string, Record<string, Record<string, string>>>;
  /** Names whose values are amounts in yuan: form fields (and fields of a group) labelled `（元）`, and the workers' such. */
  money: string[];
  /** Field name → label, for the fields inside the workers' objects (an expense item's 费用项目) nothing else names. */
  fields: Record<string, string>;
}

/** The Chinese label of a variable, or undefined where nothing names it (the page shows the technical name). */
export function variableLabel(labels: VariableLabels, name: string, processId?: string): string | undefined {
  const own = processId === undefined ? undefined : labels.byProcess[processId];
  return (own && Object.hasOwn(own, name) ? own[name] : undefined) ?? (Object.hasOwn(labels.common, name) ? labels.common[name] : undefined);
}

/**
 * The label of a stored option code (`window` → 窗口现场办理) from the forms' options — the case's own process's
 * words first when `processId` is given — or undefined.
 */
export function optionLabel(labels: VariableLabels, name: string, code: string, processId?: string): string | undefined {
  const own = processId === undefined ? undefined : labels.optionsByProcess?.[processId];
  const ownOptions = own && Object.hasOwn(own, name) ? own[name] : undefined;
  if (ownOptions && Object.hasOwn(ownOptions, code)) return ownOptions[code];
  const options = Object.hasOwn(labels.options, name) ? labels.options[name] : undefined;
  return options && Object.hasOwn(options, code) ? options[code] : undefined;
}

/** Whether the variable (or a field of one: `amount` of an expense item) holds an amount in yuan. */
export function isMoney(labels: VariableLabels, name: string): boolean {
  return labels.money.includes(name);
}

const CHINESE_ORDER = new Intl.Collator('zh-CN');

/**
 * Variables in the order a reader looks for them: by their Chinese label in the dictionary's order (pinyin:
 * 公民身份号码 before 申请人), then the ones nothing labels, by their technical names.
 */
export function sortByLabel<T extends { name: string }>(labels: VariableLabels, variables: readonly T[], processId?: string): T[] {
  const keyed = variables.map((variable) => ({ variable, label: variableLabel(labels, variable.name, processId) }));
  keyed.sort((a, b) => {
    if (a.label !== undefined && b.label !== undefined) return CHINESE_ORDER.compare(a.label, b.label) || CHINESE_ORDER.compare(a.variable.name, b.variable.name);
    if (a.label !== undefined) return -1;
    if (b.label !== undefined) return 1;
    return CHINESE_ORDER.compare(a.variable.name, b.variable.name);
  });
  return keyed.map(({ variable }) => variable);
}
