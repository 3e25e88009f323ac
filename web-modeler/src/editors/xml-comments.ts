/**
 * How many XML comments (`<!-- … -->`) a diagram's or decision's text holds. bpmn-js and dmn-js read a file through
 * bpmn-moddle / dmn-moddle, which drop comments: a save after a real change writes the file without them (an
 * unchanged save keeps the saved text, web-modeler/server/diagram-order.ts and decision-representation.ts). The
 * analyst is told so when the file opens and again when a save left them out, instead of keeping them: moddle gives
 * a comment no place in the model, and putting one back into the editor's text would mean guessing which element it
 * belonged to once elements were moved, removed or renamed — a note next to the wrong task or rule misleads more
 * than a note gone, which the previous version in 修改记录 still has.
 * Counted with the browser's XML parser (a `<!--` inside CDATA is no comment); a text it cannot read counts none
 * (it does not open either).
 */
export function xmlCommentCount(xml: string): number {
  const document = new DOMParser().parseFromString(xml, 'application/xml');
  if (document.getElementsByTagName('parsererror').length > 0) return 0;
  const walker = document.createTreeWalker(document, NodeFilter.SHOW_COMMENT);
  let count = 0;
  while (walker.nextNode()) count++;
  return count;
}
