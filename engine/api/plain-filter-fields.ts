/**
 * The search filter fields that Camunda 8.8 takes as a plain value only (its `*Filter` schemas of the REST v2 API,
 * as in the 8.8 `camunda-openapi.yaml` and the client generated from it): an operator there (`$in`, `$like`,
 * `$gte` …) is refused by a cluster with 400, while this engine takes operators on every field. With
 * `CAMUNDA_88_STRICT_FILTERS=true` (off by default) the engine refuses them as a cluster does, so that the apps'
 * tests find a filter a cluster would refuse (docs/camunda8-cluster.md, "Search filters the apps send").
 *
 * Per search (its route pattern before `/search`, a path parameter written `:key`), the fields listed are plain-only;
 * a field not listed takes what 8.8 takes (or is not 8.8's): left to the engine.
 */
import type { RequestHandler } from 'express';
import { InvalidArgumentError } from '../errors.js';

const INCIDENT_FIELDS = [
  'processInstanceKey', 'incidentKey', 'processDefinitionKey', 'elementInstanceKey', 'jobKey', 'processDefinitionId', 'errorType',
  'errorMessage', 'elementId', 'state', 'tenantId',
];

export const PLAIN_ONLY_FILTER_FIELDS: Readonly<Record<string, readonly string[]>> = {
  'user-tasks': ['processInstanceKey', 'userTaskKey', 'processDefinitionKey', 'elementInstanceKey', 'elementId', 'name', 'processDefinitionId'],
  'element-instances': [
    'processInstanceKey', 'elementInstanceKey', 'processDefinitionKey', 'incidentKey', 'elementInstanceScopeKey', 'type', 'elementId',
    'elementName', 'processDefinitionId', 'tenantId', 'hasIncident',
  ],
  incidents: INCIDENT_FIELDS,
  // a process instance's incidents: the 8.8.4 client's request here has sort and page only, no filter, while this
  // engine takes the incident filter (ANDed with the path's key); an operator on these fields is not 8.8's either way
  'process-instances/:key/incidents': INCIDENT_FIELDS,
  'decision-instances': [
    'processInstanceKey', 'processDefinitionKey', 'decisionEvaluationKey', 'decisionEvaluationInstanceKey', 'state', 'evaluationFailure',
    'decisionDefinitionId', 'decisionDefinitionName', 'decisionDefinitionVersion', 'decisionDefinitionType', 'tenantId',
  ],
  'process-definitions': ['processDefinitionKey', 'isLatestVersion', 'resourceName', 'version', 'versionTag', 'tenantId', 'hasStartForm'],
  variables: ['tenantId', 'isTruncated'],
  // every field of 8.8's DecisionDefinitionFilter and DecisionRequirementsFilter is plain
  'decision-definitions': [
    'decisionDefinitionKey', 'decisionDefinitionId', 'name', 'version', 'decisionRequirementsId', 'decisionRequirementsKey', 'tenantId',
  ],
  'decision-requirements': ['decisionRequirementsKey', 'decisionRequirementsId', 'decisionRequirementsName', 'version', 'resourceName', 'tenantId'],
  roles: ['roleId', 'name'],
  // groupId takes operators in 8.8, name does not
  groups: ['name'],
  // a user task's variables: 8.8's filter has name only, which takes operators
  'user-tasks/:key/variables': [],
};

/** `/user-tasks/search` → `user-tasks`; `/process-instances/2251…/incidents/search` → `process-instances/:key/incidents`. */
const SEARCH_PATH = /^\/([a-z-]+)(?:\/[^/]+\/([a-z-]+))?\/search$/;

/** The search's route pattern (the table's key) of a request path under /v2, or undefined when it is no search. */
export function searchOf(path: string): string | undefined {
  const match = SEARCH_PATH.exec(path);
  if (!match) return undefined;
  return match[2] ? `${match[1]}/:key/${match[2]}` : match[1];
}

/** The first plain-only field of a search's filter that has an operator, or undefined. */
export function advancedOnPlainField(search: string, filter: unknown): string | undefined {
  const fields = PLAIN_ONLY_FILTER_FIELDS[search];
  if (!fields || filter === null || typeof filter !== 'object') return undefined;
  const values = filter as Record<string, unknown>;
  return fields.find((field) => values[field] !== null && typeof values[field] === 'object');
}

/** Refuses (400) a search with an operator on a field Camunda 8.8 takes as a plain value only. */
export function strictFilters(): RequestHandler {
  return (req, _res, next) => {
    const search = req.method === 'POST' ? searchOf(req.path) : undefined;
    const field = search && advancedOnPlainField(search, (req.body as { filter?: unknown } | undefined)?.filter);
    if (field) {
      throw new InvalidArgumentError(
        `filter.${field} of the ${search} search takes a plain value on Camunda 8.8, not an advanced filter (CAMUNDA_88_STRICT_FILTERS)`,
      );
    }
    next();
  };
}
