/**
 * Advance width of a text in the label font, read from the font file with fontkit (shaping with the font's own
 * kerning), the same figure Chromium's canvas `measureText` gives bpmn-js; test/scripts/layout/text-metrics.test.ts
 * compares both for every label of the models.
 */
import { openSync, type Font, type FontCollection } from 'fontkit';
import { LABEL_FONT } from './label-style.js';

export function textWidth(text: string, fontSize: number): number {
  const key = `${fontSize}\u0000${text}`;
  let width = widths.get(key);
  if (width === undefined) {
    width = (labelFont().layout(text).advanceWidth * fontSize) / labelFont().unitsPerEm;
    widths.set(key, width);
  }
  return width;
}

// helpers

let font: Font | undefined;
const widths = new Map<string, number>();

function labelFont(): Font {
  if (font) return font;
  let opened: Font | FontCollection;
  try {
    opened = openSync(LABEL_FONT.file, LABEL_FONT.postscriptName);
  } catch (error) {
    throw new Error(`cannot read the label font ${LABEL_FONT.file} (Debian package fonts-noto-cjk): ${(error as Error).message}`, { cause: error });
  }
  if ('fonts' in opened || opened.postscriptName !== LABEL_FONT.postscriptName) {
    throw new Error(`${LABEL_FONT.file} has no face ${LABEL_FONT.postscriptName}`);
  }
  font = opened;
  return font;
}
