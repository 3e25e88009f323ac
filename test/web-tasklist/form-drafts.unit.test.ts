/**
 * What a draft of a form keeps (form-drafts.ts): the fields the clerk changed, not the empty values form-js fills in
 * as a form opens, nor what the form opened with.
 */
import { describe, expect, it } from 'vitest';
import { typedData } from '../../web-tasklist/src/form-drafts.js';

describe('typedData', () => {
  it('should keep the fields that differ from the data the form opened with, and no field form-js added empty', () => {
    // given a task's form opened with the case's data, as form-js gives it back after the clerk's input
    const base = { personName: '韩永福', idNumber: '630103196503152014', receivedMaterials: ['医院收费票据'], preliminaryReviewReason: '' };
    const data = { ...base, receivedMaterials: ['医院收费票据', '病历资料（住院）'], preliminaryReviewDecision: 'approved', note: '', returned: false, extra: [], missing: null };

    // then
    expect(typedData(data, base)).toEqual({ receivedMaterials: ['医院收费票据', '病历资料（住院）'], preliminaryReviewDecision: 'approved' });
  });

  it('should keep a field the clerk emptied that the form opened with a value, and nothing when she typed nothing', () => {
    expect(typedData({ phone: '' }, { phone: '13997110002' })).toEqual({ phone: '' });
    expect(typedData({ phone: '', channel: null }, {})).toEqual({});
  });
});
