/**
 * The lines bpmn-js draws for a label in a box of a given width, computed the way diagram-js's Text utility does
 * it (lib/util/Text.js, layoutText): each source line is cut until it fits, first at spaces and hyphens, else
 * after `round(n · maxWidth / width − 1)` characters, so a CJK line holds one character less than would fit;
 * every line is `fontSize × lineHeight` high. The layout uses this to size tasks and external label boxes so
 * that what bpmn-js draws stays inside them, and avoids widths where a line fits by less than `SAFE_FIT`: the
 * browser's advances differ from the font file's in the fifth decimal.
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
  /** Whether some line fits, or fails to fit, by less than `SAFE_FIT`: the browser might break it otherwise. */
  borderline: boolean;
}

export const SAFE_FIT = 0.05;

/** The lines of `text` in a box `boxWidth` wide (the padding is taken off both sides, as bpmn-js does). */
export function layoutText(text: string, boxWidth: number, style: TextStyle): TextBlock {
  const maxWidth = boxWidth - 2 * style.padding;
  const pending = text.split(/\u00AD?\r?\n/);
  const lines: { text: string; width: number }[] = [];
  const fit = { closest: Infinity };
  while (pending.length > 0) lines.push(nextLine(pending, maxWidth, style.fontSize, fit));
  return {
    lines,
    width: Math.max(0, ...lines.map((line) => line.width)),
    height: lines.length * style.fontSize * style.lineHeight,
    borderline: fit.closest < SAFE_FIT,
  };
}

/**
 * Breaks a Chinese reader stumbles on: a line that starts with a closing mark (，。、）》 …) or ends with an
 * opening one (（《 …). bpmn-js does not avoid them, so the layout picks widths where they do not happen.
 */
export function awkwardBreaks(block: TextBlock): number {
  let count = 0;
  block.lines.forEach((line, k) => {
    if (k > 0 && CLOSING.includes(line.text.charAt(0))) count++;
    if (k < block.lines.length - 1 && OPENING.includes(line.text.charAt(line.text.length - 1))) count++;
  });
  return count;
}

// helpers

const CLOSING = '，。、；：？！）》」』】〕〉”’…';
const OPENING = '（《「『【〔〈“‘';
const SOFT_BREAK = '\u00AD';

function nextLine(pending: string[], maxWidth: number, fontSize: number, fit: { closest: number }): { text: string; width: number } {
  const original = pending.shift()!;
  let line = original;
  for (;;) {
    const width = line ? measure(line, fontSize) : 0;
    if (line !== ' ' && line !== '' && line.length >= 2) fit.closest = Math.min(fit.closest, Math.abs(width - maxWidth));
    if (line === ' ' || line === '' || width <= maxWidth || line.length < 2) {
      if (line.length < original.length) pending.unshift(original.slice(line.length).trim());
      return { text: line, width };
    }
    line = shorten(line, width, maxWidth, fit);
  }
}

/** bpmn-js measures without trailing white space. */
function measure(line: string, fontSize: number): number {
  return textWidth(line.replace(/\s+$/, ''), fontSize);
}

function shorten(line: string, width: number, maxWidth: number, fit: { closest: number }): string {
  const length = Math.max(line.length * (maxWidth / width), 1);
  // the character count is rounded: a count near a half could round the other way in the browser
  const fraction = length - Math.floor(length);
  fit.closest = Math.min(fit.closest, Math.abs(fraction - 0.5) * width / line.length);
  return semanticShorten(line, length, fit) || line.slice(0, Math.max(Math.round(length - 1), 1));
}

function semanticShorten(line: string, maxLength: number, fit: { closest: number }): string {
  const parts = line.split(/(\s|-|\u00AD)/g);
  const kept: string[] = [];
  let length = 0;
  if (parts.length > 1) {
    for (let part = parts.shift(); part; part = parts.shift()) {
      fit.closest = Math.min(fit.closest, Math.abs(part.length + length - maxLength));
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
