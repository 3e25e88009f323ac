/**
 * scripts/layout/text-metrics.ts against the real thing: Chromium's canvas `measureText` in the label font, which
 * bpmn-js uses to break lines, for the name of every element of every model in bpmn/ and for the CJK punctuation
 * pairs Chromium sets closer.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXTERNAL_TEXT, LABEL_FONT, TASK_TEXT } from '../../../scripts/layout/label-style.js';
import { SAFE_FIT } from '../../../scripts/layout/text-layout.js';
import { textWidth } from '../../../scripts/layout/text-metrics.js';
import { CHROMIUM } from '../../../scripts/render/bpmn-renderer.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

let browser: Browser;

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

afterAll(async () => {
  await browser?.close();
});

describe('text metrics', () => {
  it('should measure every name in the models as Chromium does, in both label sizes', async () => {
    // given
    const names = [...new Set(readdirSync(join(ROOT, 'bpmn')).filter((f) => f.endsWith('.bpmn')).flatMap((f) => namesIn(readFileSync(join(ROOT, 'bpmn', f), 'utf8'))))];

    // when
    const differences = await compare(names);

    // then
    expect(names.length).toBeGreaterThan(300);
    expect(differences).toEqual([]);
  });

  it('should set adjacent CJK punctuation closer as Chromium does', async () => {
    // given
    const marks = '，、。：）》」』】〕〉（《「『【〔〈・“”‘’；·';
    const pairs = [...marks].flatMap((a) => [...marks].map((b) => `字${a}${b}字`));

    // when
    const differences = await compare(pairs);

    // then
    expect(differences).toEqual([]);
  });
});

// helpers

/** Strings whose width differs from Chromium's by more than half the layout's safety margin. */
async function compare(texts: string[]): Promise<string[]> {
  const page = await browser.newPage();
  try {
    const measured = await page.evaluate(
      ({ texts, family, sizes }) => {
        const context = document.createElement('canvas').getContext('2d')!;
        return sizes.map((size) => {
          context.font = `normal ${size}px "${family}", sans-serif`;
          return texts.map((text) => context.measureText(text).width);
        });
      },
      { texts, family: LABEL_FONT.family, sizes: [TASK_TEXT.fontSize, EXTERNAL_TEXT.fontSize] },
    );
    return [TASK_TEXT.fontSize, EXTERNAL_TEXT.fontSize].flatMap((size, k) =>
      texts.flatMap((text, n) => (Math.abs(measured[k][n] - textWidth(text, size)) > SAFE_FIT / 2 ? [`${size}px ${text}: ${measured[k][n]} ≠ ${textWidth(text, size)}`] : [])),
    );
  } finally {
    await page.close();
  }
}

function namesIn(xml: string): string[] {
  return [...xml.matchAll(/\sname="([^"]*)"/g)].map((m) => m[1].replace(/&#10;/g, '\n').replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
}
