/**
 * Whether a diagram (BPMN) the modeler sends differs from the saved one only in how bpmn-js writes it down: its
 * diagram entries in another order (diagram-order.ts), and none of the file's XML comments (bpmn-moddle drops them
 * on reading). Opening a diagram with comments written by hand and saving it unchanged then keeps the saved text,
 * comments and all, instead of recording a version that only lost them; a save with a real change writes bpmn-js's
 * text, and the editor tells the analyst the comments were left out (web-modeler/src/editors/xml-comments.ts).
 */
import { differsOnlyInDiagramOrder } from './diagram-order.js';
import { withoutXmlComments } from './xml-comments.js';

/** True when `sent` is `saved` as bpmn-js writes it (entries reordered, comments left out), with nothing else changed. */
export function differsOnlyInDiagramRepresentation(saved: string, sent: string): boolean {
  if (saved === sent) return false;
  const bare = withoutXmlComments(saved);
  return (bare !== saved && bare === sent) || differsOnlyInDiagramOrder(bare, sent);
}
