import { LosslessNumber } from 'lossless-json';
import { describe, expect, it } from 'vitest';
import { isText, readVariableValue, textValueOf, valueOrText } from '../../../web-shared/src/api/read-variable-value.js';

const isCode = (value: unknown): value is { applicantCode: unknown } => typeof value === 'object' && value !== null && 'applicantCode' in value;

describe('reading a variable value of a shape', () => {
  it('should give the value when it is JSON of the shape, long integers with their digits', () => {
    // when
    const name = readVariableValue('"韩永福"', isText);
    const code = readVariableValue('{"applicantCode":630102199001011234}', isCode);

    // then
    expect(name).toEqual({ ok: true, value: '韩永福' });
    expect(code).toEqual({ ok: true, value: { applicantCode: new LosslessNumber('630102199001011234') } });
  });

  it('should not throw on a value cut short or of another shape, and give the text as stored', () => {
    // when
    const cut = readVariableValue('"韩永', isText);
    const other = readVariableValue('{"name":"韩永福"}', isText);
    const none = readVariableValue('null', isText);

    // then
    expect(cut).toEqual({ ok: false, text: '"韩永' });
    expect(other).toEqual({ ok: false, text: '{"name":"韩永福"}' });
    expect(none).toEqual({ ok: false, text: 'null' });
    // what a page shows: the value, or the stored text (never [object Object])
    expect(valueOrText(readVariableValue('"退回补正"', isText))).toBe('退回补正');
    expect(valueOrText(other)).toBe('{"name":"韩永福"}');
  });

  it('should give a text value trimmed, and nothing for no value, an empty text, another shape or broken JSON', () => {
    expect(textValueOf(' "2026-12-20" ')).toBe('2026-12-20');
    expect(textValueOf('"  韩永福 "')).toBe('韩永福');
    expect([undefined, null, '""', '"  "', 'null', '12', '{"a":"b"}', '"2026-12', '2026-12-20'].map(textValueOf)).toEqual(Array(9).fill(undefined));
  });
});
