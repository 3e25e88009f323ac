/**
 * scripts/layout/text-layout.ts: the lines diagram-js breaks a label into (the browser-drawn lines of every model
 * are compared in diagram-quality.models.test.ts), the breaks a Chinese reader stumbles on, and the fits too close
 * to call.
 */
import { describe, expect, it } from 'vitest';
import { EXTERNAL_TEXT, TASK_TEXT } from '../../../scripts/layout/label-style.js';
import { awkwardBreaks, layoutText } from '../../../scripts/layout/text-layout.js';

describe('text layout', () => {
  it('should put one CJK character less on a line than would fit, as diagram-js does', () => {
    // when: 86 px of room holds seven 12 px characters, diagram-js cuts after round(7.17 - 1) = 6
    const block = layoutText('经办机构服务窗口工作人员即时审核', 100, TASK_TEXT);

    // then
    expect(block.lines.map((line) => line.text)).toEqual(['经办机构服务', '窗口工作人员', '即时审核']);
    expect(block.height).toBeCloseTo(3 * 14.4);
  });

  it('should break at spaces before it cuts words', () => {
    // when
    const block = layoutText('Camunda user task', 70, EXTERNAL_TEXT);

    // then
    expect(block.lines.map((line) => line.text)).toEqual(['Camunda ', 'user task']);
  });

  it('should count a line that starts with a closing mark as an awkward break', () => {
    // given: 8 characters a line at this width
    const text = '比对数据不一致，退回重新进行手工初审测算';

    // when
    const awkward = layoutText(text, 93, EXTERNAL_TEXT);
    const fine = layoutText(text, 82, EXTERNAL_TEXT);

    // then
    expect(awkward.lines[1].text.startsWith('，')).toBe(true);
    expect(awkwardBreaks(awkward)).toBe(1);
    expect(awkwardBreaks(fine)).toBe(0);
  });

  it('should flag a line that fits by less than the browser could disagree on', () => {
    // when: four 12 px characters in exactly 48 px, and in 49 px
    const exact = layoutText('参保登记', 48 + 2 * TASK_TEXT.padding, TASK_TEXT);
    const roomy = layoutText('参保登记', 49 + 2 * TASK_TEXT.padding, TASK_TEXT);

    // then
    expect(exact.borderline).toBe(true);
    expect(roomy.borderline).toBe(false);
  });
});
