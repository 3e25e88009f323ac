/**
 * The modeler's Play sandbox (试运行): a second embedded engine in the `npm start` process, on 127.0.0.1 with a
 * port of its own (never published), its own data folder (DATA_DIR/play, emptied at every start: nothing there is
 * an office case) and therefore its own clock, and its own job workers. The main port forwards `/play/v2/…` to its
 * `/v2/…` for users logged in to the main app with the role analyst or admin; the sandbox sees them as its own
 * service account (role admin there), so nobody logs in twice. A deployment, a case or `PUT /v2/clock` through
 * `/play/v2` reaches only the sandbox.
 *
 * Workers: every job type except the notice workers, whose numbers and documents belong to the office (they
 * would draw real notice numbers and upload to the real engine's document store): a sandbox job of a notice type
 * waits, visible as the active step.
 */
import type { Express, NextFunction, Request, Response } from 'express';
import { createProxyMiddleware } from 'http-proxy-middleware';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import type { ClientRequest } from 'node:http';
import { join } from 'node:path';
import type { IdentityService } from '../engine/identity/identity-service.js';
import { ensureServiceAccount } from '../engine/identity/service-account.js';
import { startEngineServer, type EngineServer } from '../engine/server.js';
import { JOB_WORKERS, NOTICE_JOB_WORKERS } from '../workers/index.js';
import type { AnyJobWorker } from '../workers/runtime/job-worker-definition.js';
import { registerJobWorkers, type WorkerOptions } from '../workers/runtime/register-job-workers.js';
import type { WorkerLogger } from '../workers/runtime/worker-logger.js';
import type { WorkerParameters } from '../workers/runtime/worker-parameters.js';
import { apiProblems } from '../web-shared/server/api-problems.js';
import { ClientAddressUnknownError, CSRF_HEADER, currentUserAuth, sendLookupFailure, type CurrentUserOptions } from '../web-shared/server/current-user.js';
import { sendProblem } from '../web-shared/server/problem.js';
import { camundaClientAs } from './camunda-client-as.js';

/** Where the sandbox is reached on the main port (the Play panel's `client.under('/play')`). */
export const PLAY_PATH = '/play/v2';
/** Roles of the main app that may use the sandbox (docs/identity.md). */
const PLAY_ROLES: readonly string[] = ['analyst', 'admin'];
/** The panel completes a user task as this sandbox user (four-eyes holds in the sandbox too). */
const PLAY_USER_HEADER = 'x-play-user';
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Job workers the sandbox runs: those that write nothing outside the engine they work for. */
const SANDBOX_JOB_WORKERS: readonly AnyJobWorker[] = JOB_WORKERS.filter((worker) => !NOTICE_JOB_WORKERS.includes(worker));

export interface PlaySandboxOptions {
  /** The deployment's DATA_DIR: the sandbox keeps its engine in `<dataDir>/play`, emptied at every start. */
  dataDir: string;
  /** Run the sandbox's job workers with these (omit to run none). */
  workers?: { parameters: WorkerParameters; options: WorkerOptions; logger: WorkerLogger };
}

export interface PlaySandbox {
  server: EngineServer;
  /** Mounts `/play/v2` on the main app; `auth` checks the login against the main engine's `/v2`. */
  mount(app: Express, auth: CurrentUserOptions): void;
  stop(): Promise<void>;
}

export async function startPlaySandbox(options: PlaySandboxOptions): Promise<PlaySandbox> {
  const dataDir = join(options.dataDir, 'play');
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const server = await startEngineServer({ port: 0, host: '127.0.0.1', dataDir, synchronous: 'NORMAL' });
  try {
    const account = await ensureServiceAccount(server.engine.identity, join(dataDir, 'service-account.json'), {
      username: 'play-sandbox',
      name: '试运行沙箱服务账号',
      roles: ['admin'],
    });
    const users = await SandboxUsers.create(server.engine.identity, account);
    const camunda = camundaClientAs(server.url, account);
    const workers = options.workers
      ? registerJobWorkers(camunda, SANDBOX_JOB_WORKERS, sandboxLogger(options.workers.logger), { ...options.workers.options, workerName: 'play-sandbox' }, options.workers.parameters)
      : undefined;
    return {
      server,
      mount: (app, authOptions) => mountPlayProxy(app, server.url, users, authOptions),
      async stop() {
        await workers?.stop();
        await camunda.closeAllClients();
        await server.stop();
      },
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

// helpers

/**
 * The Basic credentials the proxy forwards with: the service account, or a sandbox user the panel names. Every
 * other sandbox user (the demo users its first start seeds) gets a random password at start, known only to this
 * process, so the sandbox's own port accepts no demo password.
 */
class SandboxUsers {
  private readonly headers = new Map<string, string>();

  private constructor(private readonly account: string) {}

  static async create(identity: IdentityService, account: { username: string; password: string }): Promise<SandboxUsers> {
    const users = new SandboxUsers(account.username);
    users.headers.set(account.username, basic(account.username, account.password));
    const { items } = identity.searchUsers({ page: { limit: 10_000 } });
    for (const { username } of items) {
      if (username === account.username) continue;
      const password = randomBytes(24).toString('base64url');
      await identity.updateUser(username, { password });
      users.headers.set(username, basic(username, password));
    }
    return users;
  }

  serviceAccount(): string {
    return this.headers.get(this.account)!;
  }

  /** Undefined when the sandbox has no such user. */
  as(username: string): string | undefined {
    return this.headers.get(username);
  }
}

/** The sandbox's worker lines say so: they share the process's log with the office's workers. */
function sandboxLogger(logger: WorkerLogger): WorkerLogger {
  return { log: (level, message, fields) => logger.log(level, `[试运行沙箱] ${message}`, fields) };
}

function basic(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

function mountPlayProxy(app: Express, sandboxUrl: string, users: SandboxUsers, authOptions: CurrentUserOptions): void {
  const auth = currentUserAuth(authOptions);
  const guard = (req: Request, res: Response, next: NextFunction) => {
    auth.lookup(req).then(
      (found) => {
        if (!found) return sendProblem(res, 401, '未登录', '请先登录');
        if (!found.user.roles.some((role) => PLAY_ROLES.includes(role))) return sendProblem(res, 403, '没有权限', '试运行沙箱只供业务分析人员和系统管理员使用');
        if (!req.get('authorization') && STATE_CHANGING.has(req.method) && (!found.csrfToken || req.get(CSRF_HEADER) !== found.csrfToken)) {
          return sendProblem(res, 403, 'CSRF 校验失败', `请求缺少有效的 ${CSRF_HEADER} 请求头，请刷新页面后重试`);
        }
        const playUser = req.get(PLAY_USER_HEADER);
        const header = playUser ? users.as(playUser) : users.serviceAccount();
        if (!header) return sendProblem(res, 400, '沙箱中没有该用户', `试运行沙箱中没有用户 ${playUser}`);
        res.locals.sandboxAuthorization = header;
        next();
      },
      // a client whose address is gone before its login is checked: one line and a 400, as on the apps' APIs
      (error: Error) => (error instanceof ClientAddressUnknownError ? next(error) : sendLookupFailure(res, error)),
    );
  };
  const proxy = createProxyMiddleware<Request, Response>({
    target: `${sandboxUrl}/v2`,
    changeOrigin: true,
    on: {
      // the main app's credentials never reach the sandbox: it sees its own account
      proxyReq(proxyReq: ClientRequest, _req: Request, res: Response) {
        for (const name of ['cookie', 'authorization', CSRF_HEADER, 'origin', PLAY_USER_HEADER]) proxyReq.removeHeader(name);
        proxyReq.setHeader('authorization', res.locals.sandboxAuthorization as string);
      },
    },
  });
  app.use(PLAY_PATH, guard, proxy, apiProblems);
}
