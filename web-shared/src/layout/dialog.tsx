/**
 * A modal dialog on the browser's own `<dialog>` (focus stays inside, Esc closes, focus returns to where it was):
 * keyboard users reach everything in it without a mouse.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { zh } from '../i18n/zh-cn.js';

export interface DialogProps {
  title: string;
  onClose(): void;
  children: ComponentChildren;
  /** Extra class for sizing (`wide`). */
  class?: string;
}

export function Dialog({ title, onClose, children, class: className }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current!;
    const opener = document.activeElement as HTMLElement | null;
    dialog.showModal();
    const cancel = (event: Event) => {
      event.preventDefault();
      onClose();
    };
    dialog.addEventListener('cancel', cancel);
    return () => {
      dialog.removeEventListener('cancel', cancel);
      dialog.close();
      opener?.focus?.();
    };
  }, []);
  return (
    <dialog ref={ref} class={`app-dialog ${className ?? ''}`} aria-labelledby="app-dialog-title">
      <div class="app-dialog-header">
        <h2 id="app-dialog-title">{title}</h2>
        <button class="link" onClick={onClose} aria-label={zh.common.close}>
          ✕
        </button>
      </div>
      <div class="app-dialog-body">{children}</div>
    </dialog>
  );
}
