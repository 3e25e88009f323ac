/**
 * 批量操作: the batch operations of the engine (`POST /v2/batch-operations/search`), newest first, with their
 * progress, and for each the items that failed with the reason each failed (`/v2/batch-operation-items/search`).
 * Refreshes every 2 seconds while one is running.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { BatchOperation, BatchOperationItem } from '../../../web-shared/src/api/camunda-types.js';
import { ApiError } from '../../../web-shared/src/api/v2-client.js';
import { useSession } from '../../../web-shared/src/auth/session.js';
import { formatDateTime } from '../../../web-shared/src/format/dates.js';
import { linkProps } from '../router.js';
import { t } from '../texts.js';
import { mayReadBatches } from './may-read-batches.js';

const TYPES: Record<string, string> = {
  CANCEL_PROCESS_INSTANCE: '批量撤销',
  RESOLVE_INCIDENT: '批量重试（解决异常）',
  MODIFY_PROCESS_INSTANCE: '批量移动环节',
  MIGRATE_PROCESS_INSTANCE: '批量迁移',
};
const STATES: Record<string, string> = {
  CREATED: '已创建',
  ACTIVE: '执行中',
  SUSPENDED: '已暂停',
  COMPLETED: '已完成',
  PARTIALLY_COMPLETED: '部分完成',
  CANCELED: '已取消',
  FAILED: '失败',
};
const RUNNING = new Set(['CREATED', 'ACTIVE']);

export function BatchesPage() {
  const { client, user } = useSession();
  // an empty list is "none" only for those who may read batch operations (see mayReadBatches for how far that goes)
  const readsBatches = mayReadBatches(user);
  const [operations, setOperations] = useState<BatchOperation[] | undefined>(undefined);
  const [failed, setFailed] = useState<Record<string, BatchOperationItem[]>>({});
  const [error, setError] = useState<string | undefined>(undefined);

  const load = useCallback(async () => {
    try {
      const result = await client.searchBatchOperations({ sort: [{ field: 'startDate', order: 'desc' }], page: { limit: 50 } }, { polling: true });
      setOperations(result.items);
      const failures: Record<string, BatchOperationItem[]> = {};
      for (const operation of result.items.filter((candidate) => candidate.operationsFailedCount > 0).slice(0, 10)) {
        failures[operation.batchOperationKey] = (
          await client.searchBatchOperationItems({ filter: { batchOperationKey: operation.batchOperationKey, state: 'FAILED' }, page: { limit: 100 } })
        ).items;
      }
      setFailed(failures);
      setError(undefined);
      return result.items.some((operation) => RUNNING.has(operation.state));
    } catch (failure) {
      setError(failure instanceof ApiError && failure.status === 404 ? t.batches.unavailable : (failure as Error).message);
      return false;
    }
  }, [client]);

  useEffect(() => {
    let timer: number | undefined;
    let stopped = false;
    const tick = async () => {
      const running = await load();
      if (!stopped && running) timer = window.setTimeout(() => void tick(), 2_000);
    };
    void tick();
    const refresh = () => void tick();
    window.addEventListener('monitor:refresh', refresh);
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      window.removeEventListener('monitor:refresh', refresh);
    };
  }, [load]);

  return (
    <section aria-labelledby="batches-title">
      <div class="page-bar">
        <h1 id="batches-title">{t.batches.title}</h1>
      </div>
      {error && <p class="banner error" role="alert">{error}</p>}
      {operations && operations.length === 0 && (readsBatches ? <p class="muted">{t.batches.none}</p> : <p class="notice" data-testid="batches-forbidden">{t.batches.forbidden}</p>)}
      {operations && operations.length > 0 && (
        <table class="data" data-testid="batch-operations">
          <thead>
            <tr>
              <th>编号</th>
              <th>操作</th>
              <th>状态</th>
              <th>进度</th>
              <th>开始</th>
              <th>结束</th>
            </tr>
          </thead>
          <tbody>
            {operations.map((operation) => {
              const done = operation.operationsCompletedCount + operation.operationsFailedCount;
              return [
                <tr key={operation.batchOperationKey} data-batch={operation.batchOperationKey}>
                  <td>{operation.batchOperationKey}</td>
                  <td>{TYPES[operation.batchOperationType] ?? operation.batchOperationType}</td>
                  <td data-cell="state">{STATES[operation.state] ?? operation.state}</td>
                  <td>
                    <progress max={Math.max(1, operation.operationsTotalCount)} value={done} />{' '}
                    <span data-cell="progress">
                      {done}/{operation.operationsTotalCount}
                      {operation.operationsFailedCount > 0 && <span class="error">（失败 {operation.operationsFailedCount}）</span>}
                    </span>
                  </td>
                  <td>{formatDateTime(operation.startDate)}</td>
                  <td>{formatDateTime(operation.endDate)}</td>
                </tr>,
                ...(failed[operation.batchOperationKey] ?? []).map((item) => (
                  <tr key={`${operation.batchOperationKey}-${item.itemKey}`} class="failed-item">
                    <td />
                    <td colSpan={5}>
                      案件 <a {...linkProps({ page: 'instance', processInstanceKey: item.processInstanceKey })}>{item.processInstanceKey}</a>：
                      <span class="error">{item.errorMessage ?? '失败'}</span>
                    </td>
                  </tr>
                )),
              ];
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
