/**
 * Child process of `npm run bench` for mode (m): the embedded engine on a fresh data directory with the monitor's
 * read model seeded with BENCH_MONITOR_COMPLETED completed and BENCH_MONITOR_OPEN open cases
 * (monitor-read-model-seed.ts), the benchmark process deployed, then served as `npm start` serves it (synchronous
 * FULL, the web apps mounted, the monitor's feeder reading /v2 as its own service account `monitor-reader`).
 * Prints one JSON line `{"url": …, "seeded": …}` when ready; stops (and removes the data directory) on SIGTERM
 * or when the parent closes stdin.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureServiceAccount, ensureServiceRole } from '../../engine/identity/service-account.js';
import { startEngineServer } from '../../engine/server.js';
import { mountWebApps, type MountedWebApps } from '../../web-shared/server/mount-web-apps.js';
import { webApps } from '../../web-shared/server/web-apps-index.js';
import { camundaClientAs } from '../camunda-client-as.js';
import { deployBenchProcess } from './bench-process.js';
import { seedMonitorReadModel } from './monitor-read-model-seed.js';
import { onParentGone } from './parent-link.js';

const completed = Number(process.env.BENCH_MONITOR_COMPLETED ?? 1_000_000);
const open = Number(process.env.BENCH_MONITOR_OPEN ?? 100_000);
const dataDir = mkdtempSync(join(tmpdir(), 'engine-bench-monitor-'));
const webDir = join(dataDir, 'web');

const seeded = seedMonitorReadModel(join(webDir, 'monitor.sqlite'), { completed, open });
let web: MountedWebApps | undefined;
const server = await startEngineServer({
  port: 0,
  host: '127.0.0.1',
  dataDir,
  synchronous: 'FULL',
  extend: (app, mounted) => (web = mountWebApps(app, webApps({ dataDir: webDir }), { v2Url: () => server.url, ...mounted })),
});
await deployBenchProcess(server.url);
ensureServiceRole(server.engine.identity, 'monitor-reader');
const account = await ensureServiceAccount(server.engine.identity, join(dataDir, 'monitor-account.json'), {
  username: 'monitor-reader',
  name: '业务监控读取服务账号',
  roles: ['monitor-reader'],
});
const camunda = camundaClientAs(server.url, account);
web?.start({ camunda });
process.stdout.write(JSON.stringify({ url: server.url, seeded }) + '\n');

onParentGone(async () => {
  await web?.close();
  await camunda.closeAllClients();
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
});
