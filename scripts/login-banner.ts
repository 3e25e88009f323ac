/**
 * What `npm start` and `npm run engine` print about logging in: where (the task list's address, in the ready
 * line) and, on the first start on an open address, the generated password of `admin`, once (the engine keeps
 * only its hash).
 */
import type { EngineServer } from '../engine/server.js';

/** `登录 http://…/tasklist（…）` for the ready line. */
export function loginHint(server: EngineServer): string {
  const demo = server.engine.identity.loopback ? '（演示账号 demo / demo）' : '';
  return `登录 ${server.url}/tasklist${demo}`;
}

/** Lines to print after the ready line: the first admin password, when one was generated. */
export function firstStartLines(server: EngineServer, prefix: string): string[] {
  const adminPassword = server.engine.firstStart?.adminPassword;
  if (!adminPassword) return [];
  return [
    `${prefix} 首次启动：已创建管理员 admin，初始密码 ${adminPassword}`,
    `${prefix} 此密码只显示这一次，不写入任何文件；请登录后立即修改（PUT /v2/users/admin）。`,
  ];
}
