/**
 * `/modeler/api`: the project, its files (read, save), their history, the lint context for the browser, the
 * element templates and deployment. Every route needs a login with the `modeler` component (analysts and admins,
 * docs/identity.md); deployment also goes to `/v2/deployments` with the user's own credentials, so the engine
 * decides again whether they may deploy.
 */
import express, { Router, type Request } from 'express';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { userOf, type CurrentUserAuth } from '../../web-shared/server/current-user.js';
import { parseBody } from '../../web-shared/server/parse-body.js';
import { sendProblem } from '../../web-shared/server/problem.js';
import { deploymentPlan } from './deployment-resources.js';
import { ModelerRequestError, modelerProblems } from './modeler-problems.js';
import { createForm, createModel, NEW_FORM_FIELDS, NEW_MODEL_FIELDS, newFormSchema, newModelSchema } from './new-files.js';
import { projectOverview } from './project-overview.js';
import { revisionOf } from './project-files.js';
import type { ProjectStore } from './project-store.js';

const saveSchema = z.object({
  text: z.string().max(10 * 1024 * 1024),
  baseRevision: z.string().nullable(),
  // control characters (other than line breaks and tabs) have no place in a 修改说明 and would reach git's log
  message: z
    .string()
    .max(500)
    .refine((text) => ![...text].some(isControlCharacter), '不能含控制字符')
    .optional(),
});

/**
 * A save's fields as the analyst knows them, for the detail of a refused save (parse-body.ts): 「修改说明不能含控制字符」,
 * 「修改说明最多 500 个字符」, not the JSON key (「message：…」).
 */
const SAVE_FIELDS: Readonly<Record<keyof z.infer<typeof saveSchema>, string>> = {
  text: '文件内容',
  baseRevision: '所依据的版本',
  message: '修改说明',
};

export function modelerRouter(store: ProjectStore, auth: CurrentUserAuth): Router {
  const router = Router();
  router.use(express.json({ limit: '12mb' }));
  const { files, index, history } = store;

  router.get('/project', async (_req, res) => {
    res.json({ history: history.kind, ...projectOverview(files, await index.lint()) });
  });

  router.get('/files/{*path}', async (req, res) => {
    const file = pathOf(req);
    files.kindOf(file);
    if (!files.exists(file)) throw new ModelerRequestError(404, '未找到', `项目中没有 ${file}`);
    const text = files.read(file);
    const { findings, status } = await index.fileStatus(file);
    res.json({ file, text, revision: revisionOf(text), findings, status });
  });

  router.put('/files/{*path}', async (req, res) => {
    const file = pathOf(req);
    const body = parseBody(saveSchema, req.body, SAVE_FIELDS);
    const user = userOf(res);
    res.json(await store.save({ file, text: body.text, baseRevision: body.baseRevision, message: body.message, author: authorOf(user) }));
  });

  router.post('/models', async (req, res) => {
    res.status(201).json(await createModel(store, parseBody(newModelSchema, req.body, NEW_MODEL_FIELDS), authorOf(userOf(res))));
  });

  router.post('/forms', async (req, res) => {
    res.status(201).json(await createForm(store, parseBody(newFormSchema, req.body, NEW_FORM_FIELDS), authorOf(userOf(res))));
  });

  router.get('/history/{*path}', async (req, res) => {
    const file = pathOf(req);
    files.kindOf(file);
    const version = typeof req.query.version === 'string' ? req.query.version : undefined;
    if (version === undefined) return void res.json({ file, store: history.kind, versions: await history.versions(file) });
    const text = await history.read(file, version);
    if (text === undefined) throw new ModelerRequestError(404, '未找到', `${file} 没有版本 ${version}`);
    res.json({ file, version, text });
  });

  router.get('/lint-context', async (_req, res) => {
    const lint = await index.lint();
    res.json({ referenceTexts: lint.referenceTexts, models: lint.models, forms: lint.forms, decisions: lint.decisions });
  });

  router.get('/element-templates', (_req, res) => {
    res.json(readElementTemplates(files.root));
  });

  router.post('/deployments', async (req, res) => {
    const { file } = parseBody(z.object({ file: z.string() }), req.body, { file: '文件' });
    if (!files.exists(file)) throw new ModelerRequestError(404, '未找到', `项目中没有 ${file}`);
    const plan = deploymentPlan(file, files, await index.lint());
    if (plan.drafts.length > 0) {
      const names = plan.drafts.map((draft) => `${draft.file}（${draft.errors.length} 个错误）`).join('、');
      return sendProblem(res, 409, '草稿不能部署', `${names} 有错误，是草稿，不能部署。请先在问题列表中改正并保存。`);
    }
    const form = new FormData();
    for (const path of plan.files) form.append('resources', new Blob([files.read(path)], { type: 'application/octet-stream' }), basename(path));
    const answer = await auth.fetchV2AsUser(req, '/v2/deployments', { method: 'POST', body: form });
    const body = (await answer.json().catch(() => undefined)) as unknown;
    if (!answer.ok) {
      // a 429 (the engine's login throttle, a cluster's gateway) says when to try again
      const retryAfter = answer.headers.get('retry-after');
      if (retryAfter !== null) res.setHeader('Retry-After', retryAfter);
      res.status(answer.status).type('application/problem+json').json(body ?? { title: '部署失败', status: answer.status });
      return;
    }
    res.json({ files: plan.files, deployment: body });
  });

  router.use(modelerProblems);
  return router;
}

// helpers

function pathOf(req: Request): string {
  const path = (req.params as { path?: string[] | string }).path;
  return Array.isArray(path) ? path.join('/') : (path ?? '');
}

function authorOf(user: ReturnType<typeof userOf>) {
  return { username: user.username, displayName: user.displayName || user.username };
}

/** The element templates of `bpmn/element-templates/` (generated by `npm run catalog`). */
function readElementTemplates(root: string): unknown[] {
  const dir = join(root, 'bpmn', 'element-templates');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as unknown);
}

/**
 * Control characters (C0, DEL, C1; line breaks and tabs excepted) and the bidirectional overrides and isolates,
 * which would make a history row read otherwise than it was written.
 */
function isControlCharacter(character: string): boolean {
  if (character === '\n' || character === '\t') return false;
  return /\p{Cc}/u.test(character) || /[\u202a-\u202e\u2066-\u2069]/.test(character);
}
