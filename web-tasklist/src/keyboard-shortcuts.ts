/**
 * Keyboard shortcuts of the task list (shown in its footer): j / k next and previous task, c claim, u unclaim,
 * Ctrl+Enter complete, n new case, / search, r refresh. Letters are ignored while typing in a field; the pages
 * listen to `tasklist:*` window events, so the shortcuts stay in one place.
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

function fire(action: TaskAction): void {
  window.dispatchEvent(new CustomEvent('tasklist:action', { detail: action }));
}

function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}
