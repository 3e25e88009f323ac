/**
 * The 不予受理理由 (`refusalReason`) the deciding forms take and the 不予受理告知书 prints: every form that has it
 * needs it and limits it as the worker does (a reason the form accepts never fails the notice job), shows it only
 * for 不予受理 (so it is never set before the refusal, and an earlier 退回补正's reason cannot be printed), and every
 * model whose 出具不予受理告知书 takes `refusalReason` has a form that sets it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REFUSAL_REASON_MAX_LENGTH } from '../../workers/generate-refusal-notice.js';

interface Component {
  key?: string;
  disabled?: boolean;
  validate?: { required?: boolean; maxLength?: number };
  conditional?: { hide?: string };
  components?: Component[];
}

const flatten = (components: Component[]): Component[] => components.flatMap((c) => [c, ...flatten(c.components ?? [])]);
const forms = readdirSync('forms')
  .filter((name) => name.endsWith('.form'))
  .map((name) => JSON.parse(readFileSync(`forms/${name}`, 'utf8')) as { id: string; components: Component[] });
// the deciding forms' fields: a form that only shows the reason (FC18/FC22's 送达 task, read-only) decides nothing
const refusalFields = forms.flatMap((form) => flatten(form.components).flatMap((c) => (c.key === 'refusalReason' && !c.disabled ? [{ form: form.id, field: c }] : [])));

describe('不予受理理由 on the deciding forms', () => {
  it('should be required with the worker maxLength, and shown only when the decision is 不予受理', () => {
    expect(refusalFields.length).toBeGreaterThanOrEqual(13);
    for (const { form, field } of refusalFields) {
      expect(field.validate, form).toEqual({ required: true, maxLength: REFUSAL_REASON_MAX_LENGTH });
      expect(field.conditional?.hide, form).toMatch(/^=\w+Decision != "rejected"$/);
    }
  });

  it('should be set by a form of every model whose refusal notice prints it', () => {
    const withField = new Set(refusalFields.map(({ form }) => form));
    const models = readdirSync('bpmn').filter((name) => name.endsWith('.bpmn'));
    const printing = models.filter((name) => readFileSync(`bpmn/${name}`, 'utf8').includes('<zeebe:input source="=refusalReason" target="refusalReason" />'));
    expect(printing.length).toBeGreaterThanOrEqual(13);
    for (const name of printing) {
      const formIds = [...readFileSync(`bpmn/${name}`, 'utf8').matchAll(/formId="([^"]+)"/g)].map((m) => m[1]!);
      expect(formIds.some((id) => withField.has(id)), name).toBe(true);
    }
  });
});
