/**
 * The steps the case went through (element instances of /v2, oldest first): name, state, start, end — over the
 * page's own repairs the reads may not show yet (an incident resolved, the case cancelled: own-repairs.ts).
 */
import { useEffect, useState } from 'preact/hooks';
import type { ElementInstance } from '../../../web-shared/src/api/camunda-types.js';
import { useSession } from '../../../web-shared/src/auth/session.js';
import { formatDateTime } from '../../../web-shared/src/format/dates.js';
import type { OwnRepairs } from '../own-repairs.js';
import { t } from '../texts.js';

const SHOWN = new Set(['USER_TASK', 'SERVICE_TASK', 'SEND_TASK', 'SCRIPT_TASK', 'BUSINESS_RULE_TASK', 'RECEIVE_TASK', 'CALL_ACTIVITY', 'START_EVENT', 'END_EVENT', 'INTERMEDIATE_CATCH_EVENT', 'BOUNDARY_EVENT', 'SUB_PROCESS', 'MANUAL_TASK', 'TASK']);

export function InstanceSteps({ processInstanceKey, revision, repairs }: { processInstanceKey: string; revision: number; repairs: OwnRepairs }) {
  const { client } = useSession();
  const [steps, setSteps] = useState<{ items: ElementInstance[]; sentAt: number } | undefined>(undefined);
  useEffect(() => {
    // a read that answers after the next one went out is not shown over it
    let current = true;
    const sentAt = Date.now();
    client
      .searchElementInstances({ filter: { processInstanceKey }, sort: [{ field: 'elementInstanceKey', order: 'asc' }], page: { limit: 500 } })
      .then(
        (result) => current && setSteps({ items: result.items.filter((step) => SHOWN.has(step.type)), sentAt }),
        () => current && setSteps({ items: [], sentAt }),
      );
    return () => {
      current = false;
    };
  }, [client, processInstanceKey, revision]);
  if (!steps) return <p class="muted">{t.common.loading}</p>;
  return (
    <div class="table-scroll short">
      <table class="data" data-testid="steps">
        <thead>
          <tr>
            <th>{t.instance.element}</th>
            <th>{t.instance.state}</th>
            <th>{t.instance.started}</th>
            <th>{t.instance.ended}</th>
          </tr>
        </thead>
        <tbody>
          {steps.items.map((read) => repairs.stepOf(read, steps.sentAt)).map((step) => (
            <tr key={step.elementInstanceKey} class={step.hasIncident ? 'error' : ''}>
              <td>{step.elementName ?? step.elementId}</td>
              <td>{step.hasIncident ? t.openCases.incident : (t.states[step.state] ?? step.state)}</td>
              <td>{formatDateTime(step.startDate)}</td>
              <td>{formatDateTime(step.endDate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
