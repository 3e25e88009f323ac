/**
 * Read-only copies the keyboard reaches. A form's copy of what an earlier step recorded is `disabled` in the schema
 * (docs/modeling-conventions.md): form-js then neither validates nor submits it, so 办结 never writes the copy over a
 * value a 补正 or a case repair corrected meanwhile. But form-js renders a disabled field as a disabled input, which
 * Tab and a screen reader's focus skip and which is greyed out: the clerk could not reach 业务类型 or the reason she
 * decides on. So a disabled radio, checklist, checkbox, select, text field, text area or date renders form-js's own
 * field as readonly instead — the schema keeps `disabled`, so form-js still leaves it out of the submitted data — as
 * amounts-shown.tsx does for amounts.
 *
 * A readonly text input cannot be changed; a readonly radio or checkbox can (the browser ignores `readonly` on them,
 * and form-js only stops the mouse with `pointer-events: none`): Space on a checkbox or an arrow on a radio would move
 * the tick on the screen while the form's data stays. So every click on a guarded choice is cancelled, which puts the
 * tick back — the click a key sends and a mouse click on its label alike. Guarded are the copies and every choice
 * form-js renders readonly: the task list opens an unclaimed task's whole form read-only (web-tasklist's
 * task-detail.tsx), where form-js passes `readonly` and no `disabled`, to the fields the clerk fills in as well.
 *
 * A guarded choice's inputs say `aria-disabled="true"`, not `aria-readonly`: ARIA 1.2 allows aria-readonly on a
 * checkbox and a radiogroup but not on a radio, and screen readers announce aria-disabled on all of them, while the
 * input stays focusable (unlike the `disabled` attribute). Every field keeps one wrapper, guarded or not, so claiming
 * the task (read-only → editable) re-renders the field in place instead of mounting it anew: focus stays where it was.
 */
import { Checkbox, Checklist, Datetime, Radio, Select, Textarea, Textfield } from '@bpmn-io/form-js-viewer';
import type { ComponentType } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { isReadOnlyCopy } from './read-only-copy.js';

interface FieldProps {
  field: { disabled?: boolean };
  /** form-js's: the field's own `disabled`, unless the whole form is read-only (then it passes readonly itself). */
  disabled?: boolean;
  /** form-js's: the field's `readonly`, or true in a read-only form. */
  readonly?: boolean;
}

type FormJsField = ComponentType<FieldProps & Record<string, unknown>> & { config: unknown };

/** The types whose inputs a key can change although readonly: their readonly fields are marked and guarded. */
const CHOICES = new Set(['radio', 'checklist', 'checkbox', 'select']);

const cancel = (event: Event) => event.preventDefault();

function shownReadOnly(type: string, FormJsField: FormJsField) {
  const choice = CHOICES.has(type);
  function ReadOnlyCopy(props: FieldProps & Record<string, unknown>) {
    const host = useRef<HTMLDivElement>(null);
    const copy = isReadOnlyCopy(props);
    const guarded = choice && (copy || props.readonly === true);
    // after every render: form-js renders an option's input anew when the options change, and claiming the task
    // makes a guarded choice editable again
    useLayoutEffect(() => {
      if (!choice) return;
      for (const input of host.current?.querySelectorAll('input') ?? []) {
        if (guarded) input.setAttribute('aria-disabled', 'true');
        else input.removeAttribute('aria-disabled');
        // the select's hidden input carries the chosen option's words; typing must not change them
        input.readOnly = guarded;
      }
    });
    return (
      <div class={copy ? 'read-only-copy' : undefined} ref={host} onClickCapture={guarded ? cancel : undefined}>
        {copy ? <FormJsField {...props} disabled={false} readonly /> : <FormJsField {...props} />}
      </div>
    );
  }
  ReadOnlyCopy.config = FormJsField.config;
  return ReadOnlyCopy;
}

const SHOWN: [string, FormJsField][] = [
  ['radio', Radio as unknown as FormJsField],
  ['checklist', Checklist as unknown as FormJsField],
  ['checkbox', Checkbox as unknown as FormJsField],
  ['select', Select as unknown as FormJsField],
  ['textfield', Textfield as unknown as FormJsField],
  ['textarea', Textarea as unknown as FormJsField],
  // readonly, form-js's date field does not open its calendar
  ['datetime', Datetime as unknown as FormJsField],
];

/** Puts the read-only copies in place of form-js's disabled fields (a viewer module's `__init__`). */
export class ReadOnlyCopiesShown {
  static $inject = ['formFields'];

  constructor(formFields: { register(type: string, component: unknown): void }) {
    for (const [type, field] of SHOWN) formFields.register(type, shownReadOnly(type, field));
  }
}
