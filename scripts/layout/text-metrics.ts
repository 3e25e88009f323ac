/**
 * Advance width of a text in the label font as Chromium's canvas `measureText` gives it to bpmn-js: the glyph
 * advances of the font file, read with fontkit (with the font's own kerning), less half an em for each pair of
 * adjacent fullwidth CJK punctuation marks that Chromium sets closer (CSS `text-spacing-trim: normal`, which
 * Chromium applies on canvas too: `）、`, `》（`, `（《` …). Chromium's advances also differ from the font's by a
 * few 1/65536 px per glyph, so text-layout.ts never relies on a fit closer than that.
 * test/scripts/layout/text-metrics.test.ts compares both for every label of the models.
 */
import { openSync, type Font, type FontCollection } from 'fontkit';
import { LABEL_FONT } from './label-style.js';

export function textWidth(text: string, fontSize: number): number {
  const key = `${fontSize}\u0000${text}`;
  let width = widths.get(key);
  if (width === undefined) {
    const font = labelFont();
    width = ((font.layout(text).advanceWidth - (adjacentPunctuation(text) * font.unitsPerEm) / 2) * fontSize) / font.unitsPerEm;
    widths.set(key, width);
  }
  return width;
}

// helpers

let font: Font | undefined;
const widths = new Map<string, number>();

/**
 * Chromium's punctuation classes, in two families that only interact within themselves: opening, closing
 * (Chinese comma, full stop and colon sit on the left of their square), middle, and the ideographic space.
 */
const FAMILIES: { open: string; close: string; middle: string }[] = [
  { open: '（《「『【〔〈［｛〖〘〚〝', close: '，、。：）》」』】〕〉］｝〗〙〛〞〟．', middle: '・\u3000' },
  { open: '“‘', close: '”’；', middle: '·' },
];

/** Pairs in which Chromium halves one mark: a closing mark before any mark, an opening one after a non-closing one. */
function adjacentPunctuation(text: string): number {
  const chars = [...text];
  let pairs = 0;
  for (let k = 1; k < chars.length; k++) {
    const [a, b] = [chars[k - 1], chars[k]];
    for (const family of FAMILIES) {
      const any = family.open + family.close + family.middle;
      if ((family.close.includes(a) && any.includes(b)) || (family.open.includes(b) && (family.open + family.middle).includes(a))) {
        pairs++;
        break;
      }
    }
  }
  return pairs;
}

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
