/**
 * {@link FormView} loaded on first use: form-js (with FEEL, flatpickr, marked, DOMPurify) is most of the bundle,
 * and a list page does not need it, so the first screen comes up without downloading and parsing it.
 */
import { useEffect, useState } from 'preact/hooks';
import { zh } from '../i18n/zh-cn.js';
import type { FormView as FormViewComponent, FormViewProps } from './form-view.js';

let loading: Promise<typeof FormViewComponent> | undefined;

export function loadFormView(): Promise<typeof FormViewComponent> {
  return (loading ??= import('./form-view.js').then((module) => module.FormView));
}

export function LazyFormView(props: FormViewProps) {
  const [FormView, setFormView] = useState<typeof FormViewComponent | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  useEffect(() => {
    loadFormView().then(
      (component) => setFormView(() => component),
      (failure: Error) => setError(failure.message),
    );
  }, []);
  if (error) return <p class="error">{error}</p>;
  return FormView ? <FormView {...props} /> : <p class="muted">{zh.shell.loading}</p>;
}
