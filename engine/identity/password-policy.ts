/**
 * Which passwords may be set. On a loopback address (one machine, like Camunda's C8 Run) anything non-empty,
 * including the documented demo password; on an address other machines reach, at least 8 characters and never a
 * demo password, which also stops a demo account copied from a developer's data directory from logging in.
 */
import { InvalidArgumentError } from '../errors.js';

/** The password of `demo` and of the demo users of config/users.json (README, docs/identity.md). */
export const DEMO_PASSWORD = 'demo';

const MIN_LENGTH_OPEN = 8;

export function isDemoPassword(password: string): boolean {
  return password === DEMO_PASSWORD;
}

/** Throws a 400 with a Chinese message when `password` may not be set on this server. */
export function checkNewPassword(password: string, loopback: boolean): void {
  if (password.length === 0) throw new InvalidArgumentError('密码不能为空');
  if (password.length > 256) throw new InvalidArgumentError('密码不能超过 256 个字符');
  if (loopback) return;
  if (isDemoPassword(password)) throw new InvalidArgumentError('演示密码只能在本机地址（127.0.0.1）上使用，请设置其他密码');
  if (password.length < MIN_LENGTH_OPEN) throw new InvalidArgumentError(`密码至少 ${MIN_LENGTH_OPEN} 个字符`);
}
