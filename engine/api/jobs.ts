/** Jobs: long-polling activation, complete, fail, throw a BPMN error, update, search. */
import { Router } from 'express';
import { z } from 'zod';
import type { ActivatedJobResult, Engine } from '../engine.js';
import { DEFAULT_TENANT, parseKeyParam, searchRequestSchema, variablesSchema } from './request-schemas.js';
import { scopeOf } from './route-guard.js';
import { answerJson } from './json-answer.js';
import { jobSearchFilter } from './job-states.js';

const activationSchema = z.object({
  type: z.string().min(1),
  worker: z.string().optional(),
  timeout: z.number().int().min(1),
  maxJobsToActivate: z.number().int().min(1).max(10_000),
  fetchVariable: z.array(z.string()).nullish(),
  requestTimeout: z.number().int().optional(),
  tenantIds: z.array(z.string()).nullish(),
});

const completionSchema = z.object({ variables: variablesSchema, result: z.unknown().optional() }).nullish();
const failureSchema = z
  .object({
    retries: z.number().int().min(0).optional(),
    errorMessage: z.string().nullish(),
    retryBackOff: z.number().int().min(0).optional(),
    variables: variablesSchema,
  })
  .nullish();
const errorSchema = z.object({ errorCode: z.string().min(1), errorMessage: z.string().nullish(), variables: variablesSchema });
const updateSchema = z.object({
  changeset: z.object({ retries: z.number().int().nullish(), timeout: z.number().int().min(0).nullish() }),
  operationReference: z.unknown().optional(),
});

export function jobsRouter(engine: Engine): Router {
  const router = Router();
  router.post('/activation', async (req, res) => {
    const body = activationSchema.parse(req.body);
    // the client went away before it got an answer (a worker stopped or restarted): drop its poll
    const departed = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) departed.abort();
    });
    const jobs = await engine.activateJobs(
      {
        type: body.type,
        worker: body.worker ?? '',
        timeout: body.timeout,
        maxJobsToActivate: body.maxJobsToActivate,
        fetchVariable: body.fetchVariable && body.fetchVariable.length > 0 ? body.fetchVariable : undefined,
        tenantIds: body.tenantIds && body.tenantIds.length > 0 ? body.tenantIds : [DEFAULT_TENANT],
      },
      body.requestTimeout ?? 0,
      departed.signal,
    );
    if (departed.signal.aborted) return;
    answerJson(res, {
      jobs: jobs.map(({ job, variables, tags }): ActivatedJobResult => ({
        jobKey: String(job.key),
        type: job.type,
        processDefinitionId: job.bpmnProcessId,
        processDefinitionVersion: job.version,
        processDefinitionKey: String(job.processDefinitionKey),
        processInstanceKey: String(job.processInstanceKey),
        elementId: job.elementId,
        elementInstanceKey: String(job.elementInstanceKey),
        customHeaders: job.customHeaders,
        worker: job.worker ?? '',
        retries: job.retries,
        deadline: job.deadline,
        variables,
        tenantId: job.tenantId,
        kind: 'BPMN_ELEMENT',
        listenerEventType: 'UNSPECIFIED',
        tags: [...tags],
      })),
    });
  });
  router.post('/search', (req, res) => {
    const request = searchRequestSchema.parse(req.body);
    answerJson(res, engine.queries.searchJobs({ ...request, filter: jobSearchFilter(request.filter) }, scopeOf(res)));
  });
  router.post('/:key/completion', async (req, res) => {
    const body = completionSchema.parse(req.body);
    await engine.completeJob(parseKeyParam(req.params.key, 'jobKey'), body?.variables ?? {});
    res.status(204).end();
  });
  router.post('/:key/failure', async (req, res) => {
    const body = failureSchema.parse(req.body);
    await engine.failJob(parseKeyParam(req.params.key, 'jobKey'), {
      retries: body?.retries ?? 0,
      errorMessage: body?.errorMessage ?? '',
      retryBackOff: body?.retryBackOff ?? 0,
      variables: body?.variables ?? {},
    });
    res.status(204).end();
  });
  router.post('/:key/error', async (req, res) => {
    const body = errorSchema.parse(req.body);
    await engine.throwJobError(parseKeyParam(req.params.key, 'jobKey'), {
      errorCode: body.errorCode,
      errorMessage: body.errorMessage ?? '',
      variables: body.variables,
    });
    res.status(204).end();
  });
  router.patch('/:key', async (req, res) => {
    const body = updateSchema.parse(req.body);
    await engine.updateJob(parseKeyParam(req.params.key, 'jobKey'), {
      retries: body.changeset.retries ?? undefined,
      timeout: body.changeset.timeout ?? undefined,
    });
    res.status(204).end();
  });
  return router;
}
