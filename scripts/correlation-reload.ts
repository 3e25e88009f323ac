/**
 * The message correlation index's reload (engine/store/message-correlation-index.ts), which an open and every
 * rebuilding rollback of a failed command run on the engine's thread: its CPU time on a file that holds the
 * correlations of many completed cases, as a long-running office database does.
 *
 * The file is written with SQL alone, in the engine's schema (migrations included): COMPLETED cases, each started by
 * a message with a correlation key and reached by one more message at a catch event; a few ACTIVE cases of both
 * kinds; some buffered messages, part of them with correlations. Then `reload()` runs RUNS times after WARM_UP
 * runs; each run's `process.cpuUsage` (user + system) is printed, and the median.
 *
 *   npx tsx scripts/correlation-reload.ts [completedCases=200000] [runs=30] [activeCases=2000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../engine/store/database.js';
import { MessageCorrelationIndex } from '../engine/store/message-correlation-index.js';
import { StoreConnection } from '../engine/store/store-connection.js';

const COMPLETED_CASES = Number(process.argv[2] ?? 200_000);
const RUNS = Number(process.argv[3] ?? 30);
const WARM_UP = 3;
const ACTIVE_CASES = Number(process.argv[4] ?? 2_000);
const BUFFERED_MESSAGES = 500;

const dataDir = mkdtempSync(join(tmpdir(), 'correlation-reload-'));
try {
  const db = openDatabase({ dataDir, synchronous: 'NORMAL' });
  const instance = db.prepare(
    `INSERT INTO process_instances (key, process_definition_key, bpmn_process_id, version, state, start_date, end_date, tenant_id)
     VALUES (?, 1, ?, 1, ?, '2026-01-01T00:00:00.000Z', NULL, '<default>')`,
  );
  const correlation = db.prepare(
    `INSERT INTO message_correlations (key, message_key, process_instance_key, bpmn_process_id, correlation_key, started_instance)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const message = db.prepare(
    `INSERT INTO messages (key, name, correlation_key, variables, expires_at, message_id, tenant_id, published_at)
     VALUES (?, 'application-filed', ?, '{}', 9999999999999, NULL, '<default>', '2026-01-01T00:00:00.000Z')`,
  );
  let key = 1_000_000;
  db.transaction(() => {
    const total = COMPLETED_CASES + ACTIVE_CASES;
    for (let i = 0; i < total; i++) {
      const state = i < COMPLETED_CASES ? 'COMPLETED' : 'ACTIVE';
      const processId = `process-${i % 23}`;
      const caseKey = key++;
      instance.run(caseKey, processId, state);
      // started by a message with a correlation key (every other case), reached by another one at a catch event
      if (i % 2 === 0) correlation.run(key++, key++, caseKey, processId, `K-${i}`, 1);
      correlation.run(key++, key++, caseKey, processId, `K-${i}`, 0);
    }
    for (let i = 0; i < BUFFERED_MESSAGES; i++) {
      const messageKey = key++;
      message.run(messageKey, `B-${i}`);
      if (i % 5 === 0) correlation.run(key++, messageKey, COMPLETED_CASES + i, `process-${i % 23}`, `B-${i}`, 0);
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');

  const index = new MessageCorrelationIndex(new StoreConnection(db), () => true);
  const counts = db
    .prepare(`SELECT (SELECT count(*) FROM message_correlations) AS correlations, (SELECT count(*) FROM process_instances) AS cases`)
    .get() as { correlations: number; cases: number };
  console.log(`${counts.cases} cases (${ACTIVE_CASES} active), ${counts.correlations} correlations, ${BUFFERED_MESSAGES} buffered messages`);
  const samples: number[] = [];
  for (let run = 0; run < WARM_UP + RUNS; run++) {
    const before = process.cpuUsage();
    index.reload();
    const used = process.cpuUsage(before);
    if (run >= WARM_UP) samples.push((used.user + used.system) / 1000);
  }
  samples.sort((a, b) => a - b);
  console.log(`reload CPU (ms), ${RUNS} runs sorted: ${samples.map((ms) => ms.toFixed(2)).join(' ')}`);
  console.log(`median ${samples[Math.floor(samples.length / 2)]!.toFixed(2)} ms`);
  // the answers stay checkable between versions: the active cases a message started with a key
  let started = 0;
  for (let i = COMPLETED_CASES; i < COMPLETED_CASES + ACTIVE_CASES; i += 2) started += index.startedInstances(`process-${i % 23}`, `K-${i}`).length;
  console.log(`active cases started by a message, found by the index: ${started}`);
  db.close();
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
