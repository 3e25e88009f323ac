/**
 * How bpmn-js draws the text of our diagrams, shared by the layout (which sizes tasks and label boxes from it) and
 * every page that draws them (scripts/render, the report): bpmn-js's TextRenderer with Noto Sans CJK SC, the
 * Debian `fonts-noto-cjk` face that scripts/bootstrap.sh installs. bpmn-js's own default, `Arial, sans-serif`,
 * would resolve to whatever Latin font a machine has, and labels sized on one machine would overflow on another.
 */
export const LABEL_FONT = {
  /** CSS family name, as Chromium's fontconfig knows it. */
  family: 'Noto Sans CJK SC',
  file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  /** The face of the collection the family name selects. */
  postscriptName: 'NotoSansCJKsc-Regular',
} as const;

/** Task names: 12 px, 1.2 line height, 7 px padding inside the box (bpmn-js renderEmbeddedLabel). */
export const TASK_TEXT = { fontSize: 12, lineHeight: 1.2, padding: 7 } as const;

/** Names of events, gateways and flows, drawn outside shapes: 1 px smaller than task names (bpmn-js externalStyle). */
export const EXTERNAL_TEXT = { fontSize: 11, lineHeight: 1.2, padding: 0 } as const;

/**
 * The vertical extent of a line's glyphs around its baseline, as a fraction of the font size: the ideographic em
 * box of Noto Sans CJK (0.88 above the baseline, 0.12 below), which also holds its Latin letters and digits.
 */
export const GLYPH_ASCENT = 0.88;
export const GLYPH_DESCENT = 0.12;

/** The `textRenderer` option of a bpmn-js Viewer or Modeler that draws labels the way the layout measured them. */
export const TEXT_RENDERER_CONFIG = {
  defaultStyle: { fontFamily: `"${LABEL_FONT.family}", sans-serif`, fontSize: TASK_TEXT.fontSize, lineHeight: TASK_TEXT.lineHeight },
  externalStyle: { fontSize: EXTERNAL_TEXT.fontSize },
} as const;
