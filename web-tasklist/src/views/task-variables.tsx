/**
 * All variables the task sees, 20 per page on demand (Camunda's Tasklist loads them all at once), each by its
 * Chinese label (the forms' field labels, config/variable-labels.json) with a readable value; a name nothing labels
 * shows as it is, greyed. Personal data is masked unless the user may work the task, by the technical name.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Variable } from '../../../web-shared/src/api/camunda-types.js';
import { useSession } from '../../../web-shared/src/auth/session.js';
import { variableLabel, type VariableLabels } from '../../../web-shared/src/format/variable-labels.js';
import { formatVariableValue } from '../../../web-shared/src/format/variable-value.js';
import { zh } from '../../../web-shared/src/i18n/zh-cn.js';
import { maskVariableValue } from '../../../web-shared/src/masking/personal-data.js';
import { t } from '../texts.js';
import { useAppData } from '../use-app-data.js';
import { parseJson } from '../use-task-list.js';

const PAGE = 20;

export function TaskVariables({ userTaskKey, processId, showPersonalData }: { userTaskKey: string; processId: string; showPersonalData: boolean }) {
  const { client } = useSession();
  const labels = useAppData().catalog.variableLabels;
  const [page, setPage] = useState(0);
  const [result, setResult] = useState<{ items: Variable[]; total: number } | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);

  useEffect(() => {
    client
      .searchUserTaskVariables(userTaskKey, { sort: [{ field: 'name', order: 'asc' }], page: { from: page * PAGE, limit: PAGE } })
      .then((found) => setResult({ items: found.items, total: found.page.totalItems }), (failure: Error) => setError(failure.message));
  }, [client, userTaskKey, page]);

  if (error) return <p class="error">{error}</p>;
  if (!result) return <p class="muted">{zh.shell.loading}</p>;
  if (result.total === 0) return <p class="muted">{t.variables.empty}</p>;
  const pages = Math.max(1, Math.ceil(result.total / PAGE));
  return (
    <div class="variables">
      <table>
        <thead>
          <tr>
            <th>{t.variables.name}</th>
            <th>{t.variables.value}</th>
          </tr>
        </thead>
        <tbody>
          {result.items.map((variable) => {
            const label = variableLabel(labels, variable.name, processId);
            return (
              <tr key={variable.variableKey} data-variable={variable.name}>
                {label ? (
                  <td title={variable.name}>{label}</td>
                ) : (
                  <td class="technical-name" title={t.variables.unlabelled}>
                    {variable.name}
                  </td>
                )}
                <td class="value">{display(variable, showPersonalData, labels, processId)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div class="pager">
        <button disabled={page === 0} onClick={() => setPage(page - 1)}>
          {zh.common.previousPage}
        </button>
        <span>{zh.common.pageOf(page + 1, pages)}</span>
        <button disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>
          {zh.common.nextPage}
        </button>
      </div>
    </div>
  );
}

function display(variable: Variable, showPersonalData: boolean, labels: VariableLabels, processId: string): string {
  const parsed = parseJson(variable.value);
  // by the variable's own name (a diagnosis list or coded object is masked whole) and the names inside it (family members, payees)
  const value = showPersonalData ? parsed : maskVariableValue(variable.name, parsed);
  const text = formatVariableValue(variable.name, value, { labels, processId });
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
