/**
 * Child process of `npm run bench`: a zero-cost stand-in for the engine, to measure the ceiling of the client code.
 * An express 5 app with the same JSON body parsing and request classes as the engine's `/v2`, but no engine work: no validation,
 * no storage, no BPMN. It answers
 * - `POST /v2/process-instances`: a fake key; the instance's job becomes available at once,
 * - `POST /v2/jobs/activation`: as many jobs as were "created" and not yet handed out (up to maxJobsToActivate),
 *   shaped like the engine's ActivatedJobResult; with none, it long-polls like the engine (requestTimeout, default
 *   10 s) and answers as soon as jobs appear,
 * - `POST /v2/jobs/{jobKey}/completion`: 204,
 * - `GET /v2/topology`, and `POST /v2/process-instances/search` (only `page.totalItems` = completed instances, for
 *   the benchmark's end-of-run check).
 * Prints one JSON line `{"url": …}` when ready; stops on SIGTERM or when the parent closes stdin.
 */
import express, { type Response } from 'express';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expressRequestClasses } from '../../engine/express-request-classes.js';
import { BENCH_PROCESS_ID } from './bench-process.js';
import { onParentGone } from './parent-link.js';

const TENANT = '<default>';
const DEFAULT_POLL_MS = 10_000;
const PROCESS_DEFINITION_KEY = '2251799813685249';

interface FakeJob {
  jobKey: number;
  processInstanceKey: number;
  elementInstanceKey: number;
}

interface Poll {
  res: Response;
  max: number;
  worker: string;
  timeout: number;
  timer: NodeJS.Timeout;
}

let nextKey = 2251799813685250;
const available: FakeJob[] = [];
const handedOut = new Map<number, number>(); // jobKey → processInstanceKey
const polls = new Set<Poll>();
let completedInstances = 0;
let wakeScheduled = false;

const app = express();
app.disable('x-powered-by');
app.use('/v2', express.json({ limit: '4mb', strict: false }));

app.get('/v2/topology', (_req, res) => {
  res.json({
    brokers: [{ nodeId: 0, host: '127.0.0.1', port: 0, partitions: [{ partitionId: 1, role: 'leader', health: 'healthy' }], version: '8.8.0' }],
    clusterSize: 1,
    partitionsCount: 1,
    replicationFactor: 1,
    gatewayVersion: '8.8.0',
    lastCompletedChangeId: '-1',
  });
});

app.post('/v2/process-instances', (_req, res) => {
  const processInstanceKey = nextKey;
  available.push({ processInstanceKey, elementInstanceKey: nextKey + 1, jobKey: nextKey + 2 });
  nextKey += 3;
  if (polls.size > 0 && !wakeScheduled) {
    // like the engine: jobs created in one turn of the event loop reach a waiting poll together
    wakeScheduled = true;
    setImmediate(wakePolls);
  }
  res.json({
    processDefinitionId: BENCH_PROCESS_ID,
    processDefinitionVersion: 1,
    tenantId: TENANT,
    processDefinitionKey: PROCESS_DEFINITION_KEY,
    processInstanceKey: String(processInstanceKey),
    variables: {},
  });
});

app.post('/v2/jobs/activation', (req, res) => {
  const body = (req.body ?? {}) as { maxJobsToActivate?: number; worker?: string; timeout?: number; requestTimeout?: number };
  const max = body.maxJobsToActivate ?? 1;
  const worker = body.worker ?? '';
  const timeout = body.timeout ?? 60_000;
  if (available.length > 0 || (body.requestTimeout ?? 0) < 0) {
    sendJobs(res, max, worker, timeout);
    return;
  }
  const wait = body.requestTimeout && body.requestTimeout > 0 ? body.requestTimeout : DEFAULT_POLL_MS;
  const poll: Poll = {
    res,
    max,
    worker,
    timeout,
    timer: setTimeout(() => {
      polls.delete(poll);
      sendJobs(res, max, worker, timeout);
    }, wait),
  };
  polls.add(poll);
  res.on('close', () => {
    clearTimeout(poll.timer);
    polls.delete(poll);
  });
});

app.post('/v2/jobs/:jobKey/completion', (req, res) => {
  const jobKey = Number(req.params.jobKey);
  if (handedOut.delete(jobKey)) completedInstances++;
  res.status(204).end();
});

app.post('/v2/process-instances/search', (_req, res) => {
  res.json({ items: [], page: { totalItems: completedInstances } });
});

// the engine's own request classes (no change of prototype per request): the ceiling must not carry a cost the
// engine has shed, or the engine's share would look better than it is
const server = createServer(expressRequestClasses(app), app);
server.keepAliveTimeout = 65_000;
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;
process.stdout.write(JSON.stringify({ url: `http://127.0.0.1:${port}` }) + '\n');

onParentGone(async () => {
  for (const poll of polls) clearTimeout(poll.timer);
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
});

// helpers

function wakePolls(): void {
  wakeScheduled = false;
  for (const poll of polls) {
    if (available.length === 0) return;
    clearTimeout(poll.timer);
    polls.delete(poll);
    sendJobs(poll.res, poll.max, poll.worker, poll.timeout);
  }
}

function sendJobs(res: Response, max: number, worker: string, timeout: number): void {
  const deadline = Date.now() + timeout;
  const jobs = available.splice(0, max).map((job) => {
    handedOut.set(job.jobKey, job.processInstanceKey);
    return {
      jobKey: String(job.jobKey),
      type: 'bench-task',
      processDefinitionId: BENCH_PROCESS_ID,
      processDefinitionVersion: 1,
      processDefinitionKey: PROCESS_DEFINITION_KEY,
      processInstanceKey: String(job.processInstanceKey),
      elementId: 'task',
      elementInstanceKey: String(job.elementInstanceKey),
      customHeaders: {},
      worker,
      retries: 3,
      deadline,
      variables: {},
      tenantId: TENANT,
      kind: 'BPMN_ELEMENT',
      listenerEventType: 'UNSPECIFIED',
    };
  });
  res.json({ jobs });
}
