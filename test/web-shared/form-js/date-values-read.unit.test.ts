/**
 * Date values as other systems write them, read for form-js before it sees them (date-values-read.ts), and a typed
 * day and time written as form-js writes a date-time field's value (date-time-value.ts).
 */
// (the zone the process had, given back when the file ends: other files may run in this process after it)
const zoneBefore = process.env.TZ;
process.env.TZ = 'Asia/Shanghai'; // before anything reads a date (Node applies it when assigned): the office's zone

import { afterAll, describe, expect, it } from 'vitest';
import { digitsAsText, parseExact } from '../../../web-shared/src/api/exact-json.js';
import { readDateValues, withValuesAsRead, writtenValueMessage } from '../../../web-shared/src/form-js/date-values-read.js';
import { dateTimeValue } from '../../../web-shared/src/form-js/date-time-value.js';

afterAll(() => {
  if (zoneBefore === undefined) delete process.env.TZ;
  else process.env.TZ = zoneBefore;
});

const SCHEMA = {
  components: [
    { type: 'datetime', key: 'treatmentTo', subtype: 'date' },
    { type: 'datetime', key: 'visitAt', subtype: 'datetime' },
    { type: 'datetime', key: 'openAt', subtype: 'time' },
    { type: 'textfield', key: 'note' },
    { type: 'group', path: 'applicant', components: [{ type: 'datetime', key: 'birthDate', subtype: 'date' }] },
    { type: 'dynamiclist', path: 'bills', isRepeating: true, components: [{ type: 'datetime', key: 'billDay', subtype: 'date' }] },
  ],
};

describe('readDateValues', () => {
  it('should read unpadded and other written dates as ISO ones, in groups and a list’s rows too', () => {
    const data = { treatmentTo: '2026-3-2', visitAt: '2026/3/2 9:30', openAt: '9:30', note: '2026-3-2', applicant: { birthDate: '19800105' }, bills: [{ billDay: '2026年3月1日' }, { billDay: '2026-03-04' }] };
    expect(readDateValues(SCHEMA, data)).toEqual({
      data: { treatmentTo: '2026-03-02', visitAt: '2026-03-02T09:30', openAt: '9:30', note: '2026-3-2', applicant: { birthDate: '1980-01-05' }, bills: [{ billDay: '2026-03-01' }, { billDay: '2026-03-04' }] },
      written: {},
      read: {
        treatmentTo: { shown: '2026-03-02', original: '2026-3-2' },
        visitAt: { shown: '2026-03-02T09:30', original: '2026/3/2 9:30' },
        'applicant.birthDate': { shown: '1980-01-05', original: '19800105' },
        'bills.0.billDay': { shown: '2026-03-01', original: '2026年3月1日' },
      },
    });
    // (the data given is not changed)
    expect(data.treatmentTo).toBe('2026-3-2');
  });

  it('should take out values that are no date, as texts by path', () => {
    expect(readDateValues(SCHEMA, { treatmentTo: '待定', visitAt: 'soon', bills: [{ billDay: '2026-02-30' }] })).toEqual({
      data: { treatmentTo: null, visitAt: null, bills: [{ billDay: null }] },
      written: { treatmentTo: '待定', visitAt: 'soon', 'bills.0.billDay': '2026-02-30' },
      read: {},
    });
  });

  it('should keep a long integer read exactly as it is, so its digits are written as the ID number', () => {
    // (read as a task's variables are: read-variable-value.ts; a structured clone made the LosslessNumber a plain
    // object that digitsAsText did not know, and the text field showed and submitted '')
    const data = parseExact('{"treatmentTo":"2026-3-2","idNumber":630102199001011234}') as Record<string, unknown>;
    const read = readDateValues(SCHEMA, data).data;
    expect(read.treatmentTo).toBe('2026-03-02');
    expect(read.idNumber).toBe(data.idNumber);
    expect(digitsAsText(read)).toEqual({ treatmentTo: '2026-03-02', idNumber: '630102199001011234' });
  });

  it('should show a value not a text as its JSON, and hand it on as it came while shown so', () => {
    const { data, written, read } = readDateValues(SCHEMA, { treatmentTo: 1772409600000 });
    expect(data).toEqual({ treatmentTo: null });
    expect(written).toEqual({ treatmentTo: '1772409600000' });
    // (the text put back where the field still shows it as written, then the value as it came)
    expect(withValuesAsRead({ treatmentTo: '1772409600000' }, read)).toEqual({ treatmentTo: 1772409600000 });
  });

  it('should leave values form-js reads as they are, and the data itself when none changed', () => {
    const data = { treatmentTo: '2026-03-02', visitAt: '2026-03-02T09:30:00+08:00', bills: [{ billDay: null }] };
    expect(readDateValues(SCHEMA, data).data).toBe(data);
  });
});

describe('a date field’s value written with a time', () => {
  it('should show a time without a zone as its day, and hand on the value as written while the field still holds that day', () => {
    // (form-js reads no value with a `T` in a date field: it showed the field empty and 办结 wrote null)
    const data = { treatmentTo: '2026-03-02T00:00:00', bills: [{ billDay: '2026-3-2 9:30' }, { billDay: '2026-03-04' }] };
    const { data: shown, written, read } = readDateValues(SCHEMA, data);
    expect(shown).toEqual({ treatmentTo: '2026-03-02', bills: [{ billDay: '2026-03-02' }, { billDay: '2026-03-04' }] });
    expect(written).toEqual({});

    // then the form's data unchanged by her is handed on as written, the data given not changed
    const submitted = { treatmentTo: '2026-03-02', bills: [{ billDay: '2026-03-02' }, { billDay: '2026-03-04' }], hospitalName: '' };
    expect(withValuesAsRead(submitted, read)).toEqual({ treatmentTo: '2026-03-02T00:00:00', bills: [{ billDay: '2026-3-2 9:30' }, { billDay: '2026-03-04' }], hospitalName: '' });
    expect(submitted.treatmentTo).toBe('2026-03-02');

    // and a day she changed, or emptied, is hers
    expect(withValuesAsRead({ treatmentTo: '2026-03-05', bills: [{ billDay: null }, { billDay: '2026-03-04' }] }, read)).toEqual({ treatmentTo: '2026-03-05', bills: [{ billDay: null }, { billDay: '2026-03-04' }] });
    // (nothing read otherwise than written: the data itself)
    expect(withValuesAsRead(submitted, {})).toBe(submitted);
  });

  it('should show a moment with its zone as written, with a note: its day depends on the zone', () => {
    const { data, written, read } = readDateValues(SCHEMA, { treatmentTo: '2026-03-01T16:30:00Z', bills: [{ billDay: '2026-03-02T08:00:00+08:00' }] });
    expect(data).toEqual({ treatmentTo: null, bills: [{ billDay: null }] });
    expect(written).toEqual({ treatmentTo: '2026-03-01T16:30:00Z', 'bills.0.billDay': '2026-03-02T08:00:00+08:00' });
    expect(read).toEqual({});
    expect(writtenValueMessage('2026-03-01T16:30:00Z')).toBe('原值“2026-03-01T16:30:00Z”带时区，不能确定是哪一天，请改填日期（如 2026/3/2）或清空此项');
    expect(writtenValueMessage('待定')).toBe('原值“待定”不是日期，请改填日期（如 2026/12/7）或清空此项');
    // (a date-time field's day without a time: the day is shown, the time asked for)
    expect(writtenValueMessage('2026-03-02', 'datetime')).toBe('原值“2026-03-02”缺少时间，请补填时间');
    expect(writtenValueMessage('2026-03-02', 'date')).toBe('原值“2026-03-02”不是日期，请改填日期（如 2026/12/7）或清空此项');
  });

  it('should leave a date-time field’s moment with its zone as it is: form-js reads it', () => {
    const data = { visitAt: '2026-03-01T16:30:00Z' };
    expect(readDateValues(SCHEMA, data)).toEqual({ data, written: {}, read: {} });
  });
});

describe('dateTimeValue', () => {
  it('should write a day and time as form-js does, without or with the zone', () => {
    expect(dateTimeValue({ timeInterval: 1 }, '2026-03-05', 14 * 60 + 37)).toBe('2026-03-05T14:37');
    expect(dateTimeValue({}, '2026-03-05', 9 * 60 + 45)).toBe('2026-03-05T09:45');
    // (in Xining: 14:00 is 06:00 in UTC, the offset +08:00)
    expect(dateTimeValue({ timeInterval: 1, timeSerializingFormat: 'utc_normalized' }, '2026-03-05', 14 * 60)).toBe('2026-03-05T06:00Z');
    expect(dateTimeValue({ timeInterval: 1, timeSerializingFormat: 'utc_offset' }, '2026-03-05', 14 * 60)).toBe('2026-03-05T14:00+08:00');
    expect(dateTimeValue({ timeInterval: 1, timeSerializingFormat: 'utc_normalized' }, '2026-03-05', 3 * 60)).toBe('2026-03-04T19:00Z');
  });
});
