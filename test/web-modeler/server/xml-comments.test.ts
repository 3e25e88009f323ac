/**
 * The saved text a diagram is compared with once its comments are gone: exactly what bpmn-js would have written had
 * the comments never been typed in — whole lines for a comment alone on its line, the blanks before one at a line's
 * end — and nothing that only looks like a comment (in a CDATA section) taken out.
 */
import { describe, expect, it } from 'vitest';
import { withoutXmlComments } from '../../../web-modeler/server/xml-comments.js';

const DIAGRAM = [
  '<?xml version="1.0" encoding="UTF-8"?>',
  '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">',
  '  <bpmn:process id="p" isExecutable="true">',
  '    <bpmn:userTask id="review" name="初审" />',
  '  </bpmn:process>',
  '</bpmn:definitions>',
  '',
].join('\n');

describe('withoutXmlComments', () => {
  it('should leave a text without comments as it is', () => {
    expect(withoutXmlComments(DIAGRAM)).toBe(DIAGRAM);
  });

  it('should take a comment alone on its line out with its line, indented or not, one or several', () => {
    const commented = DIAGRAM.replace('    <bpmn:userTask', '    <!-- 初审：窗口受理后 -->\n    <bpmn:userTask')
      .replace('<bpmn:definitions', '<!-- 由 npm run layout 排版 -->\n<bpmn:definitions')
      .replace('  </bpmn:process>', '  </bpmn:process>\n  <!--\n    多行注释\n  -->');
    expect(commented.match(/<!--/g)).toHaveLength(3);
    expect(withoutXmlComments(commented)).toBe(DIAGRAM);
  });

  it('should take a comment after other content on a line out with the blanks before it', () => {
    const commented = DIAGRAM.replace('name="初审" />', 'name="初审" />   <!-- 15 个工作日 -->');
    expect(withoutXmlComments(commented)).toBe(DIAGRAM);
  });

  it('should keep what only looks like a comment inside a CDATA section, and a comment after it go', () => {
    const cdata = DIAGRAM.replace('<bpmn:userTask id="review" name="初审" />', '<bpmn:documentation><![CDATA[ <!-- 不是注释 --> ]]></bpmn:documentation> <!-- 是注释 -->');
    expect(withoutXmlComments(cdata)).toBe(cdata.replace(' <!-- 是注释 -->', ''));
  });

  it('should take out thousands of comments before and after CDATA sections, each CDATA kept', () => {
    // (the scan looks for the next comment and the next CDATA only once it has passed them)
    const task = (index: number) => `    <!-- 第 ${index} 步 -->\n    <bpmn:task id="t${index}"><bpmn:documentation><![CDATA[<!--${index}-->]]></bpmn:documentation></bpmn:task> <!-- 尾注 -->\n`;
    const plain = (index: number) => `    <bpmn:task id="t${index}"><bpmn:documentation><![CDATA[<!--${index}-->]]></bpmn:documentation></bpmn:task>\n`;
    const indexes = Array.from({ length: 5_000 }, (_, index) => index);
    const wrap = (body: string) => DIAGRAM.replace('    <bpmn:userTask id="review" name="初审" />\n', body);
    expect(wrap('')).not.toBe(DIAGRAM);
    expect(withoutXmlComments(wrap(indexes.map(task).join('')))).toBe(wrap(indexes.map(plain).join('')));
  });

  it('should give a comment that never closes back as it is (such a file does not read)', () => {
    const cut = DIAGRAM.replace('  </bpmn:process>', '  <!-- 未结束\n  </bpmn:process>');
    expect(withoutXmlComments(cut)).toBe(cut);
  });
});
