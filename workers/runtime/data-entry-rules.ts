/**
 * Rules across the fields a clerk entered (parts ≤ total, end not before start, dates not in the future), checked
 * by the worker that uses them. Each field may be valid on its own, so the input schema accepts them; a broken
 * rule is the clerk's mistake, not a technical fault: the worker throws the BPMN error `DATA_ENTRY_ERROR` with
 * `dataEntryProblem` ({ messageZh, fields, jobType }), and the model's error boundary event returns the case to the
 * clerk who entered the data, whose form shows the message. It never becomes an incident.
 *
 * The forms check the same rules while the clerk types; this is the second line, for data that arrives by the API
 * or from an older form. A worker that passes its rules clears a previous problem (`dataEntryProblem: null`).
 */
export const DATA_ENTRY_ERROR = 'DATA_ENTRY_ERROR';

export const DATA_ENTRY_ERROR_DESCRIPTION = '录入数据前后矛盾（如分项之和超过总额、结束早于开始、日期晚于今天）：退回录入人更正，消息见 dataEntryProblem';

export interface DataEntryRule<V> {
  /** The variables the rule reads, for the form to point at. */
  readonly fields: readonly string[];
  /** Whether the values agree; a rule whose fields are absent holds. */
  holds(values: V): boolean;
  /** What the clerk reads, with the values, e.g. 统筹基金支付与大额医疗补助支付之和（28,300.00元）超过总费用（23,600.50元）. */
  messageZh(values: V): string;
}

export interface DataEntryProblem {
  readonly messageZh: string;
  readonly fields: readonly string[];
  readonly jobType: string;
}

/** The broken rules of `values`, as one problem; undefined when every rule holds. */
export function dataEntryProblemOf<V>(rules: readonly DataEntryRule<V>[], values: V, jobType: string): DataEntryProblem | undefined {
  const broken = rules.filter((rule) => !rule.holds(values));
  if (broken.length === 0) return undefined;
  return {
    messageZh: broken.map((rule) => rule.messageZh(values)).join('；'),
    fields: [...new Set(broken.flatMap((rule) => rule.fields))],
    jobType,
  };
}
