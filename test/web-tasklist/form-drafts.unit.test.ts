/**
 * What a draft of a form keeps (form-drafts.ts): the fields the clerk changed, not the empty values form-js fills in
 * as a form opens, nor what the form opened with (a long integer as the form shows it); the tab's private data
 * (private-data.ts) kept for who signs in again and cleared for anyone else.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseExact } from '../../web-shared/src/api/exact-json.js';
import { claimPrivateData, clearPrivateData, removeUnprefixedLeftovers } from '../../web-shared/src/auth/private-data.js';
import { DATE_TEXTS_KEY } from '../../web-shared/src/form-js/date-texts-kept.js';
import { DRAFT_MAX_AGE_MS, discardTypedAside, draftMaxAgeMs, markSettled, markTypedAsideUncertain, markUncertain, readDraft, readTypedAside, referencesHeld, saveDraft, saveTypedAside, typedData, typedInto, underTyping } from '../../web-tasklist/src/form-drafts.js';
import { UNSETTLED_START_MAX_AGE_MS, dropUnsettledStart, keepUnsettledStart, unsettledStarts } from '../../web-tasklist/src/unsettled-starts.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

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

describe('saveDraft', () => {
  it('should not keep an 18-digit ID number stored as a number, which the form shows as its digits', () => {
    // given a tab's storage, and a task's data with the ID number as another cluster stored it (a JSON number)
    const storage = fakeSessionStorage();
    const base = parseExact('{"idNumber": 630102199001011234, "phone": "13997110002"}') as Record<string, unknown>;

    // when the form gives back the number as text, and the phone the clerk changed
    saveDraft('zhang-min', { kind: 'task', userTaskKey: '1' }, { idNumber: '630102199001011234', phone: '13997110003' }, base);

    // then only the phone is in the draft
    expect(readDraft('zhang-min', { kind: 'task', userTaskKey: '1' })?.data).toEqual({ phone: '13997110003' });
    expect([...storage.keys()].every((key) => key.startsWith('private:'))).toBe(true);
  });
});

describe('readDraft', () => {
  it('should drop a draft older than a session may live (a tab restored the next day)', () => {
    // given a draft saved at 08:00
    const storage = fakeSessionStorage();
    const at = Date.UTC(2026, 11, 6, 8);
    saveDraft('zhang-min', { kind: 'start', processId: 'p' }, { personName: '马福林' }, {}, at);

    // then it is read within the session's maximum age, and gone after it
    expect(readDraft('zhang-min', { kind: 'start', processId: 'p' }, at + DRAFT_MAX_AGE_MS)?.data).toEqual({ personName: '马福林' });
    expect(readDraft('zhang-min', { kind: 'start', processId: 'p' }, at + DRAFT_MAX_AGE_MS + 1)).toBeUndefined();
    expect([...storage.keys()]).toEqual([]);
  });
});

describe('saveTypedAside', () => {
  it('should keep a page’s typing beside another visit’s draft of the form, by page, without touching that draft', () => {
    // given the draft of another visit of the 新办件 form (another applicant)
    const storage = fakeSessionStorage();
    const form = { kind: 'start', processId: 'p' } as const;
    const at = Date.UTC(2026, 11, 6, 8);
    saveDraft('zhang-min', form, { personName: '马福林' }, {}, at, 'page-1');
    const draft = [...storage.entries()];

    // when the clerk types into this page's form while that draft is unconfirmed
    saveTypedAside('zhang-min', form, 'page-2', { personName: '韩永福' }, { now: at + 1_000 });

    // then this page reads its typing back (another page or user none), and the other visit's draft is as it was
    expect(readTypedAside('zhang-min', form, 'page-2', at + 2_000)).toEqual({ data: { personName: '韩永福' }, savedAt: at + 1_000 });
    expect(readTypedAside('zhang-min', form, 'page-3', at + 2_000)).toBeUndefined();
    expect(readTypedAside('li-jing', form, 'page-2', at + 2_000)).toBeUndefined();
    expect(readDraft('zhang-min', form, at + 2_000)).toEqual({ data: { personName: '马福林' }, savedAt: at, page: 'page-1', uncertain: undefined });
    expect([...storage.entries()].filter(([key]) => key.startsWith('private:tasklist.draft:'))).toEqual(draft);
    // (private data: cleared with the rest at a logout or a colleague's sign-in)
    expect([...storage.keys()].every((key) => key.startsWith('private:'))).toBe(true);

    // when she empties what she typed: nothing kept; typed again and given up: gone
    saveTypedAside('zhang-min', form, 'page-2', {}, { now: at + 3_000 });
    expect(readTypedAside('zhang-min', form, 'page-2', at + 3_000)).toBeUndefined();
    saveTypedAside('zhang-min', form, 'page-2', { personName: '韩永福' }, { now: at + 4_000 });
    discardTypedAside('zhang-min', form, 'page-2');
    expect([...storage.entries()]).toEqual(draft);
  });

  it('should keep a page’s typing sent with no answer marked 结果未知 on every later save', () => {
    // given what a page kept beside another visit's draft
    fakeSessionStorage();
    const form = { kind: 'start', processId: 'p' } as const;
    const at = Date.UTC(2026, 11, 6, 8);
    saveTypedAside('zhang-min', form, 'page-2', { personName: '韩永福' }, { now: at });

    // when it is submitted and the answer never comes, and she changes a field afterwards
    markTypedAsideUncertain('zhang-min', form, 'page-2');
    saveTypedAside('zhang-min', form, 'page-2', { personName: '韩永福', phone: '13909710000' }, { now: at + 1_000 });

    // then it reads back marked; and saved marked once emptied and typed again
    expect(readTypedAside('zhang-min', form, 'page-2', at + 2_000)).toEqual({ data: { personName: '韩永福', phone: '13909710000' }, savedAt: at + 1_000, uncertain: true });
    saveTypedAside('zhang-min', form, 'page-2', {}, { now: at + 3_000 });
    saveTypedAside('zhang-min', form, 'page-2', { personName: '韩永福' }, { now: at + 4_000, uncertain: true });
    expect(readTypedAside('zhang-min', form, 'page-2', at + 5_000)).toEqual({ data: { personName: '韩永福' }, savedAt: at + 4_000, uncertain: true });
    expect(readTypedAside('zhang-min', form, 'page-3', at + 5_000)).toBeUndefined();
  });

  it('should keep the 提交识别码 of a submit with no answer through later saves, and only the reference once settled', () => {
    // given a new case's draft and what another page kept aside, both sent with no answer carrying a reference
    fakeSessionStorage();
    const form = { kind: 'start', processId: 'p' } as const;
    const at = Date.UTC(2026, 11, 6, 8);
    saveDraft('zhang-min', form, { personName: '韩永福' }, {}, at, 'page-1');
    markUncertain('zhang-min', form, 'ref-1');
    saveTypedAside('zhang-min', form, 'page-2', { personName: '马福林' }, { now: at });
    markTypedAsideUncertain('zhang-min', form, 'page-2', 'ref-2');

    // when she changes a field of each afterwards
    saveDraft('zhang-min', form, { personName: '韩永福', phone: '13909710000' }, {}, at + 1_000, 'page-1');
    saveTypedAside('zhang-min', form, 'page-2', { personName: '马福林', phone: '13909710001' }, { now: at + 1_000 });

    // then both read back marked, with their references
    expect(readDraft('zhang-min', form, at + 2_000)).toMatchObject({ uncertain: true, reference: 'ref-1' });
    expect(readTypedAside('zhang-min', form, 'page-2', at + 2_000)).toMatchObject({ uncertain: true, reference: 'ref-2' });

    // and once the checks found no case with either reference, the marks go and the references stay (for the retry)
    markSettled('zhang-min', form, 'ref-1', 'page-2');
    markSettled('zhang-min', form, 'ref-2', 'page-2');
    expect(readDraft('zhang-min', form, at + 2_000)).toEqual({ data: { personName: '韩永福', phone: '13909710000' }, savedAt: at + 1_000, page: 'page-1', reference: 'ref-1' });
    expect(readTypedAside('zhang-min', form, 'page-2', at + 2_000)).toEqual({ data: { personName: '马福林', phone: '13909710001' }, savedAt: at + 1_000, reference: 'ref-2' });
  });

  it('should not give a draft typed in another page the mark and reference of the draft it replaces', () => {
    // given 马福林's 提交受理 in page 1 with no answer: her draft marked 结果未知 with ref-1
    fakeSessionStorage();
    const form = { kind: 'start', processId: 'p' } as const;
    const at = Date.UTC(2026, 11, 6, 8);
    saveDraft('zhang-min', form, { personName: '马福林' }, {}, at, 'page-1');
    markUncertain('zhang-min', form, 'ref-1');

    // when 新办件 opens again (page 2) and she types 韩永福 over the offered draft
    saveDraft('zhang-min', form, { personName: '韩永福' }, {}, at + 1_000, 'page-2');

    // then 韩永福's draft is not marked and carries no reference: a check by ref-1 would find 马福林's case and drop it
    expect(readDraft('zhang-min', form, at + 2_000)).toEqual({ data: { personName: '韩永福' }, savedAt: at + 1_000, page: 'page-2' });

    // and 恢复 of another page's marked draft keeps that draft's own mark and reference
    saveDraft('zhang-min', form, { personName: '马福林' }, {}, at + 3_000, 'page-3', { uncertain: true, reference: 'ref-1' });
    expect(readDraft('zhang-min', form, at + 4_000)).toMatchObject({ page: 'page-3', uncertain: true, reference: 'ref-1' });
  });

  it('should take the 结果未知 mark off only what carries the reference the check looked for', () => {
    // given this page's typing kept aside, sent with ref-2, and the form's draft another page marked with ref-1
    fakeSessionStorage();
    const form = { kind: 'start', processId: 'p' } as const;
    const at = Date.UTC(2026, 11, 6, 8);
    saveDraft('zhang-min', form, { personName: '马福林' }, {}, at, 'page-1');
    markUncertain('zhang-min', form, 'ref-1');
    saveTypedAside('zhang-min', form, 'page-2', { personName: '韩永福' }, { now: at, uncertain: true, reference: 'ref-2' });

    // when page 2's check finds no case with ref-2
    markSettled('zhang-min', form, 'ref-2', 'page-2');

    // then page 1's draft stays marked (its submit is unchecked), page 2's typing is not
    expect(readDraft('zhang-min', form, at + 1_000)).toMatchObject({ uncertain: true, reference: 'ref-1' });
    expect(readTypedAside('zhang-min', form, 'page-2', at + 1_000)).toEqual({ data: { personName: '韩永福' }, savedAt: at, reference: 'ref-2' });
  });

  it('should drop what a page kept once older than a session may live, as a draft', () => {
    // given
    const storage = fakeSessionStorage();
    const form = { kind: 'start', processId: 'p' } as const;
    const at = Date.UTC(2026, 11, 6, 8);
    saveTypedAside('zhang-min', form, 'page-2', { personName: '韩永福' }, { now: at });

    // then
    expect(readTypedAside('zhang-min', form, 'page-2', at + 24 * 3_600_000, draftMaxAgeMs(24))).toEqual({ data: { personName: '韩永福' }, savedAt: at });
    expect(readTypedAside('zhang-min', form, 'page-2', at + DRAFT_MAX_AGE_MS + 1)).toBeUndefined();
    expect([...storage.keys()]).toEqual([]);
  });
});

describe('removing old typing kept aside', () => {
  it('should remove every entry of the user older than a draft may be at the next save or read, any page’s, and no one else’s', () => {
    // given entries of two pages (one never opened again) and a colleague's, 13 hours ago, and one of an hour ago
    const storage = fakeSessionStorage();
    const form = { kind: 'start', processId: 'p' } as const;
    const other = { kind: 'start', processId: 'q' } as const;
    const at = Date.UTC(2026, 11, 6, 8);
    saveTypedAside('zhang-min', form, 'page-1', { personName: '马福林' }, { now: at });
    saveTypedAside('zhang-min', other, 'page-9', { unitName: '西宁市第一医院' }, { now: at });
    saveTypedAside('li-jing', form, 'page-5', { personName: '韩秀英' }, { now: at });
    saveTypedAside('zhang-min', form, 'page-2', { personName: '韩永福' }, { now: at + 12 * 3_600_000 });

    // when another page's entry is read 13 hours on (12 hours the longest a draft may live)
    expect(readTypedAside('zhang-min', form, 'page-3', at + 13 * 3_600_000)).toBeUndefined();

    // then hers of 13 hours ago are gone, whatever the page or form; the recent one and the colleague's stay
    expect([...storage.keys()].filter((key) => key.includes('zhang-min')).map((key) => key.slice(key.lastIndexOf(':') + 1))).toEqual(['page-2']);
    expect([...storage.keys()].some((key) => key.includes('li-jing'))).toBe(true);

    // when she saves 25 hours on: the last one goes too, and a server whose sessions live 24 hours keeps 24 hours
    saveTypedAside('zhang-min', other, 'page-4', { unitName: '西宁市第二医院' }, { now: at + 37 * 3_600_000, maxAgeMs: draftMaxAgeMs(24) });
    expect([...storage.keys()].filter((key) => key.includes('zhang-min')).map((key) => key.slice(key.lastIndexOf(':') + 1))).toEqual(['page-4']);
  });
});

describe('draftMaxAgeMs', () => {
  it('should follow the server’s SESSION_MAX_HOURS, and take 12 hours where the server does not say', () => {
    expect(draftMaxAgeMs(24)).toBe(24 * 3_600_000);
    expect(draftMaxAgeMs(1)).toBe(3_600_000);
    expect(draftMaxAgeMs(undefined)).toBe(DRAFT_MAX_AGE_MS);
    expect(draftMaxAgeMs(0)).toBe(DRAFT_MAX_AGE_MS);
    expect(DRAFT_MAX_AGE_MS).toBe(12 * 3_600_000);
  });

  it('should keep a draft older than 12 hours where sessions live 24, and mark it 结果未知 without dropping it', () => {
    // given a draft saved 13 hours ago, on a server whose sessions live 24 hours
    fakeSessionStorage();
    const of = { kind: 'task', userTaskKey: '7' } as const;
    const at = Date.UTC(2026, 11, 6, 8);
    saveDraft('zhang-min', of, { phone: '13997110003' }, {}, at);
    const now = at + 13 * 3_600_000;

    // when its submit got no answer
    markUncertain('zhang-min', of);

    // then it is read, marked, under 24 hours, and dropped only after them
    expect(readDraft('zhang-min', of, now, draftMaxAgeMs(24))).toMatchObject({ data: { phone: '13997110003' }, uncertain: true });
    expect(readDraft('zhang-min', of, at + 24 * 3_600_000 + 1, draftMaxAgeMs(24))).toBeUndefined();
  });
});

describe('underTyping', () => {
  it('should keep both the draft and what the clerk typed while it was unconfirmed, the later entry winning a field typed both times', () => {
    // given her draft, and the form she typed into meanwhile (opened empty: form-js fills in empty fields)
    const draft = { personName: '马福林', phone: '13997110002' };
    const typed = typedInto({ personName: '', phone: '13997110009', hospitalName: '青海省人民医院', note: '' }, {});

    // then
    expect(underTyping(draft, typed)).toEqual({ personName: '马福林', phone: '13997110009', hospitalName: '青海省人民医院' });
  });

  it('should keep the draft’s rows of a repeating list under typing into a form that added its empty first row', () => {
    // given her FC03 draft with a contribution period, and the start form she typed into meanwhile: form-js gives
    // the 缴费年限 list its one empty row (defaultRepetitions: 1)
    const draft = { personName: '马福林', contributionPeriods: [{ from: '1990-01', to: '2020-12' }] };
    const typed = typedInto({ personName: '', phone: '13997110009', contributionPeriods: [{ from: '', to: '' }] }, {});

    // then the empty row is not typed, and the draft's period stays
    expect(typed).toEqual({ phone: '13997110009' });
    expect(underTyping(draft, typed)).toEqual({ personName: '马福林', phone: '13997110009', contributionPeriods: [{ from: '1990-01', to: '2020-12' }] });
    // (a row she filled in is typed; and a list the form opened with, emptied by her, is too)
    expect(typedInto({ contributionPeriods: [{ from: '2021-01', to: '' }] }, {})).toEqual({ contributionPeriods: [{ from: '2021-01', to: '' }] });
    expect(typedInto({ contributionPeriods: [{ from: '', to: '' }] }, { contributionPeriods: [{ from: '1990-01', to: '2020-12' }] })).toEqual({ contributionPeriods: [{ from: '', to: '' }] });
  });
});

describe('underTyping, the texts kept in date fields', () => {
  it('should merge them path by path, a draft’s text going where she typed that field meanwhile', () => {
    // given her draft with half-typed texts in two date fields, and, typed meanwhile, a third text and 出院日期 anew
    const draft = { treatmentFrom: '2026-03-01', [DATE_TEXTS_KEY]: { treatmentTo: '2026/3', 'bills.0.billDay': '2026/2/30' } };
    const typed = { treatmentTo: '2026-03-05', visitDay: null, [DATE_TEXTS_KEY]: { visitDay: '2026/3/' } };

    // then each text stays but the one of the field typed anew
    expect(underTyping(draft, typed)).toEqual({ treatmentFrom: '2026-03-01', treatmentTo: '2026-03-05', visitDay: null, [DATE_TEXTS_KEY]: { 'bills.0.billDay': '2026/2/30', visitDay: '2026/3/' } });
    // (no text typed meanwhile: the draft's stay where she typed nothing; none left: no key)
    expect(underTyping(draft, { phone: '13997110009' })).toEqual({ ...draft, phone: '13997110009' });
    expect(underTyping({ [DATE_TEXTS_KEY]: { treatmentTo: '2026/3' } }, { treatmentTo: '2026-03-05' })).toEqual({ treatmentTo: '2026-03-05' });
  });
});

describe('private data', () => {
  it('should keep the data of who signs in again, and clear it for anyone else and at a logout', () => {
    // given a clerk's draft and view in a tab
    const storage = fakeSessionStorage();
    claimPrivateData('zhang-min');
    saveDraft('zhang-min', { kind: 'start', processId: 'p' }, { personName: '马福林' }, {});
    storage.set('modeler.search', 'FC20');

    // when she signs in again (her session ended): hers stays
    claimPrivateData('zhang-min');
    expect(readDraft('zhang-min', { kind: 'start', processId: 'p' })?.data).toEqual({ personName: '马福林' });

    // when a colleague signs in: nothing of hers stays (what is not private does)
    claimPrivateData('li-jing');
    expect(readDraft('zhang-min', { kind: 'start', processId: 'p' })).toBeUndefined();
    expect([...storage.keys()]).toEqual(['modeler.search', 'private:owner']);

    // when the colleague logs out: nothing private stays
    saveDraft('li-jing', { kind: 'start', processId: 'p' }, { personName: '冶成海' }, {});
    clearPrivateData();
    expect([...storage.keys()]).toEqual(['modeler.search']);
  });
});

describe('removeUnprefixedLeftovers', () => {
  it('should remove the task list’s keys of before the private prefix (a tab opened before the upgrade), whichever app starts, and nothing else', () => {
    // given a tab with the old keys, today's, and another app's (no app registers anything: the monitor or the
    // modeler may be the first app the tab opens)
    const storage = fakeSessionStorage();
    storage.set('tasklist.query', '{"search":"630103196503152014"}');
    storage.set('tasklist.draft:zhang-min:start:p', '{"data":{"personName":"马福林"}}');
    storage.set('private:tasklist.query', '{}');
    storage.set('modeler.search', 'FC20');

    // when
    removeUnprefixedLeftovers();

    // then
    expect([...storage.keys()]).toEqual(['private:tasklist.query', 'modeler.search']);
  });

  it('should keep the record of a 提交受理 whose outcome is unsettled, as a logout does', () => {
    // given a tab with a clerk's draft sent unanswered, and its record
    const storage = fakeSessionStorage();
    claimPrivateData('zhang-min');
    saveDraft('zhang-min', { kind: 'start', processId: 'p' }, { personName: '马福林' }, {});
    markUncertain('zhang-min', { kind: 'start', processId: 'p' }, 'ref-1');
    keepUnsettledStart('zhang-min', 'p', 'ref-1', 1_000);

    // when the app starts again in the tab, and she logs out
    removeUnprefixedLeftovers();
    clearPrivateData();

    // then the draft (her applicant's name) is gone, the record stays — holding no value of the form
    expect([...storage.keys()]).toEqual(['tasklist.unsettled-start:zhang-min:p:ref-1']);
    expect(storage.get('tasklist.unsettled-start:zhang-min:p:ref-1')).not.toContain('马福林');
    expect(unsettledStarts('zhang-min', 'p', 2_000)).toEqual([{ username: 'zhang-min', processId: 'p', reference: 'ref-1', sentAt: 1_000 }]);
  });
});

describe('unsettledStarts', () => {
  it('should give a clerk her own records of the process, oldest first, and none of a colleague or another process', () => {
    // given records of two clerks and two processes
    fakeSessionStorage();
    keepUnsettledStart('zhang-min', 'p', 'ref-2', 2_000);
    keepUnsettledStart('zhang-min', 'p', 'ref-1', 1_000);
    keepUnsettledStart('zhang-min', 'q', 'ref-3', 1_000);
    keepUnsettledStart('li-jing', 'p', 'ref-4', 1_000);

    // then
    expect(unsettledStarts('zhang-min', 'p', 3_000).map((record) => record.reference)).toEqual(['ref-1', 'ref-2']);
    expect(unsettledStarts('li-jing', 'p', 3_000).map((record) => record.reference)).toEqual(['ref-4']);

    // when one is settled
    dropUnsettledStart('zhang-min', 'p', 'ref-1');
    expect(unsettledStarts('zhang-min', 'p', 3_000).map((record) => record.reference)).toEqual(['ref-2']);
  });

  it('should remove records older than a week, of anyone, and damaged ones', () => {
    // given an old record of a colleague, a fresh one of the clerk, and a damaged one
    const storage = fakeSessionStorage();
    keepUnsettledStart('li-jing', 'p', 'old', 0);
    keepUnsettledStart('zhang-min', 'p', 'fresh', UNSETTLED_START_MAX_AGE_MS);
    storage.set('tasklist.unsettled-start:zhang-min:p:broken', '{');

    // when the clerk's records are read a week and a moment after the old one was sent
    const found = unsettledStarts('zhang-min', 'p', UNSETTLED_START_MAX_AGE_MS + 1);

    // then only the fresh one is left in the tab
    expect(found.map((record) => record.reference)).toEqual(['fresh']);
    expect([...storage.keys()]).toEqual(['tasklist.unsettled-start:zhang-min:p:fresh']);
  });
});

describe('referencesHeld', () => {
  it('should name the references the drafts of a form carry, the draft’s and what pages kept beside it, of that clerk only', () => {
    // given a clerk's draft and a page's typing aside, both sent, and a colleague's draft sent
    fakeSessionStorage();
    saveDraft('zhang-min', { kind: 'start', processId: 'p' }, { personName: '马福林' }, {}, 1_000, 'page-1');
    markUncertain('zhang-min', { kind: 'start', processId: 'p' }, 'ref-1');
    saveTypedAside('zhang-min', { kind: 'start', processId: 'p' }, 'page-2', { personName: '马福兰' }, { now: 1_000, uncertain: true, reference: 'ref-2' });
    saveDraft('li-jing', { kind: 'start', processId: 'p' }, { personName: '冶成海' }, {});
    markUncertain('li-jing', { kind: 'start', processId: 'p' }, 'ref-3');

    // then
    expect([...referencesHeld('zhang-min', { kind: 'start', processId: 'p' })].sort()).toEqual(['ref-1', 'ref-2']);
    expect([...referencesHeld('zhang-min', { kind: 'start', processId: 'q' })]).toEqual([]);
  });
});

/** A session storage of a tab (the unit tests run without a browser), its entries as a Map. */
function fakeSessionStorage(): Map<string, string> {
  const entries = new Map<string, string>();
  const storage = {
    get length() {
      return entries.size;
    },
    key: (index: number) => [...entries.keys()][index] ?? null,
    getItem: (key: string) => entries.get(key) ?? null,
    setItem: (key: string, value: string) => void entries.set(key, value),
    removeItem: (key: string) => void entries.delete(key),
  };
  vi.stubGlobal('sessionStorage', storage);
  return entries;
}
