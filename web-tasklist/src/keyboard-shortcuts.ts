/**
 * Keyboard shortcuts of the task list (shown in its footer): j / k next and previous task, c claim, u unclaim,
 * Ctrl+Enter complete (办结 on a task, 提交受理 on 新办件's form; not while an IME composes, nor a held key's
 * repeats), n new case, / search, r refresh. Letters are ignored while typing in a field; the pages listen to
 * `tasklist:*` window events (onShortcutAction), so the shortcuts stay in one place.
 */
export type TaskAction = 'claim' | 'unclaim' | 'complete';

export interface ShortcutHandlers {
  move(step: 1 | -1): void;
  newCase(): void;
  refresh(): void;
}

export function installShortcuts(handlers: ShortcutHandlers): () => void {
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      // (an Enter that ends an IME composition — a name half typed in pinyin — is the IME's, and a key held down
      // repeats: neither submits)
      if (composing(event) || event.repeat) return;
      event.preventDefault();
      return fire('complete');
    }
    if (event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) return;
    const run = {
      j: () => handlers.move(1),
      k: () => handlers.move(-1),
      c: () => fire('claim'),
      u: () => fire('unclaim'),
      n: () => handlers.newCase(),
      r: () => handlers.refresh(),
      '/': () => window.dispatchEvent(new Event('tasklist:focus-search')),
    }[event.key];
    if (run) {
      event.preventDefault();
      run();
    }
  };
  window.addEventListener('keydown', onKeyDown);
  return () => window.removeEventListener('keydown', onKeyDown);
}

/**
 * Calls `handler` with each claim / unclaim / complete the keyboard asks for, until the returned function is called
 * (a page's effect cleanup): the task page and 新办件's form take the same Ctrl+Enter.
 */
export function onShortcutAction(handler: (action: TaskAction) => void): () => void {
  const listener = (event: Event) => handler((event as CustomEvent<TaskAction>).detail);
  window.addEventListener('tasklist:action', listener);
  return () => window.removeEventListener('tasklist:action', listener);
}

function fire(action: TaskAction): void {
  window.dispatchEvent(new CustomEvent('tasklist:action', { detail: action }));
}

/** A key the IME takes while a composition is under way (Chromium gives some with keyCode 229 and no isComposing). */
function composing(event: KeyboardEvent): boolean {
  return event.isComposing || event.keyCode === 229;
}

function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}
