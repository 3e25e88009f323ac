/**
 * Settings of `npm run web` (the web apps alone, against a cluster), declared once. Where the cluster is comes
 * from the SDK's own variable, ZEEBE_REST_ADDRESS, as for the workers.
 */
import { z } from 'zod';

const schema = z.object({
  /** The cluster's REST address without /v2 (Camunda 8.8 Self-Managed, or the embedded engine elsewhere). */
  ZEEBE_REST_ADDRESS: z.url({ protocol: /^https?$/, error: 'ZEEBE_REST_ADDRESS 需要 http(s):// 地址' }),
  /** Port and interface of the web server. */
  WEB_PORT: z.coerce.number().int().min(0).max(65535).default(8090),
  WEB_HOST: z.string().min(1).default('127.0.0.1'),
  /** Where the apps keep their own files (saved views). */
  DATA_DIR: z.string().min(1).default('.data'),
});

export type WebConfig = z.infer<typeof schema>;

export function readWebConfig(env: NodeJS.ProcessEnv = process.env): WebConfig {
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new Error(`invalid web configuration: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return result.data;
}
