/**
 * The first screen's JSON inside the page's HTML: nothing in it can end its `<script>` element, open a comment or
 * an entity, and the page reads back the same value.
 */
import { describe, expect, it } from 'vitest';
import { jsonForHtml } from '../../../web-shared/server/first-screen-page.js';

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
