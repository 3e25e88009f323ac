/**
 * What an analyst reads when a file does not open, or opens with parts the editor could not read: a Chinese
 * sentence, the library's English as the technical detail. The failures are the real ones of the parsers the
 * editors use: moddle-xml under a BpmnModdle (the lint's, as bpmn-js's: only engine/ may import bpmn-moddle itself),
 * JSON.parse for forms; dmn-js's come from the same moddle-xml, worded alike.
 */
import { describe, expect, it } from 'vitest';
import { loadCamundaLinters } from '../../../scripts/lint/load-camunda-linters.js';
import { importFailure, importWarnings } from '../../../web-modeler/src/editors/import-problems.js';

const HAN = /\p{Script=Han}/u;
const DEFINITIONS = 'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="defs" targetNamespace="http://example.org"';

const parseBpmn = async (xml: string) => (await loadCamundaLinters()).parseBpmn(xml);
const failureOf = async (parse: () => Promise<unknown>) => {
  try {
    await parse();
  } catch (error) {
    return error;
  }
  throw new Error('expected the parse to fail');
};

describe('import problems in Chinese', () => {
  it('should say where a model cut short cannot be read, the parser’s message under the technical detail', async () => {
    // given a model whose last lines are missing
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<bpmn:definitions ${DEFINITIONS}>\n<bpmn:process id="p">\n<bpmn:task id="a" name="初审">\n</bpmn:process>`;

    // when
    const error = await failureOf(() => parseBpmn(xml));
    const failure = importFailure('bpmn', error);

    // then
    expect(failure.text).toMatch(/^模型无法打开：文件第 \d+ 行第 \d+ 列的内容无法读取，文件可能已损坏或不完整$/);
    expect(failure.technical).toContain('unparsable content');
  });

  it('should tell a file that is no BPMN or DMN at all', async () => {
    // when
    const bpmn = importFailure('bpmn', await failureOf(() => parseBpmn('<form id="x"/>')));
    const dmn = importFailure('dmn', new Error('failed to parse document as <dmn:Definitions>'));

    // then
    expect(bpmn).toMatchObject({ text: '模型无法打开：文件不是有效的 BPMN 2.0 文件', technical: expect.stringContaining('failed to parse document') });
    expect(dmn.text).toBe('决策表无法打开：文件不是有效的 DMN 1.3 文件');
  });

  it('should tell a form that is no JSON', () => {
    // given
    let error: unknown;
    try {
      JSON.parse('{"components": [');
    } catch (thrown) {
      error = thrown;
    }

    // then
    expect(importFailure('form', error)).toMatchObject({ text: '表单无法打开：文件不是有效的 JSON', technical: expect.stringContaining('JSON') });
  });

  it('should warn that a model opened without parts it could not read, and may lose them on save', async () => {
    // given a flow to a task that is not in the file
    const xml = `<bpmn:definitions ${DEFINITIONS}><bpmn:process id="p"><bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="gone" /></bpmn:process></bpmn:definitions>`;

    // when
    const { warnings } = await parseBpmn(xml);
    const notice = importWarnings('bpmn', warnings);

    // then
    expect(notice?.text).toBe('模型已打开，但有 1 处内容未能读取或显示（引用的元素「gone」不存在）。保存时这些内容可能丢失，请先联系技术支持。');
    expect(notice?.technical).toBe('unresolved reference <gone>');
    expect(importWarnings('bpmn', [])).toBeUndefined();
  });

  it('should still show a message it has no wording for, as the detail of a Chinese sentence', () => {
    // when
    const failure = importFailure('dmn', new Error('something new in dmn-js'));

    // then
    expect(failure.text).toMatch(HAN);
    expect(failure.text).not.toContain('something new');
    expect(failure.technical).toBe('something new in dmn-js');
  });
});
