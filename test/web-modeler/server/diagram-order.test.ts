/**
 * A re-save whose only difference is the order bpmn-js writes the diagram entries in (lanes after the flow
 * nodes, as after a task was inserted on a flow in an earlier session) is no change: not written, no version.
 * Every real change — an element, a name, a property, a position, a waypoint, a label, a lane's members — is one,
 * also when the entries are reordered at the same time. Nor is the loss of the saved file's XML comments (bpmn-js
 * writes none): the saved text, comments and all, stays. On the real FC20 model.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { differsOnlyInDiagramOrder } from '../../../web-modeler/server/diagram-order.js';
import { differsOnlyInDiagramRepresentation } from '../../../web-modeler/server/diagram-representation.js';
import { describeSaveRoundTrip } from '../../support/modeler-save-round-trip.js';

const FC20 = 'bpmn/xining-fc20-manual-reimbursement.bpmn';
const saved = readFileSync(fileURLToPath(new URL(`../../../${FC20}`, import.meta.url)), 'utf8');

/** FC20's plane entries (each with its line end, and a comment before it if any) and the text around them. */
function planeOf(xml: string) {
  const matches = [...xml.matchAll(/(?: {6}<!--[\s\S]*?-->\n)? {6}<bpmndi:(BPMNShape|BPMNEdge)\b[\s\S]*?<\/bpmndi:\1>\n/g)];
  const first = matches[0]!.index;
  const last = matches.at(-1)!.index + matches.at(-1)![0].length;
  const entries = matches.map((match) => match[0]);
  expect(xml.slice(first, last)).toBe(entries.join(''));
  return { before: xml.slice(0, first), entries, after: xml.slice(last) };
}

/** As bpmn-js writes it from another canvas: lanes after every other entry, the rest back to front. */
function reordered(xml: string): string {
  const { before, entries, after } = planeOf(xml);
  const lane = (entry: string) => /bpmnElement="lane/.test(entry);
  const result = before + [...entries.filter((entry) => !lane(entry)).reverse(), ...entries.filter(lane)].join('') + after;
  expect(result).not.toBe(xml);
  return result;
}

function replaced(xml: string, from: string, to: string): string {
  expect(xml.split(from)).toHaveLength(2);
  return xml.replace(from, to);
}

const changes: [string, (xml: string) => string][] = [
  ['a name', (xml) => replaced(xml, 'name="15个工作日内审核结算，制作结算支付单据，遇特殊情况适当延长"', 'name="审核结算"')],
  ['a property', (xml) => replaced(xml, 'candidateGroups="window-second-review"', 'candidateGroups="window-first-review"')],
  ['an element removed with its shape', (xml) => {
    const event = /\n {4}<bpmn:boundaryEvent id="reminderDueSettlement"[\s\S]*?<\/bpmn:boundaryEvent>/.exec(xml)!;
    const without = replaced(xml.replace(event[0], ''), '        <bpmn:flowNodeRef>reminderDueSettlement</bpmn:flowNodeRef>\n', '');
    const { before, entries, after } = planeOf(without);
    expect(entries.filter((entry) => entry.includes('bpmnElement="reminderDueSettlement"'))).toHaveLength(1);
    return before + entries.filter((entry) => !entry.includes('bpmnElement="reminderDueSettlement"')).join('') + after;
  }],
  ['a shape only removed', (xml) => {
    const { before, entries, after } = planeOf(xml);
    return before + entries.filter((entry) => !entry.includes('bpmnElement="settlementReview"')).join('') + after;
  }],
  ['a shape doubled', (xml) => {
    const { before, entries, after } = planeOf(xml);
    return before + [...entries, entries.find((entry) => entry.includes('bpmnElement="settlementReview"'))!].join('') + after;
  }],
  ['a position', (xml) => replaced(xml, '<dc:Bounds x="2118" y="654" width="197" height="80" />', '<dc:Bounds x="2128" y="654" width="197" height="80" />')],
  ['a size', (xml) => replaced(xml, '<dc:Bounds x="2118" y="654" width="197" height="80" />', '<dc:Bounds x="2118" y="654" width="197" height="90" />')],
  ['a waypoint', (xml) => replaced(xml, '<di:waypoint x="343" y="152" />', '<di:waypoint x="343" y="162" />')],
  ['a label', (xml) => replaced(xml, '<dc:Bounds x="267" y="174" width="116" height="53" />', '<dc:Bounds x="267" y="184" width="116" height="53" />')],
  ['a lane member', (xml) =>
    replaced(
      replaced(xml, '        <bpmn:flowNodeRef>settlementReview</bpmn:flowNodeRef>\n', ''),
      '        <bpmn:flowNodeRef>preliminaryReview</bpmn:flowNodeRef>\n',
      '        <bpmn:flowNodeRef>preliminaryReview</bpmn:flowNodeRef>\n        <bpmn:flowNodeRef>settlementReview</bpmn:flowNodeRef>\n',
    )],
  ['a shape attribute', (xml) => replaced(xml, '<bpmndi:BPMNShape id="settlementReview_di" bpmnElement="settlementReview">', '<bpmndi:BPMNShape id="settlementReview_di" bpmnElement="settlementReview" isExpanded="true">')],
  ['a comment between the entries', (xml) => replaced(xml, '      <bpmndi:BPMNShape id="settlementReview_di"', '      <!-- 复审 -->\n      <bpmndi:BPMNShape id="settlementReview_di"')],
];

describe('differsOnlyInDiagramOrder', () => {
  it('should take FC20 with its diagram entries reordered for the saved model', () => {
    expect(planeOf(saved).entries.length).toBeGreaterThan(80);
    expect(differsOnlyInDiagramOrder(saved, reordered(saved))).toBe(true);
    expect(differsOnlyInDiagramOrder(reordered(saved), saved)).toBe(true);
  });

  it('should not call the identical text reordered (it is simply the same)', () => {
    expect(differsOnlyInDiagramOrder(saved, saved)).toBe(false);
  });


  it.each(changes)('should take %s changed for a change, reordered or not', (_, change) => {
    const changed = change(saved);
    expect(changed).not.toBe(saved);
    expect(differsOnlyInDiagramOrder(saved, changed)).toBe(false);
    expect(differsOnlyInDiagramOrder(saved, reordered(changed))).toBe(false);
    expect(differsOnlyInDiagramOrder(reordered(saved), changed)).toBe(false);
  });
});

describe('differsOnlyInDiagramRepresentation', () => {
  // FC20 with comments an analyst typed in by hand: one on a line of its own in the process, one in the plane, one
  // at a line's end
  const commented = replaced(
    replaced(saved, '      <bpmndi:BPMNShape id="settlementReview_di"', '      <!-- 复审 -->\n      <bpmndi:BPMNShape id="settlementReview_di"'),
    '    <bpmn:boundaryEvent id="reminderDueSettlement"',
    '    <!-- 结算期限提醒：第 13 个工作日 -->\n    <bpmn:boundaryEvent id="reminderDueSettlement"',
  ).replace(/(<bpmn:process id="[^"]+"[^>]*>)/, '$1  <!-- 零星报销 -->');

  it('should take the commented file written back without its comments for the saved model, reordered or not', () => {
    expect(commented.match(/<!--/g)).toHaveLength(3);
    expect(differsOnlyInDiagramRepresentation(commented, saved)).toBe(true);
    expect(differsOnlyInDiagramRepresentation(commented, reordered(saved))).toBe(true);
  });

  it('should still take entries reordered alone, and the same text, as before', () => {
    expect(differsOnlyInDiagramRepresentation(saved, reordered(saved))).toBe(true);
    expect(differsOnlyInDiagramRepresentation(saved, saved)).toBe(false);
    expect(differsOnlyInDiagramRepresentation(commented, commented)).toBe(false);
  });

  it.each(changes)('should take %s changed for a change though the comments went too', (_, change) => {
    const changed = change(saved);
    expect(differsOnlyInDiagramRepresentation(commented, changed)).toBe(false);
    expect(differsOnlyInDiagramRepresentation(commented, reordered(changed))).toBe(false);
  });

  it('should take a comment the editor sends for a change (bpmn-js writes none)', () => {
    expect(differsOnlyInDiagramRepresentation(saved, commented)).toBe(false);
  });
});

describeSaveRoundTrip('saving a model whose diagram entries only came back reordered', {
  file: FC20,
  saved,
  rewritten: () => reordered(saved),
  changed: () => reordered(replaced(saved, '<dc:Bounds x="2118" y="654" width="197" height="80" />', '<dc:Bounds x="2138" y="654" width="197" height="80" />')),
  message: '移动审核结算',
});
