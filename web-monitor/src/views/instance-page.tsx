/**
 * One case (Operate's instance view), everything from /v2 with the manager's own session: the header, the
 * diagram with where the case is (active, incident, completed elements, taken flows), its incidents (retry /
 * resolve), the messages it waits for and received, its variables per scope (edit), the audit trail (who did
 * what, when, with which decision), the steps it went through, and cancelling the case. Every repair is the engine's command under the manager's login, so
 * the engine's audit trail records the manager's name.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { ElementStatistics, Incident, ProcessInstance, SequenceFlow } from '../../../web-shared/src/api/camunda-types.js';
import { useSession } from '../../../web-shared/src/auth/session.js';
import { formatDateTime } from '../../../web-shared/src/format/dates.js';
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

  const load = useCallback(async () => {
    try {
      const instance = await client.getProcessInstance(processInstanceKey);
      const [xml, statistics, flows, incidents] = await Promise.all([
        client.getProcessDefinitionXml(instance.processDefinitionKey),
        client.processInstanceStatistics(processInstanceKey),
        client.sequenceFlows(processInstanceKey),
        client.searchProcessInstanceIncidents(processInstanceKey),
      ]);
      setState({ instance, xml, statistics: statistics.items, flows: flows.items, incidents: incidents.items.filter((i) => i.state === 'ACTIVE') });
      setError(undefined);
    } catch (failure) {
      setError((failure as Error).message);
    }
  }, [client, processInstanceKey]);

  /** After a repair: the engine moves on (jobs, timers), so look again shortly after too. */
  const changed = useCallback(
    (text: string) => {
      setMessage({ kind: 'ok', text });
      setRevision((n) => n + 1);
      void load();
      window.setTimeout(() => {
        void load();
        setRevision((n) => n + 1);
      }, 1_500);
    },
    [load],
  );
  const failed = useCallback((text: string) => setMessage({ kind: 'error', text }), []);

  useEffect(() => {
    void load();
    const refresh = () => {
      void load();
      setRevision((n) => n + 1);
    };
    window.addEventListener('monitor:refresh', refresh);
    return () => window.removeEventListener('monitor:refresh', refresh);
  }, [load]);

  if (error && !state) return <p class="banner error" role="alert">{error}</p>;
  if (!state) return <p class="muted">{t.common.loading}</p>;
  const { instance } = state;

  const cancel = async () => {
    if (!window.confirm(t.instance.confirmCancel(instance.processInstanceKey))) return;
    try {
      await client.cancelProcessInstance(instance.processInstanceKey);
      changed(t.instance.canceled);
    } catch (failure) {
      failed((failure as Error).message);
    }
  };

  return (
    <section class="instance" aria-labelledby="instance-title">
      <div class="page-bar">
        <h1 id="instance-title">{t.instance.title(instance.processInstanceKey)}</h1>
        <span class={`state state-${instance.state}`} data-testid="instance-state">
          {t.states[instance.state] ?? instance.state}
        </span>
        {instance.hasIncident && <span class="tag danger">{t.openCases.incident}</span>}
        <span class="spacer" />
        {mayRepair && instance.state === 'ACTIVE' && (
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
      <div class="panel">
        <h2>{t.instance.diagram}</h2>
        <InstanceDiagram state={state} />
      </div>
      <div class="panel">
        <h2>{t.instance.incidents}</h2>
        <InstanceIncidents incidents={state.incidents} xml={state.xml} mayRepair={mayRepair} onChanged={changed} onFailed={failed} />
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
          editable={mayRepair && instance.state === 'ACTIVE'}
          revision={revision}
          onChanged={changed}
          onFailed={failed}
        />
      </div>
    </section>
  );
}
