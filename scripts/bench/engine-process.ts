/**
 * Child process of `npm run bench`: the embedded engine as `npm run engine` runs it (HTTP server, SQLite in a
 * fresh temporary data directory, synchronous FULL unless BENCH_ENGINE_SYNC says otherwise), on a free loopback
 * port. Prints one JSON line `{"url": …, "dataDir": …}` when ready; stops (and removes the data directory) on
 * SIGTERM or when the parent closes stdin. Answers the benchmark's questions about its syncs and long polls over IPC
 * (bench/engine-counters.ts) when started with an IPC channel.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEngineServer } from '../../engine/server.js';
import { engineSettings } from './engine-settings.js';
import { onParentGone } from './parent-link.js';
import { installEngineCounters } from './engine-counters.js';

installEngineCounters();
const settings = engineSettings();
const dataDir = mkdtempSync(join(tmpdir(), 'engine-bench-'));
const server = await startEngineServer({ port: 0, host: '127.0.0.1', dataDir, ...settings });
process.stdout.write(JSON.stringify({ url: server.url, dataDir }) + '\n');

onParentGone(async () => {
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
});
