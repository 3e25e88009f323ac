/**
 * `npm run chaos [-- --kills N --worker-kills N --rate R --seed S --redis --keep]`: the engine SIGKILLed under load
 * at random moments and restarted, N times (default 25), then every acknowledged command checked
 * (scripts/reliability/chaos-run.ts). `--redis`: the workers keep their state in a redis-server, SIGKILLed with
 * them. Prints the report; a full run (N ≥ 20) with the default SQLite worker state writes its figures into
 * docs/reliability.md. Exits 1 on any violation.
 */
import { parseArgs } from 'node:util';
import { runChaos } from './reliability/chaos-run.js';
import { updateReliabilityFigures } from './reliability/reliability-report.js';

const { values } = parseArgs({
  options: {
    kills: { type: 'string', default: '25' },
    'worker-kills': { type: 'string' },
    rate: { type: 'string', default: '2' },
    seed: { type: 'string', default: String(Date.now() % 100_000) },
    redis: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
const kills = Number(values.kills);
const report = await runChaos({
  kills,
  workerKills: Number(values['worker-kills'] ?? Math.max(1, Math.floor(kills / 4))),
  createsPerSecond: Number(values.rate),
  minUpMs: 500,
  maxUpMs: 3_000,
  seed: Number(values.seed),
  drainTimeoutMs: 900_000,
  workerState: values.redis ? 'redis' : 'sqlite',
  keep: values.keep,
  log: (line) => console.log(line),
});
const { violations, ...figures } = report;
console.log(JSON.stringify(figures, null, 2));
if (kills >= 20 && !values.redis) updateReliabilityFigures('chaos', report);
if (violations.length > 0) {
  console.error(`[chaos] ${violations.length} violation(s):\n${violations.join('\n')}`);
  process.exit(1);
}
console.log(`[chaos] ok: ${report.kills} kills survived, ${Object.values(report.acknowledged).reduce((a, b) => a + b, 0)} acknowledged commands checked`);
