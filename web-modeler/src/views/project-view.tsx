/**
 * The project: every model with its catalogue title, flowchart, national item and time limit; every form with
 * the tasks that use it; every decision; each with its lint state. One search box filters all three lists.
 * New models start from the two-level review template, new forms empty.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { navigateTo } from '../../../web-shared/src/routing/history-router.js';
import type { ModelerApi, ProjectOverview } from '../modeler-api.js';
import { routePath } from '../routes.js';
import { lintMessageZh } from '../lint-messages-zh.js';
import { t } from '../texts.js';
import { NewFormDialog, NewModelDialog } from './new-file-dialogs.js';
import { StatusBadge } from './status-badge.js';
import { failureOf, type Failure } from '../../../web-shared/src/api/failure.js';
import { ErrorNotice } from '../../../web-shared/src/layout/error-notice.js';

export function ProjectView({ api }: { api: ModelerApi }) {
  const [project, setProject] = useState<ProjectOverview | undefined>(undefined);
  const [error, setError] = useState<Failure | string | undefined>(undefined);
  const [query, setQuery] = useState(() => sessionStorage.getItem('modeler.search') ?? '');
  const [dialog, setDialog] = useState<'model' | 'form' | undefined>(undefined);

  useEffect(() => {
    api.project().then(setProject, (failure: Error) => setError(failureOf(failure)));
  }, [api]);

  const search = query.trim().toLowerCase();
  const matches = (...values: (string | number | null | undefined)[]) => !search || values.some((value) => value != null && String(value).toLowerCase().includes(search));
  const models = useMemo(
    () => project?.models.filter((m) => matches(m.titleZh, m.processId, m.file, m.nationalItem?.name, m.nationalItem?.code, m.flowchart ? `fc${String(m.flowchart).padStart(2, '0')}` : '')) ?? [],
    [project, search],
  );
  const forms = useMemo(
    () => project?.forms.filter((f) => matches(f.titleZh, f.formId, f.file, ...f.usedBy.map((use) => use.nameZh), ...f.usedBy.map((use) => use.processId))) ?? [],
    [project, search],
  );
  const decisions = useMemo(() => project?.decisions.filter((d) => matches(d.file)) ?? [], [project, search]);

  const open = (file: string) => (event: Event) => {
    event.preventDefault();
    navigateTo(routePath({ page: 'edit', file }));
  };

  return (
    <div class="project-view">
      <div class="project-toolbar">
        <h1>{t.project.title}</h1>
        <label class="search">
          <span class="visually-hidden">{t.project.search}</span>
          <input
            type="search"
            value={query}
            placeholder={t.project.searchPlaceholder}
            aria-label={t.project.search}
            onInput={(event) => {
              const value = (event.currentTarget as HTMLInputElement).value;
              sessionStorage.setItem('modeler.search', value);
              setQuery(value);
            }}
          />
        </label>
        <button class="primary" onClick={() => setDialog('model')}>
          {t.project.newModel}
        </button>
        <button onClick={() => setDialog('form')}>{t.project.newForm}</button>
      </div>
      {error && <ErrorNotice class="banner error" failure={error} />}
      {!project && !error && <p class="page-status">{t.project.checking}</p>}
      {project && (
        <div class="project-lists">
          <p class="muted">{project.history === 'git' ? t.project.historyGit : t.project.historyJournal}</p>
          {project.otherFindings.some((f) => f.severity === 'error') && (
            <div class="banner error">
              <strong>{t.project.referenceProblems}</strong>
              <ul>
                {project.otherFindings.map((f) => (
                  <li key={`${f.file}${f.elementId}${f.message}`} title={lintMessageZh(f) === f.message ? undefined : f.message}>
                    {f.file}：{lintMessageZh(f)}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <section aria-labelledby="models-title">
            <h2 id="models-title">
              {t.project.models}（{models.length}）
            </h2>
            <table class="file-table">
              <thead>
                <tr>
                  <th>{t.project.columns.title}</th>
                  <th>{t.project.columns.flowchart}</th>
                  <th>{t.project.columns.nationalItem}</th>
                  <th>{t.project.columns.timeLimit}</th>
                  <th>{t.project.columns.status}</th>
                </tr>
              </thead>
              <tbody>
                {models.map((model) => (
                  <tr key={model.file}>
                    <td>
                      <a href={routePath({ page: 'edit', file: model.file })} onClick={open(model.file)} data-file={model.file}>
                        {model.titleZh ?? model.processId ?? model.file}
                      </a>
                      {/* the catalogue's titles of split flowcharts already name their part: 「关系转移接续（转入）」 */}
                      {model.subflow && !model.titleZh?.includes(`（${model.subflow}）`) && <span class="muted">（{model.subflow}）</span>}
                      <div class="muted small">{model.processId}</div>
                    </td>
                    <td class="nowrap">{model.flowchart ? `流程图 ${model.flowchart}` : '—'}</td>
                    <td>{model.nationalItem ? `${model.nationalItem.name}（${model.nationalItem.code}）` : '—'}</td>
                    <td class="nowrap">{model.timeLimitZh ?? '—'}</td>
                    <td>
                      <StatusBadge status={model.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {models.length === 0 && <p class="muted">{t.project.empty}</p>}
          </section>
          <section aria-labelledby="forms-title">
            <h2 id="forms-title">
              {t.project.forms}（{forms.length}）
            </h2>
            <table class="file-table">
              <thead>
                <tr>
                  <th>{t.project.columns.formTitle}</th>
                  <th>{t.project.columns.usedBy}</th>
                  <th>{t.project.columns.status}</th>
                </tr>
              </thead>
              <tbody>
                {forms.map((form) => (
                  <tr key={form.file}>
                    <td>
                      <a href={routePath({ page: 'edit', file: form.file })} onClick={open(form.file)} data-file={form.file}>
                        {form.titleZh ?? form.formId ?? form.file}
                      </a>
                      <div class="muted small">{form.formId}</div>
                    </td>
                    <td>
                      {form.usedBy.length === 0 ? (
                        <span class="muted">{t.project.notUsed}</span>
                      ) : (
                        <ul class="plain">
                          {form.usedBy.map((use) => (
                            <li key={`${use.file}#${use.elementId}`}>
                              <a href={routePath({ page: 'edit', file: use.file })} onClick={open(use.file)}>
                                {project.models.find((m) => m.file === use.file)?.titleZh ?? use.processId}
                              </a>
                              ：{use.nameZh ?? use.elementId}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                    <td>
                      <StatusBadge status={form.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {forms.length === 0 && <p class="muted">{t.project.empty}</p>}
          </section>
          {project.decisions.length > 0 && (
            <section aria-labelledby="decisions-title">
              <h2 id="decisions-title">
                {t.project.decisions}（{decisions.length}）
              </h2>
              <ul class="plain">
                {decisions.map((decision) => (
                  <li key={decision.file}>
                    <a href={routePath({ page: 'edit', file: decision.file })} onClick={open(decision.file)}>
                      {decision.file}
                    </a>{' '}
                    <StatusBadge status={decision.status} />
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
      )}
      {dialog === 'model' && <NewModelDialog api={api} onClose={() => setDialog(undefined)} onCreated={(file) => navigateTo(routePath({ page: 'edit', file }))} />}
      {dialog === 'form' && <NewFormDialog api={api} onClose={() => setDialog(undefined)} onCreated={(file) => navigateTo(routePath({ page: 'edit', file }))} />}
    </div>
  );
}
