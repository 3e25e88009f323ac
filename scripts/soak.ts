/**
 * `npm run soak [-- --minutes N --rate C]`: the engine and workers under steady load for N minutes (default 30)
 * at C cases a minute (default 30), memory, descriptors and p99 answer time sampled each minute
 * (scripts/reliability/soak-run.ts). A run of 10 minutes or more writes its figures into docs/reliability.md.
 * Exits 1 on any violation.
 */
import { parseArgs } from 'node:util';
import { updateReliabilityFigures } from './reliability/reliability-report.js';
import { runSoak } from './reliability/soak-run.js';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '30' },
    rate: { type: 'string', default: '30' },
    keep: { type: 'boolean', default: false },
  },
});
const minutes = Number(values.minutes);
const report = await runSoak({
  minutes,
  casesPerMinute: Number(values.rate),
  windowMs: 60_000,
  drainTimeoutMs: 600_000,
  bounds: { rssSlopeMbPerHour: 30, handleGrowth: 20, p99FloorMs: 250 },
  keep: values.keep,
  log: (line) => console.log(line),
});
const { violations, windows, ...figures } = report;
console.log(JSON.stringify(figures, null, 2));
if (minutes >= 10) updateReliabilityFigures('soak', report);
if (violations.length > 0) {
  console.error(`[soak] ${violations.length} violation(s):\n${violations.join('\n')}`);
  process.exit(1);
}
console.log(`[soak] ok: ${minutes} minutes, ${report.requests} commands in ${windows.length} windows, 0 errors`);
