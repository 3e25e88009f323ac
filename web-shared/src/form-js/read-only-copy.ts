/**
 * Whether form-js is rendering a read-only copy: a field `disabled` in the schema (a form's copy of what an earlier
 * step recorded, docs/modeling-conventions.md) that form-js passes as disabled — it does not in a read-only form,
 * where it passes `readonly` to every field instead. Such a field is shown readonly, which Tab reaches, not disabled
 * (read-only-copies-shown.tsx, and amounts-shown.tsx for copied numbers): one test for both.
 */
export function isReadOnlyCopy(props: { field: { disabled?: boolean }; disabled?: boolean }): boolean {
  return props.disabled === true && props.field.disabled === true;
}
