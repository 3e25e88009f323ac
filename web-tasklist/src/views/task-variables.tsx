/**
 * All variables the task sees, each by its Chinese label (the forms' field labels, config/variable-labels.json)
 * with a readable value, in the labels' dictionary order, 20 per page; a name nothing labels shows as it is,
 * greyed, after the labelled ones. The order is the labels', which /v2 cannot sort by: the variables are read
 * whole (a case has a few hundred at most) and paged here. Personal data is masked unless the user may work the
 * task, by the technical name.
 */
import { useEffect, useMemo, useReducer, useState } from 'preact/hooks';
import type { Variable } from '../../../web-shared/src/api/camunda-types.js';
import type { Failure } from '../../../web-shared/src/api/failure.js';
import { useSession } from '../../../web-shared/src/auth/session.js';
import { sortByLabel, variableLabel, type VariableLabels } from '../../../web-shared/src/format/variable-labels.js';
import { formatVariableValue } from '../../../web-shared/src/format/variable-value.js';
import { zh } from '../../../web-shared/src/i18n/zh-cn.js';
import { ErrorNotice } from '../../../web-shared/src/layout/error-notice.js';
import { Pager } from '../../../web-shared/src/layout/pager.js';
import { maskVariableValue } from '../../../web-shared/src/masking/personal-data.js';
import { jsonOrText } from '../../../web-shared/src/api/exact-json.js';
import { maskPersonalValuesInData, mergePersonalValues, personalValuesOfVariables, type PersonalValue } from '../../../web-shared/src/masking/personal-values-in-text.js';
import { readAllVariables } from '../../../web-shared/src/api/read-all-variables.js';
import { LoadBound } from '../load-bound.js';
import { t } from '../texts.js';
import { useAppData } from '../use-app-data.js';

const PAGE = 20;
/** No values of the task page's: the same list from render to render (a new one would mask again each time). */
const NONE: readonly PersonalValue[] = [];

/** `caseValues`: the case's personal values as the task page read them (usePersonalValues), masked with this read's. */
export function TaskVariables({
  userTaskKey,
  processId,
  showPersonalData,
  caseValues = NONE,
}: {
  userTaskKey: string;
  processId: string;
  showPersonalData: boolean;
  caseValues?: readonly PersonalValue[];
}) {
  const { client } = useSession();
  const labels = useAppData().catalog.variableLabels;
  const [page, setPage] = useState(0);
  const [all, setAll] = useState<Variable[] | undefined>(undefined);
  // how many the case holds when reading stopped at its bound (MOST_VARIABLES) before them all
  const [total, setTotal] = useState<number | undefined>(undefined);
  const [error, setError] = useState<Failure | undefined>(undefined);
  // the case's ID numbers, bank accounts and diagnoses, masked also where another variable quotes them (a reason)
  const personal = useMemo(() => mergePersonalValues(caseValues, personalValuesOfVariables(all ?? [])), [caseValues, all]);

  // 重试 reads them again
  const [attempt, retry] = useReducer((count: number) => count + 1, 0);

  // bounded like the task's opening (load-bound.ts): one hung page would leave 加载中 for good; closing the panel or
  // another task cancels the read
  useEffect(() => {
    const own = new LoadBound();
    const { signal } = own;
    setError(undefined);
    void (async () => {
      // (a case holds far fewer than the bound; past it a notice says so)
      const { items: found, incompleteOf } = await readAllVariables((after, limit) =>
        client.searchUserTaskVariables(userTaskKey, { sort: [{ field: 'name', order: 'asc' }], page: after ? { after, limit } : { limit } }, { signal }),
      );
      if (signal.aborted) return;
      setAll(sortByLabel(labels, found, processId));
      setTotal(incompleteOf);
    })()
      .catch((failure: unknown) => {
        const shown = own.failure(failure, t.variables.loadTimeout);
        if (shown !== undefined) setError(shown);
      })
      .finally(() => own.finish());
    return () => own.supersede();
  }, [client, userTaskKey, labels, processId, attempt]);

  if (error) {
    return (
      <div class="variables">
        <ErrorNotice class="error" failure={error} />
        <button onClick={retry}>{t.task.retry}</button>
      </div>
    );
  }
  if (!all) return <p class="muted">{zh.shell.loading}</p>;
  if (all.length === 0) return <p class="muted">{t.variables.empty}</p>;
  const pages = Math.max(1, Math.ceil(all.length / PAGE));
  const shown = all.slice(page * PAGE, (page + 1) * PAGE);
  return (
    <div class="variables">
      {total !== undefined && (
        <p class="truncated" role="status">
          {t.variables.truncated(all.length, total)}
        </p>
      )}
      <table>
        <thead>
          <tr>
            <th>{t.variables.name}</th>
            <th>{t.variables.value}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((variable) => {
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
                <td class="value">{display(variable, showPersonalData ? undefined : personal, labels, processId)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <Pager position={zh.common.pageOf(page + 1, pages)} hasPrevious={page > 0} hasNext={page + 1 < pages} onPrevious={() => setPage(page - 1)} onNext={() => setPage(page + 1)} />
    </div>
  );
}

/** `personal`: the values to mask (undefined for who may work the task: nothing masked). */
function display(variable: Variable, personal: readonly PersonalValue[] | undefined, labels: VariableLabels, processId: string): string {
  // long integers exact: an ID number stored as a number is shown, and masked, as its digits
  const parsed = jsonOrText(variable.value);
  // by the variable's own name (a diagnosis list or coded object is masked whole) and the names inside it (family
  // members, payees), then where a text quotes one of the case's values
  const value = personal ? maskPersonalValuesInData(maskVariableValue(variable.name, parsed), personal) : parsed;
  const text = formatVariableValue(variable.name, value, { labels, processId });
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
