/** User tasks: search, get, assign, unassign, update, complete, form, variables. */
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Engine } from '../engine.js';
import { NotFoundError } from '../errors.js';
import { parseKeyParam, searchRequestSchema, variableSearchQuerySchema, variablesSchema } from './request-schemas.js';
import { principalOf, scopeOf } from './route-guard.js';
import { answerJson } from './json-answer.js';

const nullableDate = z.string().nullish();
const changesetSchema = z
  .object({
    dueDate: nullableDate,
    followUpDate: nullableDate,
    candidateGroups: z.array(z.string()).nullish(),
    candidateUsers: z.array(z.string()).nullish(),
    priority: z.number().int().min(0).max(100).nullish(),
  })
  .nullish();

const assignmentSchema = z.object({ assignee: z.string().min(1), allowOverride: z.boolean().nullish(), action: z.string().nullish() });
const completionSchema = z.object({ variables: variablesSchema, action: z.string().nullish() }).nullish();

export function userTasksRouter(engine: Engine): Router {
  const router = Router();
  const key = (req: Request) => parseKeyParam(req.params.key as string, 'userTaskKey');

  router.post('/search', (req, res) => {
    answerJson(res, engine.queries.searchUserTasks(searchRequestSchema.parse(req.body), scopeOf(res)));
  });
  router.get('/:key', (req, res) => {
    const task = engine.queries.getUserTask(key(req));
    if (!task) throw new NotFoundError(`no user task with key '${req.params.key}' exists`);
    answerJson(res, task);
  });
  router.get('/:key/form', (req, res) => {
    const userTaskKey = key(req);
    if (!engine.queries.getUserTask(userTaskKey)) throw new NotFoundError(`no user task with key '${userTaskKey}' exists`);
    const form = engine.queries.userTaskForm(userTaskKey);
    if (!form) return void res.status(204).end();
    answerJson(res, form);
  });
  router.post('/:key/assignment', async (req, res) => {
    const body = assignmentSchema.parse(req.body);
    await engine.assignUserTask(key(req), body.assignee, body.allowOverride ?? true);
    res.status(204).end();
  });
  router.delete('/:key/assignee', async (req, res) => {
    await engine.unassignUserTask(key(req));
    res.status(204).end();
  });
  router.post('/:key/completion', async (req, res) => {
    const body = completionSchema.parse(req.body);
    await engine.completeUserTask(key(req), body?.variables ?? {}, principalOf(res).username);
    res.status(204).end();
  });
  const update = async (req: Request, res: Response) => {
    const body = z.object({ changeset: changesetSchema, action: z.string().nullish() }).nullish().parse(req.body);
    await engine.updateUserTask(key(req), body?.changeset ?? {});
    res.status(204).end();
  };
  router.patch('/:key', update);
  // @camunda8/sdk 8.8's updateUserTask calls this path with the bare changeset as the body; real Camunda serves only
  // PATCH /user-tasks/{key}
  router.patch('/:key/update', (req, res) => {
    const body = req.body as Record<string, unknown> | undefined;
    if (body && typeof body === 'object' && !('changeset' in body) && !('action' in body)) req.body = { changeset: body };
    return update(req, res);
  });
  router.post('/:key/variables/search', (req, res) => {
    const userTaskKey = key(req);
    const task = engine.queries.getUserTask(userTaskKey);
    if (!task) throw new NotFoundError(`no user task with key '${userTaskKey}' exists`);
    const { truncateValues } = variableSearchQuerySchema.parse(req.query);
    answerJson(res, engine.queries.searchUserTaskVariables(userTaskKey, searchRequestSchema.parse(req.body), truncateValues));
  });
  return router;
}
