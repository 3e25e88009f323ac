/**
 * The case's open incidents with their messages. 重试 gives a failed job retries again and resolves its incident
 * (Operate's retry: `PATCH /v2/jobs/{key}` then `POST /v2/incidents/{key}/resolution`); other incidents are marked
 * resolved after the cause (usually a variable) was corrected. The incidents of a case include those of the cases
 * its call activities started: such an incident names its case (a link to it, with its process), so the repair
 * is looked for in the right case, and its step is named by its own process's diagram (fetched once per process
 * definition: a definition's XML never changes). Repairs are offered by role, the same for a called case.
 */
import type { Incident } from '../../../web-shared/src/api/camunda-types.js';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { V2Client } from '../../../web-shared/src/api/v2-client.js';
import { useSession } from '../../../web-shared/src/auth/session.js';
import { formatDateTime } from '../../../web-shared/src/format/dates.js';
import { elementNames, parseDiagram } from '../diagram/element-names.js';
import type { OwnRepairs } from '../own-repairs.js';
import { linkProps, useRoute } from '../router.js';
import { t } from '../texts.js';
import { useMonitorData } from '../use-monitor-data.js';
import type { PersonalValues } from '../../../web-shared/src/masking/use-personal-values.js';

export function InstanceIncidents({
  incidents,
  personal,
  repairs,
  xml,
  mayRepair,
  onChanged,
  onFailed,
}: {
  incidents: Incident[];
  /** A message may quote a value an expression read (a diagnosis, an ID number): masked as the variables are. */
  personal: PersonalValues;
  /** 重试 / 标记为已解决 done: such an incident shows as submitted until the reads no longer list it. */
  repairs: OwnRepairs;
  /** The case's diagram: its incidents name their step as the diagram does (called cases' by their own). */
  xml: string;
  mayRepair: boolean;
  onChanged: (text: string) => void;
  onFailed: (failure: unknown) => void;
}) {
  const { client } = useSession();
  const nameOf = useMemo(() => elementNames(parseDiagram(xml)), [xml]);
  const { processTitle } = useMonitorData();
  const route = useRoute();
  const caseKey = route.page === 'instance' ? route.processInstanceKey : undefined;
  const anyCalled = incidents.some((incident) => incident.processInstanceKey !== caseKey);
  const calledDefinitions = [...new Set(incidents.filter((incident) => incident.processInstanceKey !== caseKey).map((incident) => incident.processDefinitionKey))].sort().join(',');
  const [calledNames, setCalledNames] = useState<Map<string, (id: string) => string>>(new Map());
  // the incidents whose 重试 is being sent: a second click sends nothing (the ref answers before the page re-renders)
  const sending = useRef(new Set<string>());
  const [, setSending] = useState(0);
  useEffect(() => {
    if (calledDefinitions === '') return;
    let current = true;
    void Promise.all(calledDefinitions.split(',').map(async (key) => [key, await calledElementNames(client, key)] as const)).then((entries) => {
      if (current) setCalledNames(new Map(entries.filter((entry): entry is [string, (id: string) => string] => entry[1] !== undefined)));
    });
    return () => {
      current = false;
    };
  }, [client, calledDefinitions]);
  const stepName = (incident: Incident) =>
    incident.processInstanceKey === caseKey ? nameOf(incident.elementId) : (calledNames.get(incident.processDefinitionKey) ?? String)(incident.elementId);
  if (incidents.length === 0) {
    return (
      <p class="muted" data-testid="incidents">
        {t.instance.noIncidents}
      </p>
    );
  }

  const retry = async (incident: Incident) => {
    if (sending.current.has(incident.incidentKey)) return;
    sending.current.add(incident.incidentKey);
    setSending((n) => n + 1);
    try {
      if (incident.jobKey) await client.updateJobRetries(incident.jobKey, 1);
      await client.resolveIncident(incident.incidentKey);
      repairs.resolved(incident);
      onChanged(incident.jobKey ? t.instance.retried : t.instance.resolved);
    } catch (failure) {
      onFailed(failure);
    } finally {
      sending.current.delete(incident.incidentKey);
      setSending((n) => n + 1);
    }
  };

  return (
    <table class="data" data-testid="incidents">
      <thead>
        <tr>
          <th>{t.instance.element}</th>
          <th>{t.instance.errorType}</th>
          <th>{t.instance.message}</th>
          {anyCalled && <th>{t.instance.incidentCase}</th>}
          <th>{t.instance.since}</th>
          {mayRepair && <th />}
        </tr>
      </thead>
      <tbody>
        {incidents.map((incident) => (
          <tr key={incident.incidentKey} data-incident={incident.incidentKey}>
            <td>{stepName(incident)}</td>
            <td title={incident.errorType}>{t.instance.errorTypes[incident.errorType] ?? incident.errorType}</td>
            <td class="message">{personal.masked(incident.errorMessage) ?? t.common.loading}</td>
            {anyCalled && (
              <td data-cell="case">
                {incident.processInstanceKey === caseKey ? (
                  t.instance.ownCase
                ) : (
                  <>
                    <a {...linkProps({ page: 'instance', processInstanceKey: incident.processInstanceKey })}>{t.instance.calledCase(incident.processInstanceKey)}</a>
                    <br />
                    <span class="muted">{processTitle(incident.processDefinitionId)}</span>
                  </>
                )}
              </td>
            )}
            <td>{formatDateTime(incident.creationTime)}</td>
            {mayRepair && (
              <td>
                {repairs.isResolved(incident.incidentKey) ? (
                  <span class="tag submitted" data-testid="incident-submitted">
                    {t.instance.submitted}
                  </span>
                ) : (
                  <button class="primary" disabled={sending.current.has(incident.incidentKey)} onClick={() => void retry(incident)}>
                    {sending.current.has(incident.incidentKey) ? t.instance.sending : incident.jobKey ? t.instance.retry : t.instance.resolve}
                  </button>
                )}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const calledDiagrams = new Map<string, Promise<((id: string) => string) | undefined>>();

/** The step names of a called case's process; undefined (the ids shown) when its diagram cannot be read, tried again next time. */
function calledElementNames(client: V2Client, processDefinitionKey: string): Promise<((id: string) => string) | undefined> {
  let names = calledDiagrams.get(processDefinitionKey);
  if (!names) {
    names = client.getProcessDefinitionXml(processDefinitionKey).then(
      (xml) => elementNames(parseDiagram(xml)),
      () => {
        calledDiagrams.delete(processDefinitionKey);
        return undefined;
      },
    );
    calledDiagrams.set(processDefinitionKey, names);
  }
  return names;
}
