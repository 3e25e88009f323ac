/**
 * The lines bpmn-js draws for a label in a box of a given width, computed the way diagram-js's Text utility does
 * it (lib/util/Text.js, layoutText): each source line is cut until it fits, first at spaces and hyphens, else
 * after `round(n · maxWidth / width − 1)` characters, so a CJK line holds one character less than would fit;
 * every line is `fontSize × lineHeight` high. The layout uses this to size tasks and external label boxes so
 * that what bpmn-js draws stays inside them.
 */
import { textWidth } from './text-metrics.js';

export interface TextStyle {
  fontSize: number;
  lineHeight: number;
  padding: number;
}

export interface TextBlock {
  lines: { text: string; width: number }[];
  /** The widest line. */
  width: number;
  /** Lines × line height (bpmn-js's text dimensions, without padding). */
  height: number;
}

/** The lines of `text` in a box `boxWidth` wide (the padding is taken off both sides, as bpmn-js does). */
export function layoutText(text: string, boxWidth: number, style: TextStyle): TextBlock {
  const maxWidth = boxWidth - 2 * style.padding;
  const pending = text.split(/\u00AD?\r?\n/);
  const lines: { text: string; width: number }[] = [];
  while (pending.length > 0) lines.push(nextLine(pending, maxWidth, style.fontSize));
  return {
    lines,
    width: Math.max(0, ...lines.map((line) => line.width)),
    height: lines.length * style.fontSize * style.lineHeight,
  };
}

// helpers

const SOFT_BREAK = '\u00AD';

function nextLine(pending: string[], maxWidth: number, fontSize: number): { text: string; width: number } {
  const original = pending.shift()!;
  let line = original;
  for (;;) {
    const width = line ? measure(line, fontSize) : 0;
    if (line === ' ' || line === '' || width <= maxWidth || line.length < 2) {
      if (line.length < original.length) pending.unshift(original.slice(line.length).trim());
      return { text: line, width };
    }
    line = shorten(line, width, maxWidth);
  }
}

/** bpmn-js measures without trailing white space. */
function measure(line: string, fontSize: number): number {
  return textWidth(line.replace(/\s+$/, ''), fontSize);
}

function shorten(line: string, width: number, maxWidth: number): string {
  const length = Math.max(line.length * (maxWidth / width), 1);
  return semanticShorten(line, length) || line.slice(0, Math.max(Math.round(length - 1), 1));
}

function semanticShorten(line: string, maxLength: number): string {
  const parts = line.split(/(\s|-|\u00AD)/g);
  const kept: string[] = [];
  let length = 0;
  if (parts.length > 1) {
    for (let part = parts.shift(); part; part = parts.shift()) {
      if (part.length + length < maxLength) {
        kept.push(part);
        length += part.length;
      } else {
        if (part === '-' || part === SOFT_BREAK) kept.pop();
        break;
      }
    }
  }
  if (kept[kept.length - 1] === SOFT_BREAK) kept[kept.length - 1] = '-';
  return kept.join('');
}
