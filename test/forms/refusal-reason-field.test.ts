/**
 * The 不予受理理由 (`refusalReason`) the deciding forms take and the 不予受理告知书 prints: every form that has it
 * needs it and limits it as the worker does (a reason the form accepts never fails the notice job), shows it only
 * for 不予受理 (so it is never set before the refusal, and an earlier 退回补正's reason cannot be printed), and every
 * model whose 出具不予受理告知书 takes `refusalReason` has a form that sets it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DECISION_REASON_MAX_LENGTH } from '../../workers/generate-decision-notice.js';
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

/**
 * The reason a notice of a decision after 受理 prints (不予办理, 不予变更, 不予认定, 不予备案): the field its
 * 出具…告知书 task maps to `decisionReason` is on the model's deciding form, required, limited as the worker, and shown
 * only for the refusal — a reason shown for a 退回补正 as well could be left from that return and printed here.
 */
describe('the reason of a refusing decision after 受理 on the deciding forms', () => {
  const models = readdirSync('bpmn').filter((name) => name.endsWith('.bpmn'));
  const printing = models.flatMap((name) => {
    const xml = readFileSync(`bpmn/${name}`, 'utf8');
    // FC17's notices print the system's reason (a FEEL text with the dates it checked, an output of the model's own
    // 记录不予备案理由 events), no clerk's field
    const setByModel = new Set([...xml.matchAll(/<zeebe:output source="[^"]*" target="(\w+)" \/>/g)].map((m) => m[1]!));
    const fields = [...xml.matchAll(/<zeebe:input source="=(\w+)" target="decisionReason" \/>/g)].map((m) => m[1]!).filter((key) => !setByModel.has(key));
    const formIds = [...xml.matchAll(/formId="([^"]+)"/g)].map((m) => m[1]!);
    return fields.map((key) => ({ name, key, formIds }));
  });

  it('should be required with the worker maxLength and shown only for the refusal on a form of the model', () => {
    expect(printing.map(({ name }) => name.replace(/^xining-(fc\d+).*$/, '$1'))).toEqual(['fc05', 'fc07', 'fc10', 'fc11', 'fc11', 'fc15', 'fc19', 'fc21']);
    for (const { name, key, formIds } of printing) {
      const deciding = forms.filter((form) => formIds.includes(form.id)).flatMap((form) => flatten(form.components).filter((c) => c.key === key && !c.disabled).map((field) => ({ form: form.id, field })));
      expect(deciding.length, name).toBeGreaterThanOrEqual(1);
      for (const { form, field } of deciding) {
        expect(field.validate, form).toEqual({ required: true, maxLength: DECISION_REASON_MAX_LENGTH });
        expect(field.conditional?.hide, form).toMatch(/^=\w+Decision != "rejected"$/);
      }
    }
  });

  it('should not show the step\'s 退回补正 reason for the refusal where the step can return', () => {
    for (const id of ['fc05-review', 'fc07-review', 'fc19-registration', 'fc21-registration']) {
      const fields = flatten(forms.find((form) => form.id === id)!.components);
      const returnReason = fields.find((c) => c.key?.endsWith('Reason') && c.key !== 'decisionReason')!;
      expect(returnReason.conditional?.hide, id).toMatch(/^=\w+Decision != "returned"$/);
    }
  });
});
