/**
 * Whether form-js is rendering a read-only copy: a field `disabled` in the schema (a form's copy of what an earlier
 * step recorded, docs/modeling-conventions.md) that form-js passes as disabled — it does not in a read-only form,
 * where it passes `readonly` to every field instead. Such a field is shown readonly, which Tab reaches, not disabled
 * (read-only-copies-shown.tsx, and amounts-shown.tsx for copied numbers): one test for both. amounts-shown.tsx
 * still tells an amount by the schema's `disabled` alone (with the `¥` adorner): an amount is shown in yuan in a
 * read-only form too (an unclaimed task, a completed one), where form-js passes `readonly` and no `disabled` — its
 * formatting is about the value, not about how the field is reached.
 */
export function isReadOnlyCopy(props: { field: { disabled?: boolean }; disabled?: boolean }): boolean {
  return props.disabled === true && props.field.disabled === true;
}
