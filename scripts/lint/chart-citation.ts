/**
 * `chart-citation`: a reader of a model must be able to tell what the flowchart says from what we added. Every
 * step — task, call activity, start, intermediate and boundary event — either cites the line of the chart text it
 * models (`L<number>`, docs/domain/flowcharts.md) or carries the mark 补充（流程图未画出） in its documentation,
 * with the reason. Gateways and end events are exempt: the chart's branch wording sits on the flows and its ends
 * are implied. An element without documentation cites nothing, so it needs the mark too.
 */
import type { Finding } from './finding.js';
import { elementsOf, type ModdleElement } from './moddle-element.js';

export const ADDITION_MARK = '补充（流程图未画出）';
export const CHART_LINE = /(^|[^A-Za-z0-9])L\d{2,4}(?![0-9])/;

const STEP_TYPES = ['bpmn:Activity', 'bpmn:StartEvent', 'bpmn:IntermediateCatchEvent', 'bpmn:IntermediateThrowEvent', 'bpmn:BoundaryEvent'];

export function chartCitationFindings(file: string, flowElements: readonly ModdleElement[]): Finding[] {
  const findings: Finding[] = [];
  for (const element of flowElements) {
    if (!STEP_TYPES.some((type) => element.$instanceOf(type))) continue;
    const documentation = elementsOf(element, 'documentation')
      .map((doc) => String(doc.get('text') ?? ''))
      .join('\n');
    if (CHART_LINE.test(documentation) || documentation.includes(ADDITION_MARK)) continue;
    findings.push({
      file,
      severity: 'error',
      elementId: element.id ?? '-',
      rule: 'chart-citation',
      entryIds: ['documentation'],
      message:
        `${element.$type.replace('bpmn:', '')} "${element.name ?? element.id}" neither cites a line of the flowchart (L<number>) ` +
        `nor is marked ${ADDITION_MARK} in its documentation: say which chart box it models, or mark it as an addition and why`,
    });
  }
  return findings;
}
