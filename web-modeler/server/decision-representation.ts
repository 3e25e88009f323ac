/**
 * Whether a decision (DMN) the modeler sends differs from the saved one only in how dmn-js writes it down.
 *
 * dmn-js 17 writes a decision through dmn-moddle: each element on its own line, attributes in the schema's order,
 * attributes at their DMN default left out (`hitPolicy="UNIQUE"`), white space between elements its own. A table
 * written by hand (one rule entry a line) and saved unchanged would otherwise record a version of re-indented lines.
 *
 * Both texts are read and written again with dmn-moddle, the library dmn-js and the engine read them with: equal
 * results mean the same definitions, decisions, tables, rules and diagram, every text (FEEL entries, input
 * expressions, descriptions) to the character. A text dmn-moddle does not read cleanly (warnings: an unknown
 * element it would drop) never counts as unchanged, nor does a sent text with XML comments (dmn-js writes none;
 * the saved file's comments, which dmn-js drops, are kept by keeping the saved text).
 */
import { DmnModdle } from 'dmn-moddle';

/** True when `sent` is `saved` written differently (formatting, attribute order, defaults) by dmn-js. */
export async function differsOnlyInDecisionRepresentation(saved: string, sent: string): Promise<boolean> {
  if (saved === sent || sent.includes('<!--')) return false;
  const a = await canonicalDecision(saved);
  return a !== undefined && a === (await canonicalDecision(sent));
}

/**
 * The decision as dmn-moddle writes it (formatted), or undefined when it does not read cleanly. Two texts with the
 * same canonical decision are the same decision; the version comparison shows this text, so it names real changes only.
 */
export async function canonicalDecision(text: string): Promise<string | undefined> {
  const moddle = new DmnModdle();
  try {
    const { rootElement, warnings } = await moddle.fromXML(text, 'dmn:Definitions');
    if (warnings.length > 0) return undefined;
    return (await moddle.toXML(rootElement, { format: true })).xml;
  } catch {
    return undefined;
  }
}
