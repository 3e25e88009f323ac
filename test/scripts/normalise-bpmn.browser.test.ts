/**
 * scripts/normalise-bpmn.ts: the repository's models are kept in the form the web modeler saves (its bpmn-js, in
 * headless Chromium: scripts/render/bpmn-normaliser.ts), so an analyst's first save changes only what they changed. A model written by hand (comments,
 * single-quoted attributes, `&quot;`) is rewritten once, its comments listed as dropped.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBpmnNormaliser, type BpmnNormaliser } from '../../scripts/render/bpmn-normaliser.js';

const BPMN_DIR = new URL('../../bpmn/', import.meta.url);
const MODELS = readdirSync(BPMN_DIR).filter((name) => name.endsWith('.bpmn')).sort();

let normaliser: BpmnNormaliser;

beforeAll(async () => {
  normaliser = await openBpmnNormaliser();
}, 60_000);

afterAll(async () => {
  await normaliser?.close();
});

describe('normalise-bpmn', { timeout: 30_000 }, () => {
  it.each(MODELS)('should find bpmn/%s already in the form the modeler saves (run `npm run normalise:bpmn`)', async (name) => {
    // given
    const text = readFileSync(new URL(name, BPMN_DIR), 'utf8');

    // when
    const { xml, droppedComments } = await normaliser.normalise(text);

    // then
    expect(droppedComments).toEqual([]);
    expect(xml).toBe(text);
  });

  it('should drop a hand-written model\'s comments, list them, and write attributes as bpmn-js does', async () => {
    // given
    const handWritten = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="p" isExecutable="true">
    <!-- 申请 -->
    <bpmn:serviceTask id="notice" name="告知">
      <bpmn:extensionElements>
        <zeebe:ioMapping>
          <zeebe:input source='="一次性告知"' target="kind"/>
        </zeebe:ioMapping>
      </bpmn:extensionElements>
    </bpmn:serviceTask>
  </bpmn:process>
  <bpmndi:BPMNDiagram id="diagram"><bpmndi:BPMNPlane id="plane" bpmnElement="p">
    <bpmndi:BPMNShape id="notice_di" bpmnElement="notice"><dc:Bounds x="100" y="100" width="100" height="80"/></bpmndi:BPMNShape>
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>
`;

    // when
    const first = await normaliser.normalise(handWritten);
    const second = await normaliser.normalise(first.xml);

    // then
    expect(first.warnings).toEqual([]);
    expect(first.droppedComments).toEqual(['申请']);
    expect(first.xml).not.toContain('<!--');
    expect(first.xml).toContain('<zeebe:input source="=&#34;一次性告知&#34;" target="kind" />');
    expect(second.xml).toBe(first.xml);
  });
});
