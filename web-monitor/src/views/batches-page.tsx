/**
 * 批量操作: the batch operations of the engine (`POST /v2/batch-operations/search`), newest first, with their
 * progress, and for each the items that failed with the reason each failed (`/v2/batch-operation-items/search`).
 * Refreshes every 2 seconds while one is running, and while the one the manager just started (`created`) is not
 * listed yet: on a Camunda 8.8 cluster the search returns a new batch operation a moment after it was created
 * (docs/camunda8-cluster.md). Until then the page says it was submitted; after {@link CREATED_READS} reads (30 s)
 * without it, that it is not shown yet.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { BatchOperation, BatchOperationItem } from '../../../web-shared/src/api/camunda-types.js';
import { ApiError } from '../../../web-shared/src/api/v2-client.js';
import { useSession } from '../../../web-shared/src/auth/session.js';
import { formatDateTime } from '../../../web-shared/src/format/dates.js';
import { linkProps } from '../router.js';
import { t } from '../texts.js';
import { mayReadBatches } from './may-read-batches.js';
import { failureOf, type Failure } from '../../../web-shared/src/api/failure.js';
import { ErrorNotice } from '../../../web-shared/src/layout/error-notice.js';

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
const POLL_MS = 2_000;
/** The reads that look for a batch operation just created: 30 s. */
const CREATED_READS = 15;

export function BatchesPage({ created }: { created?: string }) {
  const { client, user } = useSession();
  // an empty list is "none" only for those who may read batch operations (see mayReadBatches for how far that goes)
  const readsBatches = mayReadBatches(user);
  const [operations, setOperations] = useState<BatchOperation[] | undefined>(undefined);
  const [failed, setFailed] = useState<Record<string, BatchOperationItem[]>>({});
  const [error, setError] = useState<Failure | string | undefined>(undefined);
  /** Whether a read listed `created`, and how many did not. */
  const [createdSeen, setCreatedSeen] = useState<{ seen: boolean; misses: number }>({ seen: false, misses: 0 });

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
      return { running: result.items.some((operation) => RUNNING.has(operation.state)), listed: result.items.map((operation) => String(operation.batchOperationKey)) };
    } catch (failure) {
      setError(failure instanceof ApiError && failure.status === 404 ? t.batches.unavailable : failureOf(failure));
      return { running: false, listed: [] };
    }
  }, [client]);

  useEffect(() => {
    let timer: number | undefined;
    let stopped = false;
    let looking = { seen: created === undefined, misses: 0 };
    const tick = async () => {
      window.clearTimeout(timer);
      const { running, listed } = await load();
      if (stopped) return;
      if (!looking.seen) {
        looking = listed.includes(created!) ? { seen: true, misses: 0 } : { seen: false, misses: looking.misses + 1 };
        setCreatedSeen(looking);
      }
      const stillLooking = !looking.seen && looking.misses < CREATED_READS;
      if (running || stillLooking) timer = window.setTimeout(() => void tick(), POLL_MS);
    };
    void tick();
    // the manager's refresh (R) looks for the created one again for as long
    const refresh = () => {
      if (!looking.seen) looking = { seen: false, misses: 0 };
      void tick();
    };
    window.addEventListener('monitor:refresh', refresh);
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      window.removeEventListener('monitor:refresh', refresh);
    };
  }, [load, created]);

  return (
    <section aria-labelledby="batches-title">
      <div class="page-bar">
        <h1 id="batches-title">{t.batches.title}</h1>
      </div>
      {error && <ErrorNotice failure={error} />}
      {created !== undefined && !createdSeen.seen && (
        <p class="banner notice" role="status" data-testid="batch-created">
          {createdSeen.misses < CREATED_READS ? t.batches.created(created) : t.batches.createdUnseen(created)}
        </p>
      )}
      {operations && operations.length === 0 && (created === undefined || createdSeen.seen) && (readsBatches ? <p class="muted">{t.batches.none}</p> : <p class="notice" data-testid="batches-forbidden">{t.batches.forbidden}</p>)}
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
