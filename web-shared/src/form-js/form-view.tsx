/**
 * A Camunda form in the form-js 1.23 viewer (the one Camunda's Tasklist uses), in Chinese. The parent gets the
 * form instance to submit it; read-only when the user may only look.
 */
import { Form } from '@bpmn-io/form-js-viewer';
import { useEffect, useRef } from 'preact/hooks';
import { chineseFormJsModule, useChineseDateDefaults } from './index.js';

export interface FormHandle {
  /** Validates and returns the data, or the Chinese errors per field id. */
  submit(): { data: Record<string, unknown>; errors: Record<string, unknown> };
  reset(): void;
}

export interface FormViewProps {
  schema: object;
  data: Record<string, unknown>;
  readOnly?: boolean;
  onReady?: (form: FormHandle | undefined) => void;
  onError?: (message: string) => void;
}

export function FormView({ schema, data, readOnly = false, onReady, onError }: FormViewProps) {
  const host = useRef<HTMLDivElement>(null);

  useEffect(() => {
    useChineseDateDefaults();
    const form = new Form({ container: host.current!, additionalModules: [chineseFormJsModule], properties: { readOnly } });
    let alive = true;
    const viewer = form as unknown as FormHandle;
    const handle: FormHandle = {
      // form-js applies typing 300 ms late (debounce); a text area catches up only when it loses focus, so a clerk
      // who typed her note and pressed Ctrl+Enter inside that window submitted the note without her last keys
      // (the browser test reproduced an empty note). Leaving the field first applies them; focus goes back after.
      submit() {
        const active = document.activeElement;
        const typing = active instanceof HTMLElement && host.current?.contains(active) ? active : undefined;
        typing?.blur();
        const result = viewer.submit();
        typing?.focus();
        return result;
      },
      reset: () => viewer.reset(),
    };
    form.importSchema(schema, data).then(
      () => alive && onReady?.(handle),
      (error: Error) => alive && onError?.(`表单无法显示：${error.message}`),
    );
    return () => {
      alive = false;
      onReady?.(undefined);
      form.destroy();
    };
    // a new schema or new data renders a new form; callbacks are read once
  }, [schema, data, readOnly]);

  return <div class="form-view" ref={host} />;
}
