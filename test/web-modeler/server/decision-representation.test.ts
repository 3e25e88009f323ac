/**
 * A decision saved back by dmn-js unchanged — formatted by dmn-moddle, `hitPolicy="UNIQUE"` (the default) left out —
 * is no change: not written, no version. Every real change the engine or an analyst reads (hit policy, typeRef, an
 * input expression, a rule entry by one space, a rule's place, a description, a shape) is one, also when formatted
 * the dmn-js way at the same time; so is what dmn-moddle does not read cleanly, and a sent comment.
 * On the real maternity-submission-limit table.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DmnModdle } from 'dmn-moddle';
import { describe, expect, it } from 'vitest';
import { canonicalDecision, differsOnlyInDecisionRepresentation } from '../../../web-modeler/server/decision-representation.js';
import { describeSaveRoundTrip } from '../../support/modeler-save-round-trip.js';

const DMN = 'bpmn/maternity-submission-limit.dmn';
const saved = readFileSync(fileURLToPath(new URL(`../../../${DMN}`, import.meta.url)), 'utf8');

/** As dmn-js 17 writes a decision it read (its saveXML with format, seen in the modeler: byte for byte this). */
async function asDmnJsWrites(xml: string): Promise<string> {
  const moddle = new DmnModdle();
  const { rootElement } = await moddle.fromXML(xml, 'dmn:Definitions');
  return (await moddle.toXML(rootElement, { format: true })).xml;
}

function replaced(xml: string, from: string, to: string): string {
  expect(xml.split(from)).toHaveLength(2);
  return xml.replace(from, to);
}

const AFTER_BIRTH = /\n {6}<rule id="afterBirth">[\s\S]*?<\/rule>/;

describe('differsOnlyInDecisionRepresentation', () => {
  it('should take the table as dmn-js writes it for the saved table', async () => {
    const written = await asDmnJsWrites(saved);
    expect(written).not.toBe(saved);
    expect(written).not.toContain('hitPolicy');
    expect(await differsOnlyInDecisionRepresentation(saved, written)).toBe(true);
    expect(await differsOnlyInDecisionRepresentation(written, saved)).toBe(true);
  });

  it('should not call the identical text rewritten, nor what is no decision', async () => {
    expect(await differsOnlyInDecisionRepresentation(saved, saved)).toBe(false);
    expect(await differsOnlyInDecisionRepresentation('<definitions', '<definitions ')).toBe(false);
  });

  const changes: [string, (xml: string) => string][] = [
    ['the hit policy', (xml) => replaced(xml, 'hitPolicy="UNIQUE"', 'hitPolicy="FIRST"')],
    ['a typeRef', (xml) => replaced(xml, 'typeRef="number"', 'typeRef="string"')],
    ['an input expression', (xml) => replaced(xml, '<text>maternityEvent.kind</text>', '<text>maternityEvent.type</text>')],
    ['a rule entry by one space', (xml) => replaced(xml, '<text>3</text>', '<text>3 </text>')],
    ['an output name', (xml) => replaced(xml, 'name="submissionLimitMonths"', 'name="limitMonths"')],
    ['a rule moved down', (xml) => {
      const rule = AFTER_BIRTH.exec(xml)![0];
      return replaced(xml.replace(rule, ''), '    </decisionTable>', `${rule.slice(1)}\n    </decisionTable>`);
    }],
    ['a description', (xml) => replaced(xml, '[chart]。自然流产', '[chart]。 自然流产')],
    ['a shape', (xml) => replaced(xml, 'x="160" y="100"', 'x="170" y="100"')],
    ['an element dmn-moddle does not know', (xml) => replaced(xml, '    </decisionTable>', '      <ruleGroup />\n    </decisionTable>')],
  ];

  it.each(changes)('should take %s changed for a change, formatted the dmn-js way or not', async (_, change) => {
    const changed = change(saved);
    expect(changed).not.toBe(saved);
    expect(await differsOnlyInDecisionRepresentation(saved, changed)).toBe(false);
    if (!changed.includes('<ruleGroup')) expect(await differsOnlyInDecisionRepresentation(saved, await asDmnJsWrites(changed))).toBe(false);
    expect(await differsOnlyInDecisionRepresentation(await asDmnJsWrites(saved), changed)).toBe(false);
  });

  it('should keep a saved comment dmn-js drops, and take a sent comment for a change', async () => {
    const commented = replaced(saved, '    <decisionTable', '    <!-- 期限见 docs/domain/deadlines.md -->\n    <decisionTable');
    expect(await differsOnlyInDecisionRepresentation(commented, await asDmnJsWrites(saved))).toBe(true);
    expect(await differsOnlyInDecisionRepresentation(saved, commented)).toBe(false);
  });

  it('should show two versions the same way whichever wrote them, so their comparison names real changes only', async () => {
    expect(await canonicalDecision(saved)).toBe(await asDmnJsWrites(saved));
    expect(await canonicalDecision('<definitions')).toBeUndefined();
  });
});

describeSaveRoundTrip('saving a decision that only came back formatted by dmn-js', {
  file: DMN,
  saved,
  rewritten: () => asDmnJsWrites(saved),
  changed: () => asDmnJsWrites(replaced(saved, '<text>3</text>', '<text>4</text>')),
  message: '生育后申报期限改为四个月',
});
