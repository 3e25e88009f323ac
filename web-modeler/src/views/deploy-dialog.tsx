/**
 * 部署: the saved model with its forms goes to /v2/deployments (through the modeler's server, which refuses
 * drafts); then the new version, and per older version how many cases are still running on it, with a way to
 * migrate them (`POST /v2/process-instances/{key}/migration`, elements mapped by id).
 */
import { useState } from 'preact/hooks';
import { ApiError, type V2Client } from '../../../web-shared/src/api/v2-client.js';
import type { SearchResult } from '../../../web-shared/src/api/camunda-types.js';
import { useSession } from '../../../web-shared/src/auth/session.js';
import { Dialog } from '../../../web-shared/src/layout/dialog.js';
import type { DeploymentAnswer, ModelerApi } from '../modeler-api.js';
import { t } from '../texts.js';
import { olderVersions, readsEveryCase, VersionsUnreadable, type OlderVersion } from './older-versions.js';
import { failureOf, type Failure } from '../../../web-shared/src/api/failure.js';
import { ErrorNotice } from '../../../web-shared/src/layout/error-notice.js';

interface Outcome {
  answer: DeploymentAnswer;
  processId?: string;
  newKey?: string;
  newVersion?: number;
  older?: OlderVersion[];
  countError?: string;
}

export function DeployDialog({ api, client, file, dirty, draft, onClose }: { api: ModelerApi; client: V2Client; file: string; dirty: boolean; draft: boolean; onClose(): void }) {
  const { user } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Failure | string | undefined>(undefined);
  const [outcome, setOutcome] = useState<Outcome | undefined>(undefined);

  const deploy = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const answer = await api.deploy(file);
      const process = answer.deployment.deployments.find((entry) => entry.processDefinition)?.processDefinition;
      const result: Outcome = { answer, processId: process?.processDefinitionId, newKey: process?.processDefinitionKey, newVersion: process?.processDefinitionVersion };
      if (process) {
        try {
          result.older = await olderVersions(client, process.processDefinitionId, process.processDefinitionVersion);
        } catch (failure) {
          result.countError = failure instanceof VersionsUnreadable ? t.deploy.countUnavailable : (failure as Error).message;
        }
      }
      setOutcome(result);
    } catch (failure) {
      setError(failureOf(failure));
    } finally {
      setBusy(false);
    }
  };

  const migrate = async (older: OlderVersion) => {
    if (!outcome?.newKey) return;
    setBusy(true);
    setError(undefined);
    try {
      const mapping = await sharedElementIds(older.processDefinitionKey, outcome.newKey);
      const keys = await runningCases(client, older.processDefinitionKey);
      let ok = 0;
      let failed = 0;
      for (const key of keys) {
        try {
          await client.json('POST', `/v2/process-instances/${key}/migration`, {
            targetProcessDefinitionKey: outcome.newKey,
            mappingInstructions: mapping.map((id) => ({ sourceElementId: id, targetElementId: id })),
          }, {});
          ok += 1;
        } catch (failure) {
          if (failure instanceof ApiError && failure.status === 404 && ok === 0 && failed === 0) throw new Error(t.deploy.migrateUnavailable, { cause: failure });
          if (failure instanceof ApiError && failure.status === 403) throw failure;
          failed += 1;
        }
      }
      const older2 = await olderVersions(client, outcome.processId!, outcome.newVersion!);
      setOutcome({ ...outcome, older: older2.map((entry) => (entry.version === older.version ? { ...entry, migrated: t.deploy.migrated(ok, failed) } : entry)) });
    } catch (failure) {
      setError(failureOf(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={t.deploy.title} onClose={onClose} class="wide">
      {!outcome && (
        <>
          {dirty && <p class="banner error">{t.deploy.saveFirst}</p>}
          {draft && <p class="banner error">{t.deploy.draft}</p>}
          <p>{t.deploy.intro(file)}</p>
          {error && <ErrorNotice class="banner error" failure={error} />}
          <div class="dialog-actions">
            <button onClick={onClose}>取消</button>
            <button class="primary" disabled={busy || dirty || draft} onClick={() => void deploy()}>
              {busy ? t.deploy.deploying : t.deploy.confirm}
            </button>
          </div>
        </>
      )}
      {outcome && (
        <div class="deploy-outcome" role="status">
          <p class="banner ok">{t.deploy.done}</p>
          <ul class="plain">
            {outcome.answer.deployment.deployments.map((entry, index) => (
              <li key={index}>
                {entry.processDefinition && t.deploy.processVersion(entry.processDefinition.processDefinitionId, entry.processDefinition.processDefinitionVersion)}
                {entry.form && t.deploy.formVersion(entry.form.formId, entry.form.version)}
                {entry.decisionDefinition && t.deploy.decisionVersion(entry.decisionDefinition.decisionDefinitionId, entry.decisionDefinition.version)}
              </li>
            ))}
          </ul>
          {outcome.older && (
            <section aria-labelledby="running-title">
              <h3 id="running-title">{t.deploy.running}</h3>
              {outcome.older.every((entry) => entry.running === 0) && <p class="muted">{readsEveryCase(user) ? t.deploy.noneOlder : t.deploy.noneOlderReadable}</p>}
              <ul class="plain">
                {outcome.older
                  .filter((entry) => entry.running > 0 || entry.migrated)
                  .map((entry) => (
                    <li key={entry.version} data-version={entry.version}>
                      <span class="running-count">{t.deploy.onOlder(entry.running, entry.version)}</span>{' '}
                      {entry.running > 0 && (
                        <button disabled={busy} onClick={() => void migrate(entry)}>
                          {busy ? t.deploy.migrating : t.deploy.migrate(entry.version)}
                        </button>
                      )}
                      {entry.migrated && <span class="notice"> {entry.migrated}</span>}
                    </li>
                  ))}
              </ul>
              <p class="muted small">{t.deploy.migrateNote}</p>
            </section>
          )}
          {outcome.countError && <p class="notice">{outcome.countError}</p>}
          {error && <ErrorNotice class="banner error" failure={error} />}
          <div class="dialog-actions">
            <button class="primary" onClick={onClose}>
              关闭
            </button>
          </div>
        </div>
      )}
    </Dialog>
  );
}

// helpers

async function runningCases(client: V2Client, processDefinitionKey: string): Promise<string[]> {
  const keys: string[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await client.json<SearchResult<{ processInstanceKey: string }>>(
      'POST',
      '/v2/process-instances/search',
      { filter: { processDefinitionKey, state: 'ACTIVE' }, page: { limit: 200, ...(after ? { after } : {}) } },
      {},
    );
    keys.push(...page.items.map((item) => item.processInstanceKey));
    if (page.items.length < 200 || !page.page.endCursor) return keys;
    after = page.page.endCursor;
  }
}

/** Ids of the flow elements both versions have (an element kept under its id is the same step). */
async function sharedElementIds(olderKey: string, newerKey: string): Promise<string[]> {
  const ids = async (key: string) => {
    const response = await fetch(`/v2/process-definitions/${key}/xml`, { credentials: 'same-origin' });
    if (!response.ok) throw new ApiError(response.status, undefined);
    return new Set([...(await response.text()).matchAll(/<bpmn:(?:\w*Task|\w*Event|\w*Gateway|subProcess|callActivity)\b[^>]*\bid="([^"]+)"/g)].map((match) => match[1]!));
  };
  const [older, newer] = await Promise.all([ids(olderKey), ids(newerKey)]);
  return [...older].filter((id) => newer.has(id));
}
