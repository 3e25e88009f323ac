import { Camunda8 } from '@camunda8/sdk';
import { startChildServer } from './child-server.js';
const s = await startChildServer('/work/main/scripts/bench/stand-in-process.ts');
const camunda = new Camunda8({ ZEEBE_REST_ADDRESS: s.url, CAMUNDA_AUTH_STRATEGY: 'NONE', CAMUNDA_LOG_LEVEL: 'none' });
const client = camunda.getCamundaRestClient();
for (const conc of [1, 8, 32]) {
  let n = 0; const t0 = performance.now(); const lat: number[] = [];
  await Promise.all(Array.from({ length: conc }, async () => {
    while (performance.now() - t0 < 2000) {
      const a = performance.now();
      await client.createProcessInstance({ processDefinitionId: 'bench-process', variables: {} });
      n++; lat.push(performance.now() - a);
    }
  }));
  lat.sort((x, y) => x - y);
  console.log('create', conc, (n / 2).toFixed(0), 'req/s', 'p50', lat[lat.length >> 1]!.toFixed(2), 'cpu', process.cpuUsage());
}
let polls = 0, jobs = 0, done = 0;
const w = client.createJobWorker({ type: 'bench-task', worker: 'x', timeout: 60000, maxJobsToActivate: 128, pollIntervalMs: 10,
  jobHandler: async (job) => { const a = await job.complete(); done++; return a; } });
w.on('work', (j) => { polls++; jobs += j.length; });
const t = performance.now();
while (done < n0()) await new Promise((r) => setTimeout(r, 100));
function n0() { return 3000; }
console.log('worker drained 3000 in', (performance.now() - t).toFixed(0), 'ms, polls', polls, 'jobs', jobs);
await w.stop(); await camunda.closeAllClients(); await s.stop();
