/**
 * `npm start` as a real process, stopped with SIGTERM while the monitor's read model is fed every 100 ms: the web apps
 * and their feeder stop before the engine, so the last pass ends against a running engine. Nothing logs a failed pass,
 * and monitor.sqlite keeps no `failingSince` (the next start's freshness line would date an outage by it).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { MonitorStore } from '../../web-monitor/server/read-model/monitor-store.js';
import { serviceTaskProcess } from '../support/bpmn.js';
import { basicAuth } from '../support/engine-fixture.js';

let child: ChildProcess | undefined;
let dataDir: string | undefined;

afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGKILL');
    await once(child, 'exit');
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** The monitor's meta entries, read from its file once the process has exited. */
function monitorMeta(file: string): { failingSince?: string; lastPassAt?: string } {
  const store = new MonitorStore(file);
  try {
    return { failingSince: store.meta('failingSince'), lastPassAt: store.meta('lastPassAt') };
  } finally {
    store.close();
  }
}

describe('npm start stopped with SIGTERM', () => {
  it('should stop the web apps and the feeder before the engine: no failed pass logged, no failingSince kept', { timeout: 240_000 }, async () => {
    // given npm start with a fresh data folder, its read model fed every 100 ms
    dataDir = mkdtempSync(join(tmpdir(), 'start-stop-'));
    const output: string[] = [];
    child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, ENGINE_SYNC: 'NORMAL', MONITOR_SYNC_INTERVAL_MS: '100', MONITOR_SWEEP_BATCH: '2000' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const started = child;
    started.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    const lines = createInterface({ input: started.stdout! });
    lines.on('line', (line) => output.push(line));
    const url = await new Promise<string>((resolve, reject) => {
      lines.on('line', (line) => {
        const ready = /\[start\] ready: (http:\/\/[^/\s]+)\/v2/.exec(line);
        if (ready) resolve(ready[1]!);
      });
      started.once('exit', (code) => reject(new Error(`scripts/start.ts exited (${String(code)}): ${output.join('\n')}`)));
    });
    // and 1,000 open cases, all looked at again every pass (its sweep, their variables): a pass is under way most of the time
    const admin = { authorization: basicAuth() };
    const form = new FormData();
    form.append('resources', new Blob([serviceTaskProcess('start-stop-nobody-works-this', { processId: 'start-stop-probe' })]), 'start-stop-probe.bpmn');
    expect((await fetch(`${url}/v2/deployments`, { method: 'POST', headers: admin, body: form })).status).toBe(200);
    for (let batch = 0; batch < 50; batch += 1) {
      const created = await Promise.all(
        Array.from({ length: 20 }, () =>
          fetch(`${url}/v2/process-instances`, { method: 'POST', headers: { ...admin, 'content-type': 'application/json' }, body: JSON.stringify({ processDefinitionId: 'start-stop-probe' }) }),
        ),
      );
      expect(created.map((response) => response.status)).toEqual(Array(20).fill(200));
    }
    // and its feeder's passes working (the monitor's status, as an administrator's probe reads it)
    await vi.waitFor(
      async () => {
        const response = await fetch(`${url}/monitor/api/status`, { headers: { authorization: basicAuth() } });
        expect(response.status).toBe(200);
        const { freshness } = (await response.json()) as { freshness: { lastPassAt: number | null } };
        expect(freshness.lastPassAt).not.toBeNull();
      },
      { timeout: 60_000, interval: 200 },
    );

    // when it is stopped, its passes going on a tenth of a second apart
    started.kill('SIGTERM');
    const [code] = (await once(started, 'exit')) as [number | null];

    // then it stopped cleanly, no pass failed on the way, and the file keeps no outage
    const printed = output.join('\n');
    expect(code).toBe(0);
    expect(printed).toContain('[start] stopped');
    expect(printed).not.toContain('read model pass failed');
    const kept = monitorMeta(join(dataDir, 'monitor.sqlite'));
    expect(kept.failingSince ?? '').toBe('');
    expect(Number(kept.lastPassAt)).toBeGreaterThan(0);
  });
});
