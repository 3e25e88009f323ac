import { LosslessNumber } from 'lossless-json';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { readVariableValue, valueOrText } from '../../../web-shared/src/api/read-variable-value.js';

const NAME = z.string();

describe('reading a variable value of a shape', () => {
  it('should give the value when it is JSON of the shape, long integers with their digits', () => {
    // when
    const name = readVariableValue('"韩永福"', NAME);
    const code = readVariableValue('{"applicantCode":630102199001011234}', z.object({ applicantCode: z.unknown() }));

    // then
    expect(name).toEqual({ ok: true, value: '韩永福' });
    expect(code).toEqual({ ok: true, value: { applicantCode: new LosslessNumber('630102199001011234') } });
  });

  it('should not throw on a value cut short or of another shape, and say which with the text as stored', () => {
    // when
    const cut = readVariableValue('"韩永', NAME);
    const other = readVariableValue('{"name":"韩永福"}', NAME);
    const none = readVariableValue('null', NAME);

    // then
    expect(cut).toEqual({ ok: false, problem: 'json', text: '"韩永' });
    expect(other).toEqual({ ok: false, problem: 'shape', text: '{"name":"韩永福"}' });
    expect(none).toEqual({ ok: false, problem: 'shape', text: 'null' });
    // what a page shows: the value, or the stored text (never [object Object])
    expect(valueOrText(readVariableValue('"退回补正"', NAME))).toBe('退回补正');
    expect(valueOrText(other)).toBe('{"name":"韩永福"}');
  });
});
