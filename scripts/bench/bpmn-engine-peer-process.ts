/**
 * Child process of `npm run bench` for mode (p): the same shapes run by the `bpmn-engine` npm package in this
 * process (node with `--expose-gc`), as a peer. bpmn-engine keeps each instance as objects in memory and writes
 * nothing anywhere, so it is a ceiling-ish peer for the execution itself, not a like-for-like engine.
 *
 * - One service task (start → service task → end): instances kept `BENCH_PEER_IN_FLIGHT` at a time, each service
 *   call answered on the next turn of the event loop (`setImmediate`), as a job worker answers later; completions
 *   counted over a warm-up and a window of BENCH_PEER_SECONDS.
 * - One user task (start → user task → end): BENCH_PEER_WAITING instances created one after another until each
 *   waits in its user task (with the variables of one FC20 application), the heap and RSS per waiting instance
 *   after two full GCs, then every task signalled and the instances' completions timed.
 * The models are parsed once (bpmn-moddle) and each instance runs from the serialized context. Prints one JSON
 * line with the figures and exits.
 */
import { Engine, type BpmnEngineOptions } from 'bpmn-engine';
import { USER_TASK_VARIABLES } from './user-task-process.js';

const warmupMs = Number(process.env.BENCH_PEER_WARMUP_SECONDS ?? 3) * 1000;
const measureMs = Number(process.env.BENCH_PEER_SECONDS ?? 10) * 1000;
const inFlight = Number(process.env.BENCH_PEER_IN_FLIGHT ?? 256);
const waiting = Number(process.env.BENCH_PEER_WAITING ?? 10_000);

const shape = (task: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="peer" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="peer-process" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="to-task" sourceRef="start" targetRef="task"/>
    ${task}
    <bpmn:sequenceFlow id="to-end" sourceRef="task" targetRef="end"/>
    <bpmn:endEvent id="end"/>
  </bpmn:process>
</bpmn:definitions>`;

type Activity = { type: string; behaviour: Record<string, unknown> };
/**
 * The service task's implementation: answers on the next turn of the event loop, as a worker would answer later.
 * (An extension may return nothing; bpmn-engine's types insist on an object.)
 */
const extensions = {
  answerLater(activity: Activity) {
    if (activity.type !== 'bpmn:ServiceTask') return;
    activity.behaviour.Service = function Service() {
      return { execute: (_context: unknown, callback: (error?: Error) => void) => setImmediate(callback) };
    };
  },
} as unknown as NonNullable<BpmnEngineOptions['extensions']>;

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const serviceContext = await serializedContext(shape('<bpmn:serviceTask id="task"/>'));
const userTaskContext = await serializedContext(shape('<bpmn:userTask id="task"/>'));

const service = await serviceTaskRun();
const userTask = await userTaskRun();
process.stdout.write(JSON.stringify({ service, userTask, gc: (globalThis as { gc?: unknown }).gc !== undefined }) + '\n');
process.exit(0);

// helpers

async function serializedContext(source: string): Promise<unknown> {
  const [definition] = await new Engine({ source, extensions }).getDefinitions();
  return (definition as unknown as { environment: { options: { source: unknown } } }).environment.options.source;
}

async function runOne(sourceContext: unknown): Promise<void> {
  const engine = new Engine({ sourceContext: sourceContext as never, extensions });
  const ended = engine.waitFor('end');
  await engine.execute({ variables: {} });
  await ended;
}

async function serviceTaskRun() {
  let completed = 0;
  let errors = 0;
  let running = 0;
  let stopping = false;
  const latencies: number[] = [];
  const window = { open: false, start: 0, end: 0, completedAtStart: 0, completedAtEnd: 0 };
  let drained: () => void = () => undefined;
  const pump = () => {
    while (!stopping && running < inFlight) {
      running++;
      const started = performance.now();
      runOne(serviceContext).then(
        () => {
          completed++;
          const now = performance.now();
          if (window.open) latencies.push(now - started);
        },
        () => errors++,
      ).finally(() => {
        running--;
        if (running === 0 && stopping) drained();
        pump();
      });
    }
  };
  pump();
  await sleep(warmupMs);
  Object.assign(window, { open: true, start: performance.now(), completedAtStart: completed });
  await sleep(measureMs);
  Object.assign(window, { open: false, end: performance.now(), completedAtEnd: completed });
  stopping = true;
  await new Promise<void>((resolve) => ((drained = resolve), running === 0 && resolve()));
  const seconds = (window.end - window.start) / 1000;
  latencies.sort((a, b) => a - b);
  const rank = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] ?? Number.NaN;
  return { perSecond: (window.completedAtEnd - window.completedAtStart) / seconds, p50: rank(50), p99: rank(99), completed, errors };
}

async function userTaskRun() {
  gc();
  gc();
  const before = process.memoryUsage();
  const engines: Engine[] = [];
  const started = performance.now();
  for (let i = 0; i < waiting; i++) {
    const engine = new Engine({ sourceContext: userTaskContext as never, extensions });
    await engine.execute({ variables: { ...USER_TASK_VARIABLES } });
    if (engine.execution?.getPostponed().length !== 1) throw new Error('a bpmn-engine instance does not wait in its user task');
    engines.push(engine);
  }
  const createSeconds = (performance.now() - started) / 1000;
  gc();
  gc();
  const after = process.memoryUsage();
  const completing = performance.now();
  for (const engine of engines) {
    const ended = engine.waitFor('end');
    engine.execution!.signal({ id: 'task' });
    await ended;
  }
  const completeSeconds = (performance.now() - completing) / 1000;
  return {
    instances: waiting,
    createdPerSecond: waiting / createSeconds,
    completedPerSecond: waiting / completeSeconds,
    heapPerInstance: (after.heapUsed - before.heapUsed) / waiting,
    rssPerInstance: (after.rss - before.rss) / waiting,
  };
}

function sleep(ms: number) {
  return new Promise<void>((resolve) => setTimeout(resolve, ms));
}
