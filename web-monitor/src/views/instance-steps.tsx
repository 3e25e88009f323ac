/** The steps the case went through (element instances of /v2, oldest first): name, state, start, end. */
import { useEffect, useState } from 'preact/hooks';
import type { ElementInstance } from '../../../web-shared/src/api/camunda-types.js';
import { useSession } from '../../../web-shared/src/auth/session.js';
import { formatDateTime } from '../../../web-shared/src/format/dates.js';
import { t } from '../texts.js';

const SHOWN = new Set(['USER_TASK', 'SERVICE_TASK', 'SEND_TASK', 'SCRIPT_TASK', 'BUSINESS_RULE_TASK', 'RECEIVE_TASK', 'CALL_ACTIVITY', 'START_EVENT', 'END_EVENT', 'INTERMEDIATE_CATCH_EVENT', 'BOUNDARY_EVENT', 'SUB_PROCESS', 'MANUAL_TASK', 'TASK']);

export function InstanceSteps({ processInstanceKey, revision }: { processInstanceKey: string; revision: number }) {
  const { client } = useSession();
  const [steps, setSteps] = useState<ElementInstance[] | undefined>(undefined);
  useEffect(() => {
    client
      .searchElementInstances({ filter: { processInstanceKey }, sort: [{ field: 'elementInstanceKey', order: 'asc' }], page: { limit: 500 } })
      .then((result) => setSteps(result.items.filter((step) => SHOWN.has(step.type))), () => setSteps([]));
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
          {steps.map((step) => (
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
