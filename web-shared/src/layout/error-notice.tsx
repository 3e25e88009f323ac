/**
 * An error notice: the Chinese sentence, and under it — when the server's answer held more (status, an English
 * detail of the engine's, the problem's type and instance) — a closed 「技术详情」 disclosure on the browser's own
 * `<details>`, reached with Tab and opened with Enter or Space, for support staff. A clerk reads only Chinese.
 */
import type { ComponentChildren } from 'preact';
import type { Failure } from '../api/failure.js';
import { zh } from '../i18n/zh-cn.js';

export interface ErrorNoticeProps {
  failure: Failure | string;
  /** The notice's look where it stands (`banner error`, `page-status error`, `error`). */
  class?: string;
  testId?: string;
  /** Shown after the sentence (a 重试 button). */
  children?: ComponentChildren;
  /** Told when the disclosure is opened or closed (a notice that hides itself stays while it is open). */
  onDetailToggle?(open: boolean): void;
  /** Inside a polite live region of its own (the task list's status line): no role="alert" of its own. */
  inLiveRegion?: boolean;
}

export function ErrorNotice({ failure, class: className = 'banner error', testId, children, onDetailToggle, inLiveRegion = false }: ErrorNoticeProps) {
  const { text, technical } = typeof failure === 'string' ? { text: failure, technical: undefined } : failure;
  return (
    <div class={className} role={inLiveRegion ? undefined : 'alert'} data-testid={testId}>
      {text}
      {children}
      {technical && (
        <details class="technical-detail" onToggle={(event) => onDetailToggle?.((event.currentTarget as HTMLDetailsElement).open)}>
          <summary>{zh.problems.technicalDetail}</summary>
          <pre>{technical}</pre>
        </details>
      )}
    </div>
  );
}
