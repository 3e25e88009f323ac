/**
 * scripts/normalise-bpmn.ts: the repository's models are kept in the form the web modeler saves (bpmn-js's
 * moddle-xml writer), so an analyst's first save changes only what they changed. A model written by hand (comments,
 * single-quoted attributes, `&quot;`) is rewritten once, its comments listed as dropped.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normaliseBpmnXml } from '../../scripts/layout/normalise-bpmn-xml.js';

const BPMN_DIR = new URL('../../bpmn/', import.meta.url);
const MODELS = readdirSync(BPMN_DIR).filter((name) => name.endsWith('.bpmn')).sort();

describe('normalise-bpmn', () => {
  it.each(MODELS)('should find bpmn/%s already in the form the modeler saves (run `npm run normalise:bpmn`)', async (name) => {
    // given
    const text = readFileSync(new URL(name, BPMN_DIR), 'utf8');

    // when
    const { xml, droppedComments } = await normaliseBpmnXml(text);

    // then
    expect(droppedComments).toEqual([]);
    expect(xml).toBe(text);
  });

  it('should drop a hand-written model\'s comments, list them, and write attributes as bpmn-js does', async () => {
    // given
    const handWritten = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://bpmn.io/schema/bpmn">
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
</bpmn:definitions>
`;

    // when
    const first = await normaliseBpmnXml(handWritten);
    const second = await normaliseBpmnXml(first.xml);

    // then
    expect(first.droppedComments).toEqual(['申请']);
    expect(first.xml).not.toContain('<!--');
    expect(first.xml).toContain('<zeebe:input source="=&#34;一次性告知&#34;" target="kind" />');
    expect(second.xml).toBe(first.xml);
  });
});
