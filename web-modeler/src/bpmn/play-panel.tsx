/**
 * Play: the diagram being edited (saved or not) runs in the sandbox engine at `/play/v2` — its own data and
 * clock, never the office's cases — with its forms and the decision tables it calls. Start it with example data
 * from the start form, complete its user tasks from the canvas (each as a sandbox user of the task's candidate
 * group, so four-eyes holds), move the sandbox clock to fire deadline timers, and see the path taken marked on
 * the diagram.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { V2Client } from '../../../web-shared/src/api/v2-client.js';
import type { SearchResult, UserTask } from '../../../web-shared/src/api/camunda-types.js';
import { LazyFormView } from '../../../web-shared/src/form-js/lazy-form-view.js';
import type { FormHandle } from '../../../web-shared/src/form-js/form-view.js';
import { useSession } from '../../../web-shared/src/auth/session.js';
import { ModelerApi, type LintContext } from '../modeler-api.js';
import { t } from '../texts.js';
import type { BpmnModelerLike } from './modeler-types.js';
import { exampleData } from './example-data.js';
import { linkedFiles } from './play-resources.js';
import { failureOf, type Failure } from '../../../web-shared/src/api/failure.js';
import { ErrorNotice } from '../../../web-shared/src/layout/error-notice.js';

interface ElementInstance {
  elementId: string;
  state: 'ACTIVE' | 'COMPLETED' | 'TERMINATED';
}

interface Incident {
  elementId: string;
  errorMessage: string;
}

interface PlayState {
  processInstanceKey: string;
  state: string;
  tasks: UserTask[];
  elements: ElementInstance[];
  incidents: Incident[];
  clock: string | undefined;
}

const MARKERS = { COMPLETED: 'play-completed', ACTIVE: 'play-active', TERMINATED: 'play-terminated' } as const;

export function PlayPanel({ modeler, client, file, lintContext, onClose }: { modeler: BpmnModelerLike; client: V2Client; file: string; lintContext: LintContext; onClose(): void }) {
  const play = useRef(client.under('/play')).current;
  const { client: session } = useSession();
  const api = useRef(new ModelerApi(session)).current;
  const [available, setAvailable] = useState<boolean | undefined>(undefined);
  const [startJson, setStartJson] = useState('{}');
  const [definitionKey, setDefinitionKey] = useState<string | undefined>(undefined);
  const [state, setState] = useState<PlayState | undefined>(undefined);
  const [task, setTask] = useState<UserTask | undefined>(undefined);
  const [error, setError] = useState<Failure | string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const completedBy = useRef(new Set<string>());

  useEffect(() => {
    play.json('GET', '/v2/topology', undefined, {}).then(
      () => setAvailable(true),
      () => setAvailable(false),
    );
    void startFormExample(modeler, lintContext, api).then((example) => setStartJson(JSON.stringify(example, null, 2)));
  }, []);

  const refresh = useCallback(async (key: string) => {
    const [instance, tasks, elements, incidents, clock] = await Promise.all([
      play.json<{ state: string }>('GET', `/v2/process-instances/${key}`, undefined, {}),
      play.json<SearchResult<UserTask>>('POST', '/v2/user-tasks/search', { filter: { processInstanceKey: key, state: 'CREATED' }, page: { limit: 50 } }, {}),
      play.json<SearchResult<ElementInstance>>('POST', '/v2/element-instances/search', { filter: { processInstanceKey: key }, page: { limit: 500 } }, {}),
      play.json<SearchResult<Incident>>('POST', '/v2/incidents/search', { filter: { processInstanceKey: key, state: 'ACTIVE' }, page: { limit: 50 } }, {}).catch(() => ({ items: [] as Incident[] })),
      sandboxClock(),
    ]);
    const next = { processInstanceKey: key, state: instance.state, tasks: tasks.items, elements: elements.items, incidents: incidents.items, clock };
    setState(next);
    markPath(modeler, next, (selected) => setTask(selected));
    return next;
  }, []);

  useEffect(() => () => clearMarks(modeler), []);

  // the sandbox's workers finish service tasks on their own: look again while the case moves
  useEffect(() => {
    if (!state || state.state !== 'ACTIVE') return;
    const timer = setInterval(() => void refresh(state.processInstanceKey).catch(() => undefined), 1500);
    return () => clearInterval(timer);
  }, [state?.processInstanceKey, state?.state]);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
    } catch (failure) {
      setError(failureOf(failure));
    } finally {
      setBusy(false);
    }
  };

  const deployAndStart = () =>
    run(async () => {
      let variables: Record<string, unknown>;
      try {
        variables = JSON.parse(startJson) as Record<string, unknown>;
      } catch {
        throw new Error(t.play.invalidJson);
      }
      const { xml } = await modeler.saveXML({ format: true });
      const resources = [{ name: file.split('/').pop()!, text: xml ?? '' }];
      for (const linked of linkedFiles(modeler, lintContext)) resources.push({ name: linked.split('/').pop()!, text: (await api.file(linked)).text });
      const deployment = await play.deployResources(resources);
      const key = deployment.deployments.find((d) => d.processDefinition)?.processDefinition?.processDefinitionKey;
      if (!key) throw new Error('沙箱部署没有返回流程定义');
      setDefinitionKey(key);
      completedBy.current.clear();
      setTask(undefined);
      const created = await play.createProcessInstance(key, variables);
      await refresh(created.processInstanceKey);
    });

  const advance = (ms: number) =>
    run(async () => {
      const now = Date.parse(state?.clock ?? new Date().toISOString());
      await play.json('PUT', '/v2/clock', { timestamp: now + ms }, {}); // epoch milliseconds, as Camunda 8.8 takes it
      if (state) await refresh(state.processInstanceKey);
    });

  return (
    <aside class="play-panel" aria-labelledby="play-title">
      <div class="panel-header">
        <h2 id="play-title">{t.play.title}</h2>
        <button class="link" onClick={onClose} aria-label="关闭">
          ✕
        </button>
      </div>
      <p class="muted small">{t.play.intro}</p>
      {available === false && <p class="banner error">{t.play.unavailable}</p>}
      {error && <ErrorNotice class="banner error" failure={error} />}
      <label class="stacked">
        {t.play.startData}
        <textarea rows={8} value={startJson} onInput={(event) => setStartJson((event.currentTarget as HTMLTextAreaElement).value)} spellcheck={false} />
      </label>
      <button class="primary" disabled={busy || !available} onClick={() => void deployAndStart()}>
        {definitionKey ? t.play.start : t.play.deployDraft}
      </button>
      {state && (
        <div class="play-state">
          <h3>
            {t.play.instance(state.processInstanceKey)} · {t.play.state[state.state] ?? state.state}
          </h3>
          <p class="muted small">{t.play.path}</p>
          {state.incidents.length > 0 && (
            <div class="banner error">
              <strong>{t.play.incidents}</strong>
              <ul>
                {state.incidents.map((incident) => (
                  <li key={incident.elementId + incident.errorMessage}>
                    {incident.elementId}：{incident.errorMessage}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <h4>{t.play.tasks}</h4>
          {state.tasks.length === 0 && <p class="muted">{t.play.noTasks}</p>}
          <ul class="plain">
            {state.tasks.map((candidate) => (
              <li key={candidate.userTaskKey}>
                <button onClick={() => setTask(candidate)} aria-pressed={task?.userTaskKey === candidate.userTaskKey} data-play-task={candidate.elementId}>
                  {candidate.name ?? candidate.elementId}
                </button>
              </li>
            ))}
          </ul>
          {task && state.tasks.some((open) => open.userTaskKey === task.userTaskKey) && (
            <PlayTask
              // a new one for another task: the previous task's form, user and variables go at once, not when the new
              // task's reads answer (办结 meanwhile submitted the old form for the new task)
              key={task.userTaskKey}
              play={play}
              task={task}
              completedBy={completedBy.current}
              onDone={async () => {
                setTask(undefined);
                await refresh(state.processInstanceKey);
              }}
              onError={setError}
            />
          )}
          <h4>{t.play.clock}</h4>
          {state.clock && <p class="small">{t.play.clockNow(state.clock)}</p>}
          <div class="button-row">
            {t.play.advanceOptions.map((option) => (
              <button key={option.label} disabled={busy} onClick={() => void advance(option.ms)}>
                {t.play.advance(option.label)}
              </button>
            ))}
          </div>
        </div>
      )}
    </aside>
  );
}

function PlayTask({
  play,
  task,
  completedBy,
  onDone,
  onError,
}: {
  play: V2Client;
  task: UserTask;
  completedBy: Set<string>;
  onDone(): Promise<void>;
  onError(failure: Failure | string): void;
}) {
  const [users, setUsers] = useState<string[]>([]);
  const [user, setUser] = useState<string>('');
  const [schema, setSchema] = useState<object | undefined | null>(undefined);
  const [variables, setVariables] = useState<Record<string, unknown>>({});
  const form = useRef<FormHandle | undefined>(undefined);
  // the task's form says 晚于今天 by the sandbox's day (the clock the analyst moves ahead), not the real one
  const sandboxNow = useCallback(() => play.clock.now(), [play]);

  // another task, or the panel's end, cancels this task's reads: a late answer would show its form under the next one
  useEffect(() => {
    const reads = new AbortController();
    const { signal } = reads;
    const group = task.candidateGroups?.[0];
    const loadUsers = group
      ? play.json<SearchResult<{ username: string }>>('POST', `/v2/groups/${encodeURIComponent(group)}/users/search`, { page: { limit: 50 } }, { signal }).then((answer) => answer.items.map((item) => item.username))
      : Promise.resolve(['demo']);
    // a group with nobody in it (or none the sandbox knows: its member search lists nobody) and a failed read both
    // leave the sandbox's demo user, chosen, so the task is never completed as nobody
    const choose = (names: string[]) => {
      if (signal.aborted) return;
      const users = names.length > 0 ? names : ['demo'];
      setUsers(users);
      setUser(users.find((name) => !completedBy.has(name)) ?? users[0]!);
    };
    loadUsers.then(choose, () => choose([]));
    play.getUserTaskForm(task.userTaskKey, { signal }).then(
      (found) => !signal.aborted && setSchema(found ? (JSON.parse(found.schema) as object) : null),
      () => !signal.aborted && setSchema(null),
    );
    play.searchUserTaskVariables(task.userTaskKey, { page: { limit: 200 } }, { signal }).then(
      (answer) => !signal.aborted && setVariables(Object.fromEntries(answer.items.map((item) => [item.name, parseValue(item.value)]))),
      () => undefined,
    );
    return () => reads.abort();
  }, [task.userTaskKey]);

  const complete = async () => {
    let data: Record<string, unknown> = {};
    if (form.current) {
      const submitted = form.current.submit();
      if (Object.keys(submitted.errors).length > 0) return onError('表单有错误，请先改正');
      data = submitted.data;
    }
    try {
      await play.json('POST', `/v2/user-tasks/${task.userTaskKey}/completion`, { variables: data, action: 'complete' }, { headers: { 'X-Play-User': user } });
      completedBy.add(user);
      await onDone();
    } catch (failure) {
      onError(failureOf(failure));
    }
  };

  return (
    <div class="play-task" aria-label={task.name ?? task.elementId}>
      <h4>{task.name ?? task.elementId}</h4>
      <label>
        {t.play.completeAs}{' '}
        <select value={user} onChange={(event) => setUser((event.currentTarget as HTMLSelectElement).value)}>
          {users.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      {schema && <LazyFormView schema={schema} data={variables} now={sandboxNow} onReady={(handle) => (form.current = handle)} onError={onError} />}
      {/* (not before the task's form has been read: without it 办结 would complete the task with nothing) */}
      <button class="primary" disabled={schema === undefined} onClick={() => void complete()}>
        {t.play.complete}
      </button>
    </div>
  );
}

// helpers

async function startFormExample(modeler: BpmnModelerLike, lintContext: LintContext, api: ModelerApi): Promise<Record<string, unknown>> {
  const start = modeler.get('elementRegistry').filter((element: { type: string }) => element.type === 'bpmn:StartEvent')[0];
  const formId = start?.businessObject?.extensionElements?.values?.find((value: { $type: string }) => value.$type === 'zeebe:FormDefinition')?.formId;
  const form = lintContext.forms.find((candidate) => candidate.formId === formId);
  if (!form) return {};
  try {
    return exampleData(JSON.parse((await api.file(form.file)).text) as object);
  } catch {
    return {};
  }
}

async function sandboxClock(): Promise<string | undefined> {
  // the engine sends its clock in the HTTP Date header (docs/web-apps.md); the sandbox's is its own
  const response = await fetch('/play/v2/topology', { credentials: 'same-origin' }).catch(() => undefined);
  const date = response?.headers.get('date');
  return date ? new Date(date).toISOString() : undefined;
}

function markPath(modeler: BpmnModelerLike, state: PlayState, select: (task: UserTask) => void): void {
  clearMarks(modeler);
  const canvas = modeler.get('canvas');
  const registry = modeler.get('elementRegistry');
  const overlays = modeler.get('overlays');
  for (const instance of state.elements) {
    if (!registry.get(instance.elementId)) continue;
    canvas.addMarker(instance.elementId, MARKERS[instance.state] ?? MARKERS.COMPLETED);
  }
  for (const task of state.tasks) {
    if (!registry.get(task.elementId)) continue;
    const button = document.createElement('button');
    button.className = 'play-overlay-button';
    button.textContent = t.play.complete;
    button.addEventListener('click', () => select(task));
    overlays.add(task.elementId, 'play', { position: { bottom: -6, left: 0 }, html: button });
  }
}

function clearMarks(modeler: BpmnModelerLike): void {
  const canvas = modeler.get('canvas');
  for (const element of modeler.get('elementRegistry').getAll()) {
    for (const marker of Object.values(MARKERS)) canvas.removeMarker(element.id, marker);
  }
  modeler.get('overlays').remove({ type: 'play' });
}

function parseValue(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
