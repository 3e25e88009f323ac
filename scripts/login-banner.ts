/**
 * What `npm start` and `npm run engine` print about logging in: where (the task list's address, in the ready
 * line) and, on the first start on an open address, the generated password of `admin`, once (the engine keeps
 * only its hash); on a later start, what identity gained from an updated config/.
 */
import type { EngineServer } from '../engine/server.js';

/** `登录 http://…/tasklist（…）` for the ready line. */
export function loginHint(server: EngineServer): string {
  const demo = server.engine.identity.loopback ? '（演示账号 demo / demo）' : '';
  return `登录 ${server.url}/tasklist${demo}`;
}

/** Lines to print after the ready line: the first admin password, when one was generated, or what config/ added. */
export function firstStartLines(server: EngineServer, prefix: string): string[] {
  const added = server.engine.configAdditions;
  if (added && added.groups.length + added.roles.length + added.authorizations > 0) {
    const parts = [
      added.groups.length > 0 ? `岗位 ${added.groups.join('、')}` : '',
      added.roles.length > 0 ? `角色 ${added.roles.join('、')}` : '',
      added.authorizations > 0 ? `授权 ${added.authorizations} 条` : '',
    ].filter(Boolean);
    return [`${prefix} 已按 config/ 补充新增的${parts.join('，')}（已有的用户、角色和授权不变）`];
  }
  const adminPassword = server.engine.firstStart?.adminPassword;
  if (!adminPassword) return [];
  return [
    `${prefix} 首次启动：已创建管理员 admin，初始密码 ${adminPassword}`,
    `${prefix} 此密码只显示这一次，不写入任何文件；请登录后立即修改（PUT /v2/users/admin）。`,
  ];
}
