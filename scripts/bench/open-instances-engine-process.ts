/**
 * Child process of `npm run bench` for modes (o) and (r): the embedded engine as `npm run engine` runs it
 * (synchronous FULL unless BENCH_ENGINE_SYNC says otherwise) on the data directory BENCH_DATA_DIR, which the
 * parent owns and keeps across restarts. Prints one JSON line `{"url": …}` once the HTTP server listens. Over its
 * IPC channel it answers `"memory"` with `process.memoryUsage()` after two full GCs (node runs it with
 * `--expose-gc`). Stops cleanly on SIGTERM or when the parent closes stdin; the data directory stays.
 */
import { startEngineServer } from '../../engine/server.js';
import { engineSettings } from './engine-settings.js';
import { onParentGone } from './parent-link.js';

const dataDir = process.env.BENCH_DATA_DIR;
if (!dataDir) throw new Error('BENCH_DATA_DIR is not set');
const server = await startEngineServer({ port: 0, host: '127.0.0.1', dataDir, ...engineSettings() });
process.on('message', (message) => {
  if (message !== 'memory') return;
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  process.send?.({ ...process.memoryUsage(), gc: gc !== undefined });
});
process.stdout.write(JSON.stringify({ url: server.url }) + '\n');

onParentGone(() => server.stop());
