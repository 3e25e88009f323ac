/**
 * The applicants of some cases, by case number: one /v2 variables search per list (not one per case), so it asks
 * a Camunda 8.8 cluster what it asks this engine. The applicant is what the read model takes for it
 * (read-model/case-figures.ts): the person's name, else the unit's, at process scope. Names are shown unmasked
 * (docs/security.md); they travel in the POST's body, never in an address.
 */
import { textValueOf } from '../../web-shared/src/api/read-variable-value.js';
import type { V2Client } from '../../web-shared/src/api/v2-client.js';

/** The variables naming the applicant, the first one holding text wins. */
const APPLICANT_VARIABLES = ['personName', 'unitName'] as const;

export async function applicantsOf(client: V2Client, processInstanceKeys: readonly string[], signal?: AbortSignal): Promise<Map<string, string>> {
  const applicants = new Map<string, string>();
  if (processInstanceKeys.length === 0) return applicants;
  const found = await client.searchVariables(
    {
      // at process scope only (a case's scope key is its own key): an inner scope's copy of the name (a form's local
      // one) would take room in the page, so each case's two variables fit it exactly
      filter: { processInstanceKey: { $in: [...processInstanceKeys] }, scopeKey: { $in: [...processInstanceKeys] }, name: { $in: [...APPLICANT_VARIABLES] } },
      page: { limit: processInstanceKeys.length * APPLICANT_VARIABLES.length },
    },
    { signal },
  );
  for (const name of APPLICANT_VARIABLES) {
    for (const variable of found.items) {
      if (variable.name !== name || variable.scopeKey !== variable.processInstanceKey || applicants.has(variable.processInstanceKey)) continue;
      // a name is text; anything else (null, a number, an object, broken JSON) names nobody
      const value = textValueOf(variable.value);
      if (value) applicants.set(variable.processInstanceKey, value);
    }
  }
  return applicants;
}
