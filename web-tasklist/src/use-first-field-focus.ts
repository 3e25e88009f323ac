/**
 * A form's first field takes the focus once the form is ready — only while the focus is still where the page put
 * it as it opened and the clerk pressed no key: the form shows a moment before it is ready (form-js draws it, then
 * the page hears it is ready, after the next frame; on a busy PC longer), and a clerk who clicked into a field
 * meanwhile and typed had the focus taken from her — the keys after it went to the first field's radio, nowhere.
 * A modifier key alone is no acting: a lone Shift is the input method's 中/英 switch, pressed before typing. (A Tab
 * counts, as it moves the focus.)
 */
import { useEffect, useRef } from 'preact/hooks';

/** Keys that type nothing and move nothing pressed alone (KeyboardEvent.key). */
const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'OS', 'CapsLock', 'Fn']);

export function useFirstFieldFocus(ready: boolean, fields: string): void {
  // (where the focus was as the page opened — the page's body, the button that opened it gone — and whether the
  // clerk has pressed a key or typed since: a key pressed with the focus on the body moved it, or went nowhere)
  const opened = useRef<{ focus: Element | null; pressed: boolean } | undefined>(undefined);
  useEffect(() => {
    const state = { focus: document.activeElement, pressed: false };
    opened.current = state;
    const press = (event: KeyboardEvent) => {
      if (!MODIFIERS.has(event.key)) state.pressed = true;
    };
    const input = () => (state.pressed = true);
    document.addEventListener('keydown', press, true);
    document.addEventListener('input', input, true);
    return () => {
      document.removeEventListener('keydown', press, true);
      document.removeEventListener('input', input, true);
    };
  }, []);

  useEffect(() => {
    const state = opened.current;
    if (!ready || !state || state.pressed || document.activeElement !== state.focus) return;
    document.querySelector<HTMLElement>(fields)?.focus();
  }, [ready]);
}
