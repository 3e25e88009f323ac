/**
 * A Camunda form in the form-js 1.23 viewer (the one Camunda's Tasklist uses), in Chinese. The parent gets the
 * form instance to submit it; read-only when the user may only look — switched on the form shown (form-js
 * `setProperty`), not by a new one, so what the clerk typed stays when her 认领 is let go and taken back. The
 * form's bpmn.io logo link is shown but not a Tab stop (logo-out-of-tab-order.ts).
 */
import { Form } from '@bpmn-io/form-js-viewer';
import { useEffect, useRef } from 'preact/hooks';
import { digitsAsText } from '../api/exact-json.js';
import { logoOutOfTabOrder } from '../layout/logo-out-of-tab-order.js';
import { formViewerOptions } from './form-viewer-options.js';
import { chineseFormJsModule, useChineseDateDefaults } from './index.js';
import { installCalendarPlugins } from './calendar-plugins.js';
import { showOfficeTodayIn } from './office-today-calendar.js';
import { takeDateTexts, withDateTexts, withValuesAsWritten } from './date-texts-kept.js';
import type { DateTextsShown } from './date-texts-shown.js';
import { readDateValues, withValuesAsRead, type ValuesRead } from './date-values-read.js';
import { HALF_TYPED_CHANGED } from './half-typed-date.js';

export interface FormHandle {
  /** Validates and returns the data, or the Chinese errors per field id. */
  submit(): { data: Record<string, unknown>; errors: Record<string, unknown> };
  reset(): void;
  /** form-js's own instance, for its events and state (tests watch its `changed`); submit through `submit` above. */
  readonly form: Form;
}

export interface FormViewProps {
  schema: object;
  data: Record<string, unknown>;
  readOnly?: boolean;
  onReady?: (form: FormHandle | undefined) => void;
  onError?: (message: string) => void;
  /**
   * The form's data after each change once the user typed or picked something in it (not the values form-js fills in
   * or computes as it opens): what a draft of the form keeps. With the texts left in date fields that are no date
   * (half typed, impossible, outside the field's days) under a key of their own (date-texts-kept.ts): `data` with
   * that key puts them back into their fields.
   */
  onChange?: (data: Record<string, unknown>) => void;
  /**
   * The clock FEEL's today() reads (office-today.ts), and the date fields' calendars mark today by
   * (office-today-calendar.ts), when not the app's server's: the modeler's Play panel gives its sandbox's.
   */
  now?: () => number;
}

export function FormView({ schema, data, readOnly = false, onReady, onError, onChange, now }: FormViewProps) {
  const host = useRef<HTMLDivElement>(null);
  const shown = useRef<Form | undefined>(undefined);
  const changed = useRef(onChange);
  changed.current = onChange;

  useEffect(() => {
    useChineseDateDefaults();
    installCalendarPlugins();
    const form = new Form({ ...formViewerOptions, container: host.current!, additionalModules: [chineseFormJsModule, ...(now ? [{ officeNow: ['value', now] }] : [])], properties: { readOnly } });
    shown.current = form;
    let alive = true;
    // (values read otherwise than written, while the field still holds them as read, go on as written: set below)
    let valuesRead: ValuesRead = {};
    const handle: FormHandle = {
      submit() {
        const submitted = form.submit() as ReturnType<FormHandle['submit']>;
        return { ...submitted, data: withValuesAsRead(submitted.data, valuesRead) };
      },
      reset: () => form.reset(),
      form,
    };
    // a change counts from the user's first input in the form (a date picked fires the input's change too); a pick
    // in a select or taglist, its ✕, a dynamic list's add / remove fire neither: a press of a pointer or key in the
    // form counts too (Tab alone only moves through it)
    let touched = false;
    // (an input event of the page's own — a text put back into a date field, handed to form-js as typed — is none)
    const touch = (event: Event) => event.isTrusted && (touched = true);
    const press = (event: KeyboardEvent) => event.key !== 'Tab' && event.key !== 'Shift' && touch(event);
    const container = host.current!;
    // form-js's bpmn.io link stays shown, but Tab goes from the last field on to the page's buttons
    const logoWatched = logoOutOfTabOrder(container);
    // the calendars mark the day today() gives, by the same clock (the form's: index.ts's, or `now`)
    const calendarsTold = showOfficeTodayIn(container, form.get<() => number>('officeNow'));
    container.addEventListener('input', touch, true);
    container.addEventListener('change', touch, true);
    container.addEventListener('pointerdown', touch, true);
    container.addEventListener('keydown', press, true);
    // the date fields' texts that are no date go with the data (date-texts-kept.ts), and are handed on as they come,
    // change or go: no value of the form's changes then
    const texts = form.get<DateTextsShown>('dateTextsShown');
    const handOn = (data: Record<string, unknown>) => {
      if (alive && touched) changed.current?.(withDateTexts(withValuesAsRead(withValuesAsWritten(data, texts.writtenKept()), valuesRead), texts.kept()));
    };
    const textsChanged = () => handOn((form as unknown as { _getState(): { data: Record<string, unknown> } })._getState().data);
    container.addEventListener(HALF_TYPED_CHANGED, textsChanged);
    // (returns nothing: a form-js listener's return value stops the event for the listeners after it — `false` did)
    form.on('changed', (state: { data: Record<string, unknown> }) => {
      handOn(state.data);
    });
    // a draft's texts taken out of the data, and date values another system wrote read as dates (date-values-read.ts),
    // those that are no date shown as texts; a long integer (an ID number another cluster stored as a number) as its
    // digits: a text field keeps them all
    const carried = takeDateTexts(data);
    // (digits first: the data read holds no LosslessNumber a copy could turn into a plain object, '' in a text field)
    const read = readDateValues(schema, digitsAsText(carried.data) as Record<string, unknown>);
    valuesRead = read.read;
    form.importSchema(schema, read.data).then(
      () => {
        if (!alive) return;
        texts.show({ ...read.written, ...carried.texts }, read.written);
        onReady?.(handle);
      },
      (error: Error) => alive && onError?.(`表单无法显示：${error.message}`),
    );
    return () => {
      alive = false;
      logoWatched();
      calendarsTold();
      container.removeEventListener(HALF_TYPED_CHANGED, textsChanged);
      container.removeEventListener('input', touch, true);
      container.removeEventListener('change', touch, true);
      container.removeEventListener('pointerdown', touch, true);
      container.removeEventListener('keydown', press, true);
      onReady?.(undefined);
      form.destroy();
    };
    // a new schema or new data renders a new form; callbacks and readOnly are read once (readOnly then below)
  }, [schema, data]);

  useEffect(() => shown.current?.setProperty('readOnly', readOnly), [readOnly]);

  return <div class="form-view" ref={host} />;
}
