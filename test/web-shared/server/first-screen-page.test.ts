/**
 * The first screen's JSON inside the page's HTML: nothing in it can end its `<script>` element, open a comment or
 * an entity, and the page reads back the same value.
 */
import { describe, expect, it } from 'vitest';
import { jsonForHtml, withFirstScreen } from '../../../web-shared/server/first-screen-page.js';

describe('jsonForHtml', () => {
  it('should write no character that ends the script element, opens a comment or an entity, and keep the value', () => {
    // given a value with text that would break out of a <script> element (a title an operator typed)
    const value = { titleZh: '</script><script>alert(1)</script>', note: '<!-- a & b > c -->', lines: 'a\u2028b\u2029c', nested: [{ name: '零星报销 </SCRIPT >' }] };

    // when
    const json = jsonForHtml(value);

    // then
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(json).toContain('\\u003c/script\\u003e');
    expect(JSON.parse(json)).toEqual(value);
  });
});

describe('withFirstScreen', () => {
  it("should put the block at the end of the head whatever the data holds, `$'` and `$$` included", () => {
    // given the page and a block whose data has what String.replace's replacement string reads as patterns
    // (a task name from a deployed BPMN file, a display name)
    const html = '<!doctype html><html><head><title>业务监控</title></head><body><script type="module" src="app.js"></script></body></html>';
    const value = { step: "初审$'", name: '复审$`', money: '$$100', plain: '$&' };
    const block = `<script type="application/json" id="first-screen">${jsonForHtml(value)}</script>`;

    // when
    const page = withFirstScreen(html, ['<link rel="modulepreload" href="/monitor/assets/chart.js">', block]);

    // then the block is whole, once, before </head>, and reads back the same value
    const found = /<script type="application\/json" id="first-screen">(.*?)<\/script>/s.exec(page);
    expect(JSON.parse(found![1]!)).toEqual(value);
    expect(page.indexOf('id="first-screen"')).toBeLessThan(page.indexOf('</head>'));
    expect(page.match(/<script type="module"/g)).toHaveLength(1);
    expect(page.endsWith('</body></html>')).toBe(true);
  });
});
