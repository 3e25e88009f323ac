/**
 * Mode (p): the `bpmn-engine` npm package as a peer, in a child process of its own (bpmn-engine-peer-process.ts)
 * so its heap is measured alone and it gets a core as the engine child does in the other modes.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { startChildServer } from './child-server.js';

const CHILD = fileURLToPath(new URL('./bpmn-engine-peer-process.ts', import.meta.url));

export interface PeerOptions {
  warmupSeconds: number;
  seconds: number;
  inFlight: number;
  waiting: number;
}

export interface PeerResult extends PeerOptions {
  version: string;
  service: { perSecond: number; p50: number; p99: number; completed: number; errors: number };
  userTask: { instances: number; createdPerSecond: number; completedPerSecond: number; heapPerInstance: number; rssPerInstance: number };
  gc: boolean;
}

export async function measurePeer(options: PeerOptions): Promise<PeerResult> {
  const child = await startChildServer(CHILD, {
    nodeArgs: ['--expose-gc'],
    env: {
      BENCH_PEER_WARMUP_SECONDS: String(options.warmupSeconds),
      BENCH_PEER_SECONDS: String(options.seconds),
      BENCH_PEER_IN_FLIGHT: String(options.inFlight),
      BENCH_PEER_WAITING: String(options.waiting),
    },
    readyTimeoutMs: 1_800_000,
  });
  await child.stop();
  return { ...options, ...(child.ready as Omit<PeerResult, keyof PeerOptions | 'version'>), version: peerVersion() };
}

function peerVersion(): string {
  const require = createRequire(import.meta.url);
  const main = require.resolve('bpmn-engine');
  const manifest = main.slice(0, main.lastIndexOf('node_modules/bpmn-engine/') + 'node_modules/bpmn-engine/'.length) + 'package.json';
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}
