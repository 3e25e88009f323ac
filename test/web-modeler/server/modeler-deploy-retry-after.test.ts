/**
 * The modeler's deploy passes on a refusal of /v2/deployments whole: status, problem body and `Retry-After` (the
 * engine's login throttle, or a cluster's gateway, says when to try again). Real HTTP: the web server as `npm run
 * web` starts it, in front of a stand-in cluster whose /me knows the analyst and whose /v2/deployments answers 429.
 */
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebServer, type WebServer } from '../../../web-shared/server/start-web-server.js';
import { webApps } from '../../../web-shared/server/web-apps-index.js';
import { basicAuth } from '../../support/engine-fixture.js';
import { copyModelerProject, type ModelerProject } from '../../support/modeler-project.js';

const ANALYST = { username: 'liu-fang', password: 'the-right-password' };
const REFUSAL = { type: 'about:blank', title: '登录尝试过多', status: 429, detail: '此地址登录失败次数过多，请 10 分钟后再试' };

let cluster: Server;
let web: WebServer;
let project: ModelerProject;

beforeAll(async () => {
  project = copyModelerProject({ git: false });
  const app = express();
  app.get('/v2/authentication/me', (req, res) => {
    if (req.headers.authorization !== basicAuth(ANALYST)) return void res.status(401).end();
    res.json({ username: ANALYST.username, displayName: '刘芳', authorizedComponents: ['*'], tenants: [], groups: [], roles: ['analyst'], canLogout: true });
  });
  app.post('/v2/deployments', (_req, res) => void res.status(429).setHeader('Retry-After', '417').type('application/problem+json').json(REFUSAL));
  cluster = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => cluster.once('listening', resolve));
  const clusterUrl = `http://127.0.0.1:${(cluster.address() as AddressInfo).port}`;
  web = await startWebServer({ clusterUrl, port: 0, host: '127.0.0.1', apps: webApps({ dataDir: project.dir, modelerProjectDir: project.dir }) });
}, 60_000);

afterAll(async () => {
  await web?.stop();
  await new Promise((resolve) => cluster?.close(resolve));
  project?.remove();
});

describe('the modeler\'s deploy refused by /v2', () => {
  it('should pass on a 429 with its Retry-After and problem body', async () => {
    // when
    const answer = await fetch(new URL('/modeler/api/deployments', web.url), {
      method: 'POST',
      headers: { authorization: basicAuth(ANALYST), 'content-type': 'application/json' },
      body: JSON.stringify({ file: 'bpmn/xining-fc20-manual-reimbursement.bpmn' }),
    });

    // then
    expect(answer.status).toBe(429);
    expect(answer.headers.get('retry-after')).toBe('417');
    expect(await answer.json()).toEqual(REFUSAL);
  }, 60_000);
});
