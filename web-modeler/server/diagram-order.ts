/**
 * Whether a BPMN text the modeler sends differs from the saved one only in the order of the diagram's entries.
 *
 * bpmn-js writes a plane's shapes and edges (`bpmndi:BPMNShape`, `bpmndi:BPMNEdge`) in the order its canvas holds
 * the elements (bpmn-js lib/features/di-ordering), not in the order the file had them. After an insertion (a task
 * dropped on a flow, lanes growing) the canvas of a fresh session, built in the file's semantic order, holds them
 * differently: reopening and saving without a change would otherwise record a version of reordered lines only.
 *
 * The comparison is exact apart from that order: each entry's text (bounds, waypoints, labels, attributes) must
 * be found byte for byte, as many times, in the other plane; everything outside the planes must be identical.
 * Anything unexpected between the entries (a comment, text) makes the texts different: a real change is never
 * taken for none.
 */

/** True when `sent` is `saved` with only the diagram entries of its planes in another order. */
export function differsOnlyInDiagramOrder(saved: string, sent: string): boolean {
  if (saved === sent) return false;
  const a = withPlaneEntriesSorted(saved);
  return a !== undefined && a === withPlaneEntriesSorted(sent);
}

// helpers

/** An attribute-aware start tag of a plane; group 1 is its prefix with the colon (`bpmndi:`) or empty. */
const PLANE = /<([\w.-]+:)?BPMNPlane\b(?:[^>"']|"[^"]*"|'[^']*')*>/g;

/**
 * The text with each plane's entries in sorted order, or undefined when a plane holds anything else than
 * shapes and edges between white space (then nothing is taken as reordered).
 */
function withPlaneEntriesSorted(xml: string): string | undefined {
  let out = '';
  let from = 0;
  for (const start of xml.matchAll(PLANE)) {
    if (start.index < from || start[0].endsWith('/>')) continue;
    const prefix = start[1] ?? '';
    const bodyStart = start.index + start[0].length;
    const close = xml.indexOf(`</${prefix}BPMNPlane>`, bodyStart);
    if (close < 0) return undefined;
    const entries = planeEntries(xml.slice(bodyStart, close), prefix);
    if (!entries) return undefined;
    out += xml.slice(from, bodyStart) + entries.sort().join('\n') + '\n';
    from = close;
  }
  return out + xml.slice(from);
}

/** The shapes and edges of a plane's body, each with its own text; undefined if anything else is there. */
function planeEntries(body: string, prefix: string): string[] | undefined {
  const entry = new RegExp(`<${escape(prefix)}(BPMNShape|BPMNEdge)\\b(?:[^>"']|"[^"]*"|'[^']*')*>`, 'y');
  const entries: string[] = [];
  let at = 0;
  for (;;) {
    while (at < body.length && /\s/.test(body[at]!)) at++;
    if (at >= body.length) return entries;
    entry.lastIndex = at;
    const start = entry.exec(body);
    if (!start) return undefined;
    let end = at + start[0].length;
    if (!start[0].endsWith('/>')) {
      const closing = `</${prefix}${start[1]}>`;
      const close = body.indexOf(closing, end);
      if (close < 0) return undefined;
      end = close + closing.length;
    }
    entries.push(body.slice(at, end));
    at = end;
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
