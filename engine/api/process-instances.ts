/**
 * Process instances: create (optionally awaiting the result), cancel, modify, migrate, search, get, element
 * statistics, sequence flows; batch cancellation, incident resolution, migration and modification over a filter.
 */
import type { CamundaRestApiTypes } from '@camunda8/sdk';
import { Router, type Response } from 'express';
import { z } from 'zod';
import { NotFoundError } from '../errors.js';
import type { BatchOperationCreatedResult, CreateBatchOperation, Engine, ProcessInstanceRecord } from '../engine.js';
import { keySchema, parseKeyParam, searchRequestSchema, tenantIdSchema, variablesSchema } from './request-schemas.js';
import { namesNothingFor, scopeOf } from './route-guard.js';
import { answerJson } from './json-answer.js';

const DEFAULT_AWAIT_TIMEOUT = 60_000;

const createSchema = z
  .object({
    processDefinitionId: z.string().min(1).optional(),
    processDefinitionVersion: z.number().int().optional(),
    processDefinitionKey: keySchema.optional(),
    variables: variablesSchema,
    tenantId: tenantIdSchema,
    operationReference: z.unknown().optional(),
    awaitCompletion: z.boolean().optional(),
    fetchVariables: z.array(z.string()).optional(),
    requestTimeout: z.number().int().min(0).optional(),
    tags: z.array(z.string().regex(/^[A-Za-z][A-Za-z0-9_\-:.]{0,99}$/)).max(10).optional(),
  })
  .refine((b) => (b.processDefinitionId === undefined) !== (b.processDefinitionKey === undefined), {
    message: 'give either processDefinitionId or processDefinitionKey, not both',
  });

const modificationSchema = z.object({
  operationReference: z.unknown().optional(),
  activateInstructions: z
    .array(
      z.object({
        elementId: z.string().min(1),
        // -1 (Camunda's "no ancestor") or absent: the one active instance of the element's flow scope
        ancestorElementInstanceKey: keySchema.optional().transform((key) => (key === undefined || key < 0 ? undefined : key)),
        variableInstructions: z
          .array(z.object({ variables: z.record(z.string(), z.unknown()), scopeId: z.string().optional() }))
          .nullish()
          .transform((list) => list ?? []),
      }),
    )
    .nullish()
    .transform((list) => list ?? []),
  terminateInstructions: z
    .array(z.object({ elementInstanceKey: keySchema }))
    .nullish()
    .transform((list) => list ?? []),
});

const migrationSchema = z.object({
  targetProcessDefinitionKey: keySchema,
  mappingInstructions: z.array(z.object({ sourceElementId: z.string().min(1), targetElementId: z.string().min(1) })),
  operationReference: z.unknown().optional(),
});

const filterSchema = z.record(z.string(), z.unknown());
const batchSchemas = {
  cancellation: z.object({ filter: filterSchema }),
  incidentResolution: z.object({ filter: filterSchema }).nullish().transform((body) => body ?? { filter: {} }),
  migration: z.object({
    filter: filterSchema,
    migrationPlan: z.object({
      targetProcessDefinitionKey: keySchema,
      mappingInstructions: z.array(z.object({ sourceElementId: z.string().min(1), targetElementId: z.string().min(1) })),
    }),
  }),
  modification: z.object({
    filter: filterSchema,
    moveInstructions: z.array(z.object({ sourceElementId: z.string().min(1), targetElementId: z.string().min(1) })).min(1),
  }),
};

export function processInstancesRouter(engine: Engine): Router {
  const router = Router();
  router.post('/', async (req, res) => {
    const body = createSchema.parse(req.body ?? {});
    if (namesNothingFor(res)) {
      throw new NotFoundError(
        body.processDefinitionKey !== undefined
          ? `no process definition with key '${body.processDefinitionKey}' is deployed`
          : `no process definition with id '${body.processDefinitionId}' is deployed`,
      );
    }
    const command = {
      processDefinitionKey: body.processDefinitionKey,
      processDefinitionId: body.processDefinitionId,
      processDefinitionVersion: body.processDefinitionVersion,
      variables: body.variables,
      tenantId: body.tenantId,
      tags: body.tags,
    };
    if (body.awaitCompletion) {
      const timeout = body.requestTimeout && body.requestTimeout > 0 ? body.requestTimeout : DEFAULT_AWAIT_TIMEOUT;
      const { instance, variables } = await engine.createProcessInstanceWithResult(command, timeout, body.fetchVariables ?? []);
      answerJson(res, { ...created(instance), variables });
      return;
    }
    const instance = await engine.createProcessInstance(command);
    answerJson(res, { ...created(instance), variables: {} });
  });
  router.post('/search', (req, res) => {
    answerJson(res, engine.queries.searchProcessInstances(searchRequestSchema.parse(req.body), scopeOf(res)));
  });
  // batch operations over the running instances a filter matches, of those the caller may change that way (the
  // route guard's scope); they run in the background
  const batch = async (res: Response, command: CreateBatchOperation) => {
    const operation = await engine.createBatchOperation(command, scopeOf(res));
    answerJson(res, { batchOperationKey: String(operation.key), batchOperationType: operation.batchOperationType } satisfies BatchOperationCreatedResult);
  };
  router.post('/cancellation', async (req, res) => {
    const { filter } = batchSchemas.cancellation.parse(req.body);
    await batch(res, { type: 'CANCEL_PROCESS_INSTANCE', filter, payload: null });
  });
  router.post('/incident-resolution', async (req, res) => {
    const { filter } = batchSchemas.incidentResolution.parse(req.body);
    await batch(res, { type: 'RESOLVE_INCIDENT', filter, payload: null });
  });
  router.post('/migration', async (req, res) => {
    const { filter, migrationPlan } = batchSchemas.migration.parse(req.body);
    await batch(res, { type: 'MIGRATE_PROCESS_INSTANCE', filter, payload: migrationPlan });
  });
  router.post('/modification', async (req, res) => {
    const { filter, moveInstructions } = batchSchemas.modification.parse(req.body);
    await batch(res, { type: 'MODIFY_PROCESS_INSTANCE', filter, payload: { moveInstructions } });
  });
  router.get('/:key', (req, res) => {
    const key = parseKeyParam(req.params.key, 'processInstanceKey');
    const instance = engine.queries.getProcessInstance(key);
    if (!instance) throw new NotFoundError(`no process instance with key '${key}' exists`);
    answerJson(res, instance);
  });
  router.get('/:key/call-hierarchy', (req, res) => {
    const key = parseKeyParam(req.params.key, 'processInstanceKey');
    const chain = engine.queries.callHierarchy(key);
    if (!chain) throw new NotFoundError(`no process instance with key '${key}' exists`);
    answerJson(res, chain);
  });
  router.get('/:key/statistics/element-instances', (req, res) => {
    answerJson(res, { items: engine.queries.processInstanceElementStatistics(parseKeyParam(req.params.key, 'processInstanceKey'), scopeOf(res)) });
  });
  router.get('/:key/sequence-flows', (req, res) => {
    answerJson(res, { items: engine.queries.sequenceFlows(parseKeyParam(req.params.key, 'processInstanceKey'), scopeOf(res)) });
  });
  router.post('/:key/cancellation', async (req, res) => {
    await engine.cancelProcessInstance(parseKeyParam(req.params.key, 'processInstanceKey'));
    res.status(204).end();
  });
  router.post('/:key/modification', async (req, res) => {
    const body = modificationSchema.parse(req.body ?? {});
    await engine.modifyProcessInstance(parseKeyParam(req.params.key, 'processInstanceKey'), body);
    res.status(204).end();
  });
  router.post('/:key/migration', async (req, res) => {
    const body = migrationSchema.parse(req.body ?? {});
    await engine.migrateProcessInstance(parseKeyParam(req.params.key, 'processInstanceKey'), body);
    res.status(204).end();
  });
  router.post('/:key/incidents/search', (req, res) => {
    const key = parseKeyParam(req.params.key, 'processInstanceKey');
    answerJson(res, engine.queries.searchProcessInstanceIncidents(key, searchRequestSchema.parse(req.body), scopeOf(res)));
  });
  return router;
}

// helpers

/**
 * The SDK's CreateProcessInstanceResponse (Camunda 8.8's) without its variables, which the caller adds, and with the
 * instance's tags, which Camunda 8.8 answers and the SDK's type lacks.
 */
function created(instance: ProcessInstanceRecord): Omit<CamundaRestApiTypes.CreateProcessInstanceResponse, 'variables'> & { tags: string[] } {
  return {
    processDefinitionId: instance.bpmnProcessId,
    processDefinitionVersion: instance.version,
    tenantId: instance.tenantId,
    processDefinitionKey: String(instance.processDefinitionKey),
    processInstanceKey: String(instance.key),
    tags: [...(instance.tags ?? [])],
  };
}
