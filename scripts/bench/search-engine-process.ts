/**
 * Child process of `npm run bench` for the user-task search: the embedded engine on a fresh data directory with
 * every model and form of bpmn/ and forms/ deployed and BENCH_OPEN_TASKS open user tasks across them
 * (open-tasks-seed.ts), then served like `npm run engine` (synchronous FULL, the engine's defaults) on a free
 * loopback port, with the web apps mounted as `npm start` mounts them (the task list's first screen, mode t).
 * Prints one JSON line `{"url": …, "seeded": …}` when ready; stops (and removes the data directory)
 * on SIGTERM or when the parent closes stdin.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { startEngineServer } from '../../engine/server.js';
import { mountWebApps, type MountedWebApps } from '../../web-shared/server/mount-web-apps.js';
import { webApps } from '../../web-shared/server/web-apps-index.js';
import { findResources } from '../deploy-resources.js';
import { seedOpenUserTasks } from './open-tasks-seed.js';
import { onParentGone } from './parent-link.js';

const count = Number(process.env.BENCH_OPEN_TASKS ?? 100_000);
const dataDir = mkdtempSync(join(tmpdir(), 'engine-bench-search-'));

const deploying = await startEngineServer({ port: 0, host: '127.0.0.1', dataDir, synchronous: 'NORMAL' });
const resources = findResources(['bpmn', 'forms']).map((file) => ({ name: basename(file), content: Buffer.from(readFileSync(file)) }));
await deploying.engine.deploy(resources, '<default>');
await deploying.stop();

const seeded = seedOpenUserTasks(dataDir, count);
let web: MountedWebApps | undefined;
const server = await startEngineServer({
  port: 0,
  host: '127.0.0.1',
  dataDir,
  synchronous: 'FULL',
  extend: (app, mounted) => (web = mountWebApps(app, webApps({ dataDir: join(dataDir, 'web') }), { v2Url: () => server.url, ...mounted })),
});
process.stdout.write(JSON.stringify({ url: server.url, seeded }) + '\n');

onParentGone(async () => {
  await server.stop();
  await web?.close();
  rmSync(dataDir, { recursive: true, force: true });
});
