/** Blanks and the line break right at `lastIndex` (sticky: the text after a comment is not copied to be matched). */
const LINE_END = /[ \t]*\r?\n/y;

/**
 * An XML text without its comments (`<!-- … -->`), as bpmn-js would write the same file: a comment alone on its
 * line goes with its line (indent and line break), one after other content on a line goes with the blanks before
 * it. A `<!--` inside a CDATA section is text, not a comment, and stays; elsewhere XML allows no unescaped `<`, so
 * nothing else can look like one. A comment that is never closed ends the scan with the text as it is (the file does
 * not read either).
 */
export function withoutXmlComments(xml: string): string {
  let out = '';
  let at = 0;
  // (each searched again only once the scan has passed it: a file of many comments and no CDATA is read once, not
  // once per comment)
  let comment = -1;
  let cdata = -1;
  for (;;) {
    if (comment !== Infinity && comment < at) comment = indexOrInfinity(xml, '<!--', at);
    if (cdata !== Infinity && cdata < at) cdata = indexOrInfinity(xml, '<![CDATA[', at);
    if (cdata < comment) {
      const end = xml.indexOf(']]>', cdata);
      if (end < 0) return out + xml.slice(at);
      out += xml.slice(at, end + 3);
      at = end + 3;
      continue;
    }
    if (comment === Infinity) return out + xml.slice(at);
    const end = xml.indexOf('-->', comment + 4);
    if (end < 0) return out + xml.slice(at);
    let before = xml.slice(at, comment);
    let after = end + 3;
    const blanks = /[ \t]*$/.exec(before)![0].length;
    const lineStart = before.length - blanks === 0 ? out.length === 0 || out.endsWith('\n') : before[before.length - blanks - 1] === '\n';
    before = before.slice(0, before.length - blanks);
    // alone on its line: its line break goes too
    if (lineStart) {
      LINE_END.lastIndex = after;
      const rest = LINE_END.exec(xml);
      if (rest) after += rest[0].length;
    }
    out += before;
    at = after;
  }
}

function indexOrInfinity(text: string, part: string, from: number): number {
  const index = text.indexOf(part, from);
  return index < 0 ? Infinity : index;
}
