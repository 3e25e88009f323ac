/**
 * One case (Operate's instance view), everything from /v2 with the manager's own session: the header, the
 * diagram with where the case is (active, incident, completed elements, taken flows), its incidents (retry /
 * resolve), the messages it waits for and received, its variables per scope (edit), the audit trail (who did
 * what, when, with which decision), the steps it went through, and cancelling the case. Every repair is the engine's command under the manager's login, so
 * the engine's audit trail records the manager's name.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { ElementStatistics, Incident, ProcessInstance, SequenceFlow } from '../../../web-shared/src/api/camunda-types.js';
import { useSession } from '../../../web-shared/src/auth/session.js';
import { formatDateTime } from '../../../web-shared/src/format/dates.js';
import { ALWAYS_REREAD, OwnRepairs, REREAD_BOUND_MS, REREAD_GAPS_MS } from '../own-repairs.js';
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
}

export function InstancePage({ processInstanceKey }: { processInstanceKey: string }) {
  const { client } = useSession();
  const { processTitle, mayRepair } = useMonitorData();
  const [state, setState] = useState<InstanceState | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [message, setMessage] = useState<Message | undefined>(undefined);
  const [revision, setRevision] = useState(0);
  const [repairs] = useState(() => new OwnRepairs());
  const [, setHeld] = useState(0);
  const [unconfirmed, setUnconfirmed] = useState(false);
  const followUp = useRef<number | undefined>(undefined);

  const load = useCallback(async () => {
    try {
      const instance = await client.getProcessInstance(processInstanceKey);
      const [xml, statistics, flows, incidents] = await Promise.all([
        client.getProcessDefinitionXml(instance.processDefinitionKey),
        client.processInstanceStatistics(processInstanceKey),
        client.sequenceFlows(processInstanceKey),
        client.searchProcessInstanceIncidents(processInstanceKey),
      ]);
      const open = incidents.items.filter((i) => i.state === 'ACTIVE');
      repairs.readInstance(instance);
      repairs.readIncidents(open);
      setState({ instance, xml, statistics: statistics.items, flows: flows.items, incidents: open });
      setError(undefined);
    } catch (failure) {
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
      window.clearTimeout(followUp.current);
    };
  }, [repairs]);

  /**
   * After a repair (noted in `repairs` first): read again at once, then with a back-off until the reads show every
   * repair held (own-repairs.ts); still not shown after the last one, the page says so.
   */
  const changed = useCallback(
    (text: string) => {
      setMessage({ kind: 'ok', text });
      setUnconfirmed(false);
      window.clearTimeout(followUp.current);
      void reread();
      const next = (step: number) => {
        followUp.current = window.setTimeout(() => {
          if (step >= ALWAYS_REREAD && !repairs.holding()) return;
          const read = reread();
          if (step + 1 < REREAD_GAPS_MS.length) next(step + 1);
          else void read.then(() => setUnconfirmed(true));
        }, REREAD_GAPS_MS[step]);
      };
      next(0);
    },
    [reread, repairs],
  );
  const failed = useCallback((text: string) => setMessage({ kind: 'error', text }), []);

  useEffect(() => {
    void load();
    const refresh = () => {
      repairs.dropOlderThan(REREAD_BOUND_MS);
      void reread();
    };
    window.addEventListener('monitor:refresh', refresh);
    return () => window.removeEventListener('monitor:refresh', refresh);
  }, [load, reread, repairs]);

  if (error && !state) return <p class="banner error" role="alert">{error}</p>;
  if (!state) return <p class="muted">{t.common.loading}</p>;
  const { instance } = state;
  const shown = repairs.stateOf(instance);
  const openIncident = instance.hasIncident && !(state.incidents.length > 0 && state.incidents.every((incident) => repairs.isResolved(incident.incidentKey)));

  const cancel = async () => {
    if (!window.confirm(t.instance.confirmCancel(instance.processInstanceKey))) return;
    try {
      await client.cancelProcessInstance(instance.processInstanceKey);
      repairs.canceled();
      changed(t.instance.canceled);
    } catch (failure) {
      failed((failure as Error).message);
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
          <button class="danger" onClick={() => void cancel()}>
            {t.instance.cancelCase}
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
      {unconfirmed && repairs.holding() && (
        <p class="banner notice" role="status" data-testid="unconfirmed">
          {t.instance.unconfirmed}
        </p>
      )}
      <div class="panel">
        <h2>{t.instance.diagram}</h2>
        <InstanceDiagram state={state} />
      </div>
      <div class="panel">
        <h2>{t.instance.incidents}</h2>
        <InstanceIncidents incidents={state.incidents} repairs={repairs} xml={state.xml} mayRepair={mayRepair} onChanged={changed} onFailed={failed} />
      </div>
      <div class="panel">
        <h2>{t.instance.messages}</h2>
        <InstanceMessages processInstanceKey={instance.processInstanceKey} xml={state.xml} revision={revision} />
      </div>
      <div class="two-columns">
        <div class="panel">
          <h2>{t.instance.audit}</h2>
          <AuditTrail processInstanceKey={instance.processInstanceKey} revision={revision} />
        </div>
        <div class="panel">
          <h2>{t.instance.steps}</h2>
          <InstanceSteps processInstanceKey={instance.processInstanceKey} revision={revision} />
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
