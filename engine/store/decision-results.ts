/**
 * The shapes the decision read side returns (decision definitions, decision requirements, decision instances) and
 * the answer of a decision evaluation, taken from @camunda8/sdk's REST types (Apache-2.0) where the SDK has one.
 * The SDK 8.8 has no search types for decisions; its deployment items carry exactly the fields Camunda 8.8's
 * decision definition and decision requirements results have, so those serve. Differences are spelled out.
 */
import type { CamundaRestApiTypes } from '@camunda8/sdk';
import type { DecisionInstanceState } from '../state/records.js';

/** A decision definition: the fields of the SDK's deployed decision, which are Camunda 8.8's search result's. */
export type DecisionDefinitionResult = CamundaRestApiTypes.DecisionDeployment;

/** Decision requirements (a deployed DRG): the fields of the SDK's deployed DRG, as Camunda 8.8 returns them. */
export type DecisionRequirementsResult = CamundaRestApiTypes.DecisionRequirementsDeployment;

type DecisionType = 'DECISION_TABLE' | 'LITERAL_EXPRESSION';

/**
 * A decision instance in a search result (the SDK 8.8 has no type for it; these are Camunda 8.8's fields). It is
 * identified by `decisionEvaluationInstanceKey` (`<evaluation key>-<n>`, a string, not a number); the same value is
 * also answered as `decisionInstanceKey`, the name of the pre-8.8 API that older clients still read. A failed
 * instance has no result; one evaluated through the API, not by a business rule task, has no process keys.
 */
export interface DecisionInstanceResult {
  decisionEvaluationInstanceKey: string;
  decisionInstanceKey: string;
  decisionEvaluationKey: string;
  state: DecisionInstanceState;
  evaluationDate: string;
  evaluationFailure?: string;
  decisionDefinitionId: string;
  decisionDefinitionName: string;
  decisionDefinitionVersion: number;
  decisionDefinitionType: DecisionType;
  decisionDefinitionKey: string;
  result?: string;
  tenantId: string;
  processDefinitionKey?: string;
  processInstanceKey?: string;
  elementInstanceKey?: string;
}

/**
 * A matched rule. The SDK types `ruleIndex` as a string; Camunda 8.8 answers an integer (1-based), and so does this
 * engine.
 */
type MatchedRuleResult = Omit<CamundaRestApiTypes.MatchedRule, 'ruleIndex' | 'evaluatedOutputs'> & {
  ruleIndex: number;
  evaluatedOutputs: CamundaRestApiTypes.EvaluatedOutput[];
};

type EvaluatedInputResult = CamundaRestApiTypes.EvaluatedInput;

/** One decision instance as `GET /v2/decision-instances/{key}` returns it: with its inputs and matched rules. */
export type DecisionInstanceDetailsResult = DecisionInstanceResult & {
  evaluatedInputs: EvaluatedInputResult[];
  matchedRules: MatchedRuleResult[];
};

/**
 * One decision of an evaluation's `evaluatedDecisions`: the SDK's EvaluatedDecision, with Camunda 8.8's integer
 * `ruleIndex` and the `decisionEvaluationInstanceKey` 8.8 adds (the key its decision instance is read by).
 */
type EvaluatedDecision = Omit<CamundaRestApiTypes.EvaluatedDecision, 'matchedRules' | 'evaluatedInputs' | 'decisionDefinitionType'> & {
  decisionDefinitionType: DecisionType;
  matchedRules: MatchedRuleResult[];
  evaluatedInputs: EvaluatedInputResult[];
  decisionEvaluationInstanceKey: string;
};

/** The answer of `POST /v2/decision-definitions/evaluation`: the SDK's EvaluateDecisionResponse, its decisions as above. */
export type EvaluateDecisionResult = Omit<CamundaRestApiTypes.EvaluateDecisionResponse, 'evaluatedDecisions'> & {
  evaluatedDecisions: EvaluatedDecision[];
};
