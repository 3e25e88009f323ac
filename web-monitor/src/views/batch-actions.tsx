/**
 * Batch operations on the cases of a search (Camunda 8.8's `POST /v2/process-instances/cancellation |
 * incident-resolution | modification | migration`): on the selected cases, or — "select all" — on every case the
 * search matches, sent as the search's own filter, never as the visible page. The engine works them off in the
 * background; 批量操作 shows the progress and why an item failed.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ProcessDefinition, ProcessInstanceFilter } from '../../../web-shared/src/api/camunda-types.js';
import { useSession } from '../../../web-shared/src/auth/session.js';
import { bpmnElements, type BpmnElement } from '../diagram/bpmn-elements.js';
import { navigate } from '../router.js';
import { t } from '../texts.js';
import { useMonitorData } from '../use-monitor-data.js';
import { failureOf, type Failure } from '../../../web-shared/src/api/failure.js';
import { ErrorNotice } from '../../../web-shared/src/layout/error-notice.js';

export interface Selection {
  keys: string[];
  /** Every case the search matches. */
  all: boolean;
}

type Action = 'cancellation' | 'incident-resolution' | 'modification' | 'migration';

const ACTIONS: { id: Action; text: string }[] = [
  { id: 'cancellation', text: '批量撤销' },
  { id: 'incident-resolution', text: '批量重试（解决异常）' },
  { id: 'modification', text: '批量移动环节' },
  { id: 'migration', text: '批量迁移到其他版本' },
];

export function BatchActions({
  filter,
  total,
  selection,
  onSelection,
  onDone,
}: {
  filter: ProcessInstanceFilter;
  total: number;
  selection: Selection;
  onSelection: (next: Selection) => void;
  onDone: () => void;
}) {
  const { client } = useSession();
  const { mayRepair, processTitle } = useMonitorData();
  const [action, setAction] = useState<Action>('cancellation');
  const [elements, setElements] = useState<BpmnElement[]>([]);
  const [versions, setVersions] = useState<ProcessDefinition[]>([]);
  const [move, setMove] = useState({ source: '', target: '' });
  const [target, setTarget] = useState('');
  const [error, setError] = useState<Failure | string | undefined>(undefined);
  // a batch being started: a second click asks nothing and sends nothing (the ref answers before the page re-renders)
  const starting = useRef(false);
  const [, setStarting] = useState(false);
  const processId = typeof filter.processDefinitionId === 'string' ? filter.processDefinitionId : undefined;
  const count = selection.all ? total : selection.keys.length;

  useEffect(() => {
    if (!processId || (action !== 'modification' && action !== 'migration')) return;
    client
      .searchProcessDefinitions({ filter: { processDefinitionId: processId }, sort: [{ field: 'version', order: 'desc' }], page: { limit: 100 } })
      .then(async (result) => {
        setVersions(result.items);
        const latest = result.items[0];
        if (latest) setElements(bpmnElements(await client.getProcessDefinitionXml(latest.processDefinitionKey)));
      })
      .catch((failure: Error) => setError(failureOf(failure)));
  }, [client, processId, action]);

  if (!mayRepair) return null;

  const run = async () => {
    setError(undefined);
    const scope: ProcessInstanceFilter = selection.all ? filter : { processInstanceKey: { $in: selection.keys } };
    const name = ACTIONS.find((candidate) => candidate.id === action)!.text;
    if (starting.current || !window.confirm(`确定对 ${count} 件案件执行「${name}」？操作将记录您的姓名。`)) return;
    starting.current = true;
    setStarting(true);
    try {
      let created: { batchOperationKey: string };
      if (action === 'modification') {
        created = await client.createBatchOperation(action, { filter: scope, moveInstructions: [{ sourceElementId: move.source, targetElementId: move.target }] });
      } else if (action === 'migration') {
        const source = await client.getProcessDefinitionXml(target);
        const targetIds = new Set(bpmnElements(source).map((element) => element.id));
        const mappingInstructions = elements.filter((element) => targetIds.has(element.id)).map((element) => ({ sourceElementId: element.id, targetElementId: element.id }));
        created = await client.createBatchOperation(action, { filter: scope, migrationPlan: { targetProcessDefinitionKey: target, mappingInstructions } });
      } else {
        created = await client.createBatchOperation(action, { filter: scope });
      }
      onSelection({ keys: [], all: false });
      onDone();
      navigate({ page: 'batches', created: String(created.batchOperationKey) });
    } catch (failure) {
      setError(failureOf(failure));
    } finally {
      starting.current = false;
      setStarting(false);
    }
  };

  const ready =
    count > 0 &&
    (action === 'cancellation' ||
      action === 'incident-resolution' ||
      (action === 'modification' && move.source && move.target && move.source !== move.target) ||
      (action === 'migration' && target !== ''));

  return (
    <div class="batch-actions" data-testid="batch-actions">
      <span data-testid="selection">{t.instances.selected(count, selection.all)}</span>
      <button onClick={() => onSelection(selection.all ? { keys: [], all: false } : { keys: [], all: true })} aria-pressed={selection.all}>
        {selection.all ? t.instances.clearAll : t.instances.selectAll}
      </button>
      <select value={action} onChange={(event) => setAction((event.target as HTMLSelectElement).value as Action)} aria-label="批量操作">
        {ACTIONS.map((candidate) => (
          <option key={candidate.id} value={candidate.id}>
            {candidate.text}
          </option>
        ))}
      </select>
      {(action === 'modification' || action === 'migration') && !processId && <span class="notice">请先按事项筛选案件</span>}
      {action === 'modification' && processId && (
        <>
          <select value={move.source} onChange={(event) => setMove({ ...move, source: (event.target as HTMLSelectElement).value })} aria-label="从环节">
            <option value="">从环节…</option>
            {elements.map((element) => (
              <option key={element.id} value={element.id}>
                {element.name}
              </option>
            ))}
          </select>
          <select value={move.target} onChange={(event) => setMove({ ...move, target: (event.target as HTMLSelectElement).value })} aria-label="移到环节">
            <option value="">移到环节…</option>
            {elements.map((element) => (
              <option key={element.id} value={element.id}>
                {element.name}
              </option>
            ))}
          </select>
        </>
      )}
      {action === 'migration' && processId && (
        <select value={target} onChange={(event) => setTarget((event.target as HTMLSelectElement).value)} aria-label="目标版本">
          <option value="">目标版本…</option>
          {versions.map((version) => (
            <option key={version.processDefinitionKey} value={version.processDefinitionKey}>
              {processTitle(version.processDefinitionId)} 第 {version.version} 版
            </option>
          ))}
        </select>
      )}
      <button class="primary" disabled={!ready || starting.current} onClick={() => void run()}>
        {starting.current ? t.instance.sending : t.common.confirm}
      </button>
      {error && <ErrorNotice class="error" failure={error} />}
    </div>
  );
}
