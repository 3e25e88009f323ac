/**
 * Evaluating decisions: `POST /v2/decision-definitions/evaluation` and business rule tasks
 * (`zeebe:calledDecision`). Every evaluation, failed or not, is one DECISION_EVALUATION event with a decision
 * instance per evaluated decision (the evaluation history Camunda's decision-instance search reads).
 */
import type { Failure } from '../behaviors/shared/failure.js';
import { failure } from '../behaviors/shared/failure.js';
import type { CalledDecisionBinding, Decisions, EngineServices } from '../behaviors/shared/engine-services.js';
import { evaluateDecision as evaluateInDrg, type DecisionEvaluation } from '../decisions/evaluate-decision.js';
import { InvalidArgumentError, NotFoundError } from '../errors.js';
import type { DecisionDefinitionRecord, DecisionEvaluationRecord, ElementInstanceRecord } from '../state/records.js';
import type { CommandContext } from './command-context.js';

/** What evaluating a decision needs: the deployed decisions, their compiled DRGs, variables, the writer. */
export interface DecisionContext extends Pick<CommandContext, 'readers' | 'models'> {
  readonly services: Pick<EngineServices, 'now' | 'nowIso' | 'nextKey' | 'writer' | 'variables'>;
}

export interface EvaluateDecision {
  decisionDefinitionKey?: number;
  decisionDefinitionId?: string;
  variables: Record<string, unknown>;
  tenantId: string;
}

export interface EvaluatedDecisionResult {
  definition: DecisionDefinitionRecord;
  evaluation: DecisionEvaluationRecord;
  /** The requested decision's output as JSON text (`null` when it failed). */
  output: string;
}

export function evaluateDecision(context: DecisionContext, command: EvaluateDecision): EvaluatedDecisionResult {
  const { readers } = context;
  let definition: DecisionDefinitionRecord | undefined;
  if (command.decisionDefinitionKey !== undefined) {
    definition = readers.decisionDefinition(command.decisionDefinitionKey);
    if (!definition || definition.tenantId !== command.tenantId) {
      throw new NotFoundError(`Expected to evaluate a decision with key '${command.decisionDefinitionKey}', but no such decision was found`);
    }
  } else if (command.decisionDefinitionId !== undefined) {
    definition = readers.latestDecision(command.decisionDefinitionId, command.tenantId);
    if (!definition) {
      throw new NotFoundError(`Expected to evaluate a decision with id '${command.decisionDefinitionId}', but no such decision was found`);
    }
  } else {
    throw new InvalidArgumentError('Expected either a decision id or a valid decision key, but none provided');
  }
  const outcome = evaluateInDrg(context.models.drgFor(definition.decisionRequirementsKey), definition.decisionId, command.variables, context.services.now());
  const evaluation = recordEvaluation(context, definition, outcome, undefined);
  return { definition, evaluation, output: JSON.stringify(outcome.output ?? null) };
}

/** The business rule tasks' view: evaluate the called decision in the task's variable scope. */
export function calledDecisions(context: DecisionContext): Decisions {
  return {
    evaluateCalled(instance, decisionId, binding) {
      const definition = findCalledDecision(context, instance, decisionId, binding);
      if (!definition) return calledDecisionMissing(decisionId, binding);
      const variables = context.services.variables.visible(instance.key);
      const outcome = evaluateInDrg(context.models.drgFor(definition.decisionRequirementsKey), definition.decisionId, variables, context.services.now());
      recordEvaluation(context, definition, outcome, instance);
      if (outcome.failure) return failure('DECISION_EVALUATION_ERROR', outcome.failure.message);
      return { output: outcome.output };
    },
  };
}

// helpers

function findCalledDecision(
  { readers }: DecisionContext,
  instance: ElementInstanceRecord,
  decisionId: string,
  binding: CalledDecisionBinding,
): DecisionDefinitionRecord | undefined {
  if (binding.type === 'deployment') {
    const deploymentKey = readers.processDefinition(instance.processDefinitionKey)?.deploymentKey;
    return deploymentKey === undefined ? undefined : readers.decisionOfDeployment(decisionId, instance.tenantId, deploymentKey);
  }
  if (binding.type === 'versionTag') {
    return binding.versionTag === undefined ? undefined : readers.latestDecisionWithTag(decisionId, instance.tenantId, binding.versionTag);
  }
  return readers.latestDecision(decisionId, instance.tenantId);
}

function calledDecisionMissing(decisionId: string, binding: CalledDecisionBinding): Failure {
  const where =
    binding.type === 'deployment'
      ? ' in the deployment of this process'
      : binding.type === 'versionTag'
        ? ` with version tag '${binding.versionTag}'`
        : '';
  return failure('CALLED_DECISION_ERROR', `Expected to evaluate decision '${decisionId}', but no decision found for id '${decisionId}'${where}`);
}

function recordEvaluation(
  { readers, services }: DecisionContext,
  definition: DecisionDefinitionRecord,
  outcome: DecisionEvaluation,
  caller: ElementInstanceRecord | undefined,
): DecisionEvaluationRecord {
  const key = services.nextKey();
  const now = services.nowIso();
  const instances = outcome.evaluatedDecisions.map((evaluated, i) => {
    const failed = outcome.failure?.decisionId === evaluated.decisionId;
    const decision =
      evaluated.decisionId === definition.decisionId
        ? definition
        : readers.decisionOfRequirements(evaluated.decisionId, definition.decisionRequirementsKey)!;
    return {
      key: services.nextKey(),
      instanceKey: `${key}-${i + 1}`,
      evaluationKey: key,
      state: failed ? ('FAILED' as const) : ('EVALUATED' as const),
      evaluationDate: now,
      evaluationFailure: failed ? outcome.failure!.message : null,
      decisionDefinitionKey: decision.key,
      decisionId: decision.decisionId,
      decisionName: decision.name,
      decisionVersion: decision.version,
      decisionType: decision.decisionType,
      result: failed ? null : JSON.stringify(evaluated.output ?? null),
      evaluatedInputs: evaluated.evaluatedInputs.map((input) => ({ ...input, inputValue: JSON.stringify(input.inputValue ?? null) })),
      matchedRules: evaluated.matchedRules.map((rule) => ({
        ...rule,
        evaluatedOutputs: rule.evaluatedOutputs.map((output) => ({ ...output, outputValue: JSON.stringify(output.outputValue ?? null) })),
      })),
      tenantId: definition.tenantId,
      processDefinitionKey: caller?.processDefinitionKey ?? null,
      processInstanceKey: caller?.processInstanceKey ?? null,
      elementInstanceKey: caller?.key ?? null,
    };
  });
  const evaluation: DecisionEvaluationRecord = {
    key,
    decisionDefinitionKey: definition.key,
    decisionRequirementsKey: definition.decisionRequirementsKey,
    processInstanceKey: caller?.processInstanceKey ?? null,
    elementInstanceKey: caller?.key ?? null,
    failedDecisionId: outcome.failure?.decisionId ?? null,
    failureMessage: outcome.failure?.message ?? null,
    instances,
  };
  services.writer.append('DECISION_EVALUATION', outcome.failure ? 'FAILED' : 'EVALUATED', evaluation);
  return evaluation;
}
