/**
 * The pager under a list: 「上一页」, where the list stands, 「下一页」. Its buttons stay focusable when there is no
 * page that way (aria-disabled, not disabled): on the last page 「下一页」 she pressed Enter on keeps her focus (a
 * disabled button drops it to <body>, and her next Tab starts from the top of the page) and says it is unavailable;
 * Enter there does nothing. Shared by 案件查询 and 逾期与临期 (monitor) and the task list's 案件数据; its look is in
 * styles/shared.css alone, so that it stands alike in every app.
 */
import { zh } from '../i18n/zh-cn.js';

export interface PagerProps {
  /** Where the list stands (第 51–100 条，共 120 条 / 第 2 / 5 页). */
  position: string;
  hasPrevious: boolean;
  hasNext: boolean;
  onPrevious(): void;
  onNext(): void;
}

export function Pager({ position, hasPrevious, hasNext, onPrevious, onNext }: PagerProps) {
  return (
    <div class="pager">
      <PagerButton available={hasPrevious} onPress={onPrevious}>
        {zh.common.previousPage}
      </PagerButton>
      {/* announced when it changes: her focus stays on the button, so a screen reader would otherwise say nothing */}
      <span aria-live="polite">{position}</span>
      <PagerButton available={hasNext} onPress={onNext}>
        {zh.common.nextPage}
      </PagerButton>
    </div>
  );
}

function PagerButton({ available, onPress, children }: { available: boolean; onPress: () => void; children: string }) {
  return (
    <button type="button" aria-disabled={available ? undefined : 'true'} onClick={() => available && onPress()}>
      {children}
    </button>
  );
}
