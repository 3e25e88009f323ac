/**
 * The benchmark clients log in like any client: HTTP Basic as the demo admin the engine seeds on its loopback
 * first start. The engine verifies the header on every request (scrypt once, then a cached digest); the
 * stand-in ignores it, so the ceiling carries no authentication cost.
 */
export const BENCH_USER = { username: 'demo', password: 'demo' } as const;

export const BENCH_AUTHORIZATION = basicAuthorization(BENCH_USER);

export function basicAuthorization(user: { username: string; password: string }): string {
  return `Basic ${Buffer.from(`${user.username}:${user.password}`).toString('base64')}`;
}
