/**
 * Sizes that make bpmn-js's text fit (scripts/layout/text-layout.ts computes the lines it will draw):
 *
 * - a task is as wide and high as its name needs, lines centred in the box, clear of the type icon in the top
 *   left corner (bpmn-js draws icons down to 24 px from the top) and of markers and boundary events at the bottom;
 * - an external label (events, gateways, flows) gets the wrap width that gives the fewest lines up to a maximum
 *   width, then the narrowest such width. bpmn-js wraps an external label at its DI width, so that width is the
 *   label's DI width and its lines are centred in it.
 */
import { EXTERNAL_TEXT, GLYPH_ASCENT, GLYPH_DESCENT, TASK_TEXT } from './label-style.js';
import { awkwardBreaks, layoutText } from './text-layout.js';

export interface Size {
  width: number;
  height: number;
}

export interface LabelBlock {
  /** The DI width: bpmn-js wraps the text at it. */
  width: number;
  /** The DI height: lines × line height. */
  height: number;
  /** The widest line (the glyphs are centred in `width`). */
  textWidth: number;
  lines: number;
}

export const EVENT_SIZE: Size = { width: 36, height: 36 };
export const GATEWAY_SIZE: Size = { width: 50, height: 50 };
export const MIN_TASK: Size = { width: 100, height: 80 };

/**
 * The task's box: among widths from `minWidth` to 300 px, the one that minimises width + 2 × height (plus a
 * penalty for a line starting with a closing mark), so long names get a few wide lines rather than a tall narrow
 * column.
 */
export function taskSize(name: string | undefined, options: { icon: boolean; minWidth?: number }): Size {
  const reserve = options.icon ? ICON_RESERVE : PLAIN_RESERVE;
  let best: (Size & { cost: number }) | undefined;
  for (let width = Math.max(MIN_TASK.width, options.minWidth ?? 0); width <= MAX_TASK_WIDTH; width += 10) {
    const block = layoutText(name ?? '', width, TASK_TEXT);
    if (block.borderline) continue;
    const text = block.height;
    const height = Math.max(MIN_TASK.height, 2 * Math.ceil((text + reserve) / 2));
    const cost = width + 2 * height + AWKWARD_BREAK * awkwardBreaks(block);
    if (!best || cost < best.cost) best = { width, height, cost };
  }
  return { width: best!.width, height: best!.height };
}

/**
 * The label block of an external label no wider than `maxWidth`: the fewest lines (one more rather than a line
 * starting with a closing mark), then the narrowest width.
 */
export function externalLabel(text: string, maxWidth: number): LabelBlock {
  const lineHeight = EXTERNAL_TEXT.fontSize * EXTERNAL_TEXT.lineHeight;
  let best: { width: number; lines: number; textWidth: number; cost: number } | undefined;
  for (let width = Math.ceil(maxWidth); width >= MIN_LABEL_WIDTH; width--) {
    const block = layoutText(text, width, EXTERNAL_TEXT);
    if (block.borderline) continue;
    const cost = block.lines.length + (awkwardBreaks(block) > 0 ? 1 : 0);
    if (!best || cost <= best.cost) best = { width, lines: block.lines.length, textWidth: block.width, cost };
    if (block.lines.length === 1) break;
  }
  // a one-line label as wide as its text (plus a pixel, so rounding never wraps it)
  const width = best!.lines === 1 ? Math.ceil(best!.textWidth) + 1 : best!.width;
  return { width, height: Math.ceil(best!.lines * lineHeight), textWidth: best!.textWidth, lines: best!.lines };
}

/**
 * Where bpmn-js draws the glyphs of an external label whose DI bounds are `bounds`: lines centred in the width,
 * from the top (bpmn-js starts the first baseline at three quarters of a line).
 */
export function labelGlyphs(bounds: { x: number; y: number }, label: LabelBlock): { x: number; y: number; width: number; height: number } {
  const lineHeight = EXTERNAL_TEXT.fontSize * EXTERNAL_TEXT.lineHeight;
  const size = EXTERNAL_TEXT.fontSize;
  const firstBaseline = 0.75 * lineHeight;
  const top = firstBaseline - GLYPH_ASCENT * size;
  const bottom = firstBaseline + (label.lines - 1) * lineHeight + GLYPH_DESCENT * size;
  return { x: bounds.x + Math.max((label.width - label.textWidth) / 2, 0), y: bounds.y + top, width: label.textWidth, height: bottom - top };
}

/** The least lane (or pool) height at which bpmn-js writes its name in at most two lines in the 30 px header. */
export function laneHeightForName(name: string | undefined): number {
  if (!name) return 0;
  for (let height = 60; height < 2000; height += 10) if (nameFits(name, height)) return height;
  return 2000;
}

/** Whether a lane or pool this high shows its name in at most two lines, with no line break too close to call. */
export function nameFits(name: string | undefined, height: number): boolean {
  if (!name) return true;
  const block = layoutText(name, height, { ...TASK_TEXT, padding: 0 });
  return !block.borderline && block.lines.length <= 2;
}

// helpers

const MAX_TASK_WIDTH = 300;
/** What a line starting with a closing mark costs a task, in px of width + 2 × height. */
const AWKWARD_BREAK = 40;
const MIN_LABEL_WIDTH = 24;
/** Text height + this = box height when the text must stay below the icon (centred text: twice the icon's 24 px). */
const ICON_RESERVE = 50;
const PLAIN_RESERVE = 18;
