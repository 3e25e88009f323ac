/** Decision definitions: evaluation (by id or key), search, get, DMN XML. */
import { Router } from 'express';
import { z } from 'zod';
import { NotFoundError } from '../errors.js';
import type { Engine, EvaluateDecisionResult, EvaluatedDecisionResult } from '../engine.js';
import { keySchema, parseKeyParam, searchRequestSchema, tenantIdSchema, variablesSchema } from './request-schemas.js';
import { answerJson } from './json-answer.js';
import { idScopeOf, namesNothingFor } from './route-guard.js';

const evaluationSchema = z
  .object({
    decisionDefinitionId: z.string().min(1).optional(),
    decisionDefinitionKey: keySchema.optional(),
    variables: variablesSchema,
    tenantId: tenantIdSchema,
  })
  .refine((b) => (b.decisionDefinitionId === undefined) !== (b.decisionDefinitionKey === undefined), {
    message: 'give either decisionDefinitionId or decisionDefinitionKey, not both',
  });

export function decisionDefinitionsRouter(engine: Engine): Router {
  const router = Router();
  router.post('/evaluation', async (req, res) => {
    const body = evaluationSchema.parse(req.body);
    if (namesNothingFor(res)) {
      throw new NotFoundError(
        body.decisionDefinitionKey !== undefined
          ? `Expected to evaluate a decision with key '${body.decisionDefinitionKey}', but no such decision was found`
          : `Expected to evaluate a decision with id '${body.decisionDefinitionId}', but no such decision was found`,
      );
    }
    answerJson(res, evaluationResult(await engine.evaluateDecision(body)));
  });
  router.post('/search', (req, res) => {
    answerJson(res, engine.queries.searchDecisionDefinitions(searchRequestSchema.parse(req.body), idScopeOf(res)));
  });
  router.get('/:key', (req, res) => {
    const key = parseKeyParam(req.params.key, 'decisionDefinitionKey');
    const definition = engine.queries.getDecisionDefinition(key);
    if (!definition) throw new NotFoundError(`no decision definition with key '${key}' exists`);
    answerJson(res, definition);
  });
  router.get('/:key/xml', (req, res) => {
    const key = parseKeyParam(req.params.key, 'decisionDefinitionKey');
    const xml = engine.queries.decisionDefinitionXml(key);
    if (xml === undefined) throw new NotFoundError(`no decision definition with key '${key}' exists`);
    res.type('text/xml').send(xml);
  });
  return router;
}

// helpers

/** Camunda's EvaluateDecisionResult: outputs and input values as JSON text, keys as strings. */
function evaluationResult({ definition, evaluation, output }: EvaluatedDecisionResult): EvaluateDecisionResult {
  const root = evaluation.instances.find((i) => i.decisionDefinitionKey === definition.key);
  return {
    decisionDefinitionId: definition.decisionId,
    decisionDefinitionName: definition.name,
    decisionDefinitionVersion: definition.version,
    decisionRequirementsId: definition.decisionRequirementsId,
    output,
    failedDecisionDefinitionId: evaluation.failedDecisionId ?? '',
    failureMessage: evaluation.failureMessage ?? '',
    tenantId: definition.tenantId,
    decisionDefinitionKey: String(definition.key),
    decisionRequirementsKey: String(definition.decisionRequirementsKey),
    decisionEvaluationKey: String(evaluation.key),
    decisionInstanceKey: root?.instanceKey ?? String(evaluation.key),
    evaluatedDecisions: evaluation.instances.map((instance) => ({
      decisionDefinitionId: instance.decisionId,
      decisionDefinitionName: instance.decisionName,
      decisionDefinitionVersion: instance.decisionVersion,
      decisionDefinitionType: instance.decisionType,
      output: instance.result ?? 'null',
      tenantId: instance.tenantId,
      matchedRules: instance.matchedRules,
      evaluatedInputs: instance.evaluatedInputs,
      decisionDefinitionKey: String(instance.decisionDefinitionKey),
      decisionEvaluationInstanceKey: instance.instanceKey,
    })),
  };
}
