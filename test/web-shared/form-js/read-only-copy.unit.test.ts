/**
 * The one test of a read-only copy (read-only-copy.ts) that read-only-copies-shown.tsx and amounts-shown.tsx both
 * render by: `disabled` in the schema and passed so by form-js — not a field the clerk fills in, nor any field of a
 * form opened read-only (form-js passes `readonly` there, no `disabled`).
 */
import { describe, expect, it } from 'vitest';
import { isReadOnlyCopy } from '../../../web-shared/src/form-js/read-only-copy.js';

describe('isReadOnlyCopy', () => {
  it('should take a field disabled in the schema and passed disabled for a copy, and nothing else', () => {
    // a copy in an editable form
    expect(isReadOnlyCopy({ field: { disabled: true }, disabled: true })).toBe(true);
    // a copy in a form opened read-only (an unclaimed task): form-js passes readonly, not disabled
    expect(isReadOnlyCopy({ field: { disabled: true }, disabled: false })).toBe(false);
    expect(isReadOnlyCopy({ field: { disabled: true } })).toBe(false);
    // a field the clerk fills in
    expect(isReadOnlyCopy({ field: {}, disabled: false })).toBe(false);
    expect(isReadOnlyCopy({ field: { disabled: false }, disabled: true })).toBe(false);
  });
});
