/**
 * FEEL's `today()` inside a text template's `{{#loop …}}` body is the office's day too. Above the loops the
 * template's context carries the office's `today` (office-today-templating.ts), but feelers evaluates a loop's body
 * in a context of its own made of the list's item (`this`, `parent` and the item's keys): there feelin's built-in
 * answered — the PC's local date at its local midnight, another value than `date("…")` — so a list's rows showed
 * 2026-03-01T00:00:00 on a PC whose clock or zone was a day off, and their 晚于今天 marks went by that day.
 *
 * The office's day is known as the template is evaluated, so each `today()` called inside a loop body is written as
 * that day's FEEL date literal `@"2026-03-02"` — the value OfficeDay gives (office-day.ts); not as `date("…")`,
 * which a row with a key `date` (the item's keys are the body's context) would have turned into a call of its value. The template is read as feelers' tokenizer
 * reads it (@bpmn-io/lezer-feelers 1.x, pinned with form-js: form-js-version.unit.test.ts): text up to `{{`; a
 * FEEL block up to the next `}}`; `{{#loop ` and `{{/loop}}` open and close a body; a template starting with `=` is
 * one FEEL expression, no loop in it. Inside FEEL a call `today()` is a name `today` not part of a longer name or
 * a path, outside a string; the rest of the text is left as it is.
 */

const LOOP_OPEN = '{{#loop ';
const LOOP_CLOSE = '{{/loop}}';

export function officeTodayInLoops(template: string, iso: string): string {
  if (template.startsWith('=') || !template.includes(LOOP_OPEN)) return template;
  let out = '';
  let depth = 0;
  let at = 0;
  while (at < template.length) {
    const open = template.indexOf('{{', at);
    if (open < 0) {
      out += template.slice(at);
      break;
    }
    out += template.slice(at, open);
    if (template.startsWith(LOOP_CLOSE, open)) {
      out += LOOP_CLOSE;
      depth = Math.max(0, depth - 1);
      at = open + LOOP_CLOSE.length;
      continue;
    }
    const close = template.indexOf('}}', open + 2);
    const end = close < 0 ? template.length : close;
    const feel = template.slice(open, end);
    // (a loop's own list is read in the context around it: rewritten only when that is a loop's body too)
    out += depth > 0 ? officeTodayIn(feel, iso) : feel;
    if (template.startsWith(LOOP_OPEN, open)) depth += 1;
    at = end;
  }
  return out;
}

/** A name's characters in FEEL (a letter, a digit, `_`, `?`, `$`), or a path's `.` before it. */
const NAME_OR_PATH = /[\p{L}\p{N}_?$.]/u;
const CALL = /^today\s*\(\s*\)/;

/** `today()` calls in a FEEL text written as `@"iso"`, strings and longer names left alone. */
function officeTodayIn(feel: string, iso: string): string {
  let out = '';
  let at = 0;
  while (at < feel.length) {
    const char = feel[at]!;
    if (char === '"') {
      // (a string, with its escapes, to its closing quote)
      let end = at + 1;
      while (end < feel.length && feel[end] !== '"') end += feel[end] === '\\' ? 2 : 1;
      out += feel.slice(at, end + 1);
      at = end + 1;
      continue;
    }
    const call = char === 't' && !(at > 0 && NAME_OR_PATH.test(feel[at - 1]!)) ? CALL.exec(feel.slice(at)) : null;
    if (call) {
      out += `@"${iso}"`;
      at += call[0].length;
      continue;
    }
    out += char;
    at += 1;
  }
  return out;
}
