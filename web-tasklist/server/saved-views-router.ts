/**
 * `/tasklist/api/views`: list (own + shared with my groups), create, update and delete saved views. Only the
 * owner changes or deletes a view; a view is shared only with a group the owner belongs to.
 */
import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { userOf } from '../../web-shared/server/current-user.js';
import { sendProblem } from '../../web-shared/server/problem.js';
import { viewInputSchema, type SavedViewsStore } from './saved-views-store.js';

export function savedViewsRouter(store: SavedViewsStore): Router {
  const router = Router();
  router.use(express.json({ limit: '16kb' }));

  router.get('/', (_req, res) => {
    const user = userOf(res);
    res.json({ items: store.visibleTo(user.username, user.groups) });
  });

  router.post('/', (req, res) => {
    const input = parseInput(req, res);
    if (!input) return;
    res.status(201).json(store.create(userOf(res).username, input));
  });

  router.put('/:id', (req, res) => {
    const id = ownedViewId(req, res);
    if (id === undefined) return;
    const input = parseInput(req, res);
    if (!input) return;
    res.json(store.update(id, input));
  });

  router.delete('/:id', (req, res) => {
    const id = ownedViewId(req, res);
    if (id === undefined) return;
    store.delete(id);
    res.status(204).end();
  });

  return router;

  // helpers

  function parseInput(req: Request, res: Response) {
    const parsed = viewInputSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      sendProblem(res, 400, '视图内容有误', parsed.error.issues.map((issue) => issue.message).join('；'));
      return undefined;
    }
    const group = parsed.data.sharedWithGroup;
    if (group !== null && !userOf(res).groups.includes(group)) {
      sendProblem(res, 403, '不能共享', `只能与本人所在的组共享视图（不在组 ${group} 中）`);
      return undefined;
    }
    return parsed.data;
  }

  function ownedViewId(req: Request, res: Response): number | undefined {
    const id = z.coerce.number().int().positive().safeParse(req.params.id);
    const user = userOf(res);
    const view = id.success ? store.get(id.data) : undefined;
    const visible = view && (view.owner === user.username || (view.sharedWithGroup !== null && user.groups.includes(view.sharedWithGroup)));
    if (!view || !visible) {
      sendProblem(res, 404, '未找到', '没有这个视图');
      return undefined;
    }
    if (view.owner !== user.username) {
      sendProblem(res, 403, '不能修改', '只有创建者可以修改或删除此视图');
      return undefined;
    }
    return view.id;
  }
}
