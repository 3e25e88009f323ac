/**
 * An error notice: the Chinese sentence, and under it — when the server's answer held more (status, an English
 * detail of the engine's, the problem's type and instance) — a closed 「技术详情」 disclosure on the browser's own
 * `<details>`, reached with Tab and opened with Enter or Space, for support staff. A clerk reads only Chinese.
 * Only the sentence is announced (role="alert" on it alone): a 重试 beside it and the disclosure are not read out
 * with it each time it appears.
 */
import type { ComponentChildren } from 'preact';
import type { Failure } from '../api/failure.js';
import { zh } from '../i18n/zh-cn.js';

export interface ErrorNoticeProps {
  failure: Failure | string;
  /** The notice's look where it stands (`banner error`, `page-status error`, `error`). */
  class?: string;
  testId?: string;
  /** Shown after the sentence (a 重试 button), outside its live region. */
  children?: ComponentChildren;
  /** Told when the disclosure is opened or closed (a notice that hides itself stays while it is open). */
  onDetailToggle?(open: boolean): void;
}

export function ErrorNotice({ failure, class: className = 'banner error', testId, children, onDetailToggle }: ErrorNoticeProps) {
  const { text, technical } = typeof failure === 'string' ? { text: failure, technical: undefined } : failure;
  return (
    <div class={className} data-testid={testId}>
      <span role="alert">{text}</span>
      {children}
      {technical && <TechnicalDetail technical={technical} onToggle={onDetailToggle} />}
    </div>
  );
}

/** The closed 「技术详情」 disclosure alone, for a sentence shown in a live region of its place's own. */
export function TechnicalDetail({ technical, onToggle }: { technical: string; onToggle?(open: boolean): void }) {
  return (
    <details class="technical-detail" onToggle={(event) => onToggle?.((event.currentTarget as HTMLDetailsElement).open)}>
      <summary>{zh.problems.technicalDetail}</summary>
      <pre>{technical}</pre>
    </details>
  );
}
