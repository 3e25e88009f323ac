/**
 * One case (Operate's instance view), everything from /v2 with the manager's own session: the header, the
 * diagram with where the case is (active, incident, completed elements, taken flows), its incidents (retry /
 * resolve), the messages it waits for and received, its variables per scope (edit), the audit trail (who did
 * what, when, with which decision), the steps it went through, and cancelling the case. Every repair is the engine's command under the manager's login, so
 * the engine's audit trail records the manager's name.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ElementStatistics, Incident, ProcessInstance, SequenceFlow } from '../../../web-shared/src/api/camunda-types.js';
import { useSession } from '../../../web-shared/src/auth/session.js';
import { formatDateTime } from '../../../web-shared/src/format/dates.js';
import { ALWAYS_REREAD, REREAD_GAPS_MS, repairsOf } from '../own-repairs.js';
import { t } from '../texts.js';
import { useMonitorData } from '../use-monitor-data.js';
import { AuditTrail } from './audit-trail.js';
import { InstanceDiagram } from './instance-diagram.js';
import { InstanceIncidents } from './instance-incidents.js';
import { InstanceMessages } from './instance-messages.js';
import { InstanceSteps } from './instance-steps.js';
import { InstanceVariables } from './instance-variables.js';

type Message = { kind: 'ok' | 'error'; text: string };

export interface InstanceState {
  instance: ProcessInstance;
  xml: string;
  statistics: ElementStatistics[];
  flows: SequenceFlow[];
  incidents: Incident[];
  /** When the reads went out: the diagram shows them over the repairs held then (own-repairs.ts). */
  sentAt: number;
}

export function InstancePage({ processInstanceKey }: { processInstanceKey: string }) {
  const { client } = useSession();
  const { processTitle, mayRepair } = useMonitorData();
  const [state, setState] = useState<InstanceState | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [message, setMessage] = useState<Message | undefined>(undefined);
  const [revision, setRevision] = useState(0);
  const [repairs] = useState(() => repairsOf(processInstanceKey));
  const [held, setHeld] = useState(0);
  // 撤销案件 being sent: a second click sends nothing (the ref answers before the page re-renders)
  const canceling = useRef(false);
  const [, setCanceling] = useState(false);
  const followUpTimer = useRef<number | undefined>(undefined);
  /** The loads sent and the newest one applied: a re-read that answers after a newer one is not shown over it. */
  const loads = useRef({ sent: 0, applied: 0 });

  const load = useCallback(async () => {
    const number = ++loads.current.sent;
    const sentAt = Date.now();
    try {
      const instance = await client.getProcessInstance(processInstanceKey);
      const [xml, statistics, flows, incidents] = await Promise.all([
        client.getProcessDefinitionXml(instance.processDefinitionKey),
        client.processInstanceStatistics(processInstanceKey),
        client.sequenceFlows(processInstanceKey),
        client.searchProcessInstanceIncidents(processInstanceKey),
      ]);
      if (number < loads.current.applied) return;
      loads.current.applied = number;
      const open = incidents.items.filter((i) => i.state === 'ACTIVE');
      repairs.readInstance(instance);
      repairs.readIncidents(open);
      setState({ instance, xml, statistics: statistics.items, flows: flows.items, incidents: open, sentAt });
      setError(undefined);
    } catch (failure) {
      if (number < loads.current.applied) return;
      loads.current.applied = number;
      setError((failure as Error).message);
    }
  }, [client, processInstanceKey, repairs]);

  const reread = useCallback(() => {
    setRevision((n) => n + 1);
    return load();
  }, [load]);

  useEffect(() => {
    const unsubscribe = repairs.subscribe(() => setHeld((n) => n + 1));
    return () => {
      unsubscribe();
      window.clearTimeout(followUpTimer.current);
    };
  }, [repairs]);

  /**
   * While a repair is held (own-repairs.ts): read again with a back-off, failing reads or not — the first re-reads
   * are made anyway (the engine moves on after a repair), the last one comes when the repairs still held are
   * dropped and shows what the server says (the page then says it could not confirm them).
   */
  const followUp = useCallback(() => {
    window.clearTimeout(followUpTimer.current);
    const next = (step: number) => {
      followUpTimer.current = window.setTimeout(() => {
        repairs.expire();
        if (step >= ALWAYS_REREAD && !repairs.holding() && !repairs.lapsed()) return;
        void reread();
        if (step + 1 < REREAD_GAPS_MS.length) next(step + 1);
      }, REREAD_GAPS_MS[step]);
    };
    next(0);
  }, [reread, repairs]);

  /** After a repair (noted in `repairs` first): read again at once, then as {@link followUp} does. */
  const changed = useCallback(
    (text: string) => {
      setMessage({ kind: 'ok', text });
      void reread();
      followUp();
    },
    [reread, followUp],
  );
  const failed = useCallback((text: string) => setMessage({ kind: 'error', text }), []);

  useEffect(() => {
    void load();
    // back on a case whose repairs are still held: they show, and are read again until the reads show them
    if (repairs.holding()) followUp();
    const refresh = () => {
      repairs.acknowledge();
      void reread();
    };
    window.addEventListener('monitor:refresh', refresh);
    return () => window.removeEventListener('monitor:refresh', refresh);
  }, [load, reread, repairs, followUp]);

  // the diagram as the page shows the case: `held` changes whenever a repair is noted or let go
  const diagramState = useMemo(() => state && { ...state, statistics: repairs.statisticsOf(state.statistics, state.incidents, processInstanceKey, state.sentAt) }, [state, held, repairs, processInstanceKey]);

  if (error && !state) return <p class="banner error" role="alert">{error}</p>;
  if (!state || !diagramState) return <p class="muted">{t.common.loading}</p>;
  const { instance } = state;
  const shown = repairs.stateOf(instance);
  // by the incidents read, not the case's hasIncident: that read went out before it and may not show a repair it shows
  const openIncident = state.incidents.some((incident) => !repairs.isResolved(incident.incidentKey));

  const cancel = async () => {
    if (canceling.current || !window.confirm(t.instance.confirmCancel(instance.processInstanceKey))) return;
    canceling.current = true;
    setCanceling(true);
    try {
      await client.cancelProcessInstance(instance.processInstanceKey);
      repairs.canceled();
      changed(t.instance.canceled);
    } catch (failure) {
      failed((failure as Error).message);
    } finally {
      canceling.current = false;
      setCanceling(false);
    }
  };

  return (
    <section class="instance" aria-labelledby="instance-title">
      <div class="page-bar">
        <h1 id="instance-title">{t.instance.title(instance.processInstanceKey)}</h1>
        <span class={`state state-${shown.state}`} data-testid="instance-state">
          {t.states[shown.state] ?? shown.state}
        </span>
        {shown.submitted && <span class="tag submitted">{t.instance.submitted}</span>}
        {openIncident && <span class="tag danger">{t.openCases.incident}</span>}
        <span class="spacer" />
        {mayRepair && shown.state === 'ACTIVE' && (
          <button class="danger" disabled={canceling.current} onClick={() => void cancel()}>
            {canceling.current ? t.instance.sending : t.instance.cancelCase}
          </button>
        )}
      </div>
      <dl class="facts">
        <div>
          <dt>{t.instance.process}</dt>
          <dd>{processTitle(instance.processDefinitionId)}</dd>
        </div>
        <div>
          <dt>{t.instance.version}</dt>
          <dd>{instance.processDefinitionVersion}</dd>
        </div>
        <div>
          <dt>{t.instance.started}</dt>
          <dd>{formatDateTime(instance.startDate)}</dd>
        </div>
        <div>
          <dt>{t.instance.ended}</dt>
          <dd>{formatDateTime(instance.endDate) || t.common.dash}</dd>
        </div>
      </dl>
      {message && (
        <p class={`banner ${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="message">
          {message.text}
        </p>
      )}
      {error && (
        <p class="banner error" role="alert" data-testid="read-failed">
          {t.instance.readFailed(error)}
        </p>
      )}
      {repairs.lapsed() && (
        <p class="banner notice" role="status" data-testid="unconfirmed">
          {error ? t.instance.unconfirmedUnread : t.instance.unconfirmed}
        </p>
      )}
      <div class="panel">
        <h2>{t.instance.diagram}</h2>
        <InstanceDiagram state={diagramState} />
      </div>
      <div class="panel">
        <h2>{t.instance.incidents}</h2>
        <InstanceIncidents incidents={state.incidents} repairs={repairs} xml={state.xml} mayRepair={mayRepair} onChanged={changed} onFailed={failed} />
      </div>
      <div class="panel">
        <h2>{t.instance.messages}</h2>
        <InstanceMessages processInstanceKey={instance.processInstanceKey} xml={state.xml} revision={revision} repairs={repairs} />
      </div>
      <div class="two-columns">
        <div class="panel">
          <h2>{t.instance.audit}</h2>
          <AuditTrail processInstanceKey={instance.processInstanceKey} revision={revision} pending={repairs.holding()} />
        </div>
        <div class="panel">
          <h2>{t.instance.steps}</h2>
          <InstanceSteps processInstanceKey={instance.processInstanceKey} revision={revision} repairs={repairs} />
        </div>
      </div>
      <div class="panel">
        <h2>{t.instance.variables}</h2>
        <InstanceVariables
          processInstanceKey={instance.processInstanceKey}
          processId={instance.processDefinitionId}
          editable={mayRepair && shown.state === 'ACTIVE'}
          revision={revision}
          repairs={repairs}
          onChanged={changed}
          onFailed={failed}
        />
      </div>
    </section>
  );
}
