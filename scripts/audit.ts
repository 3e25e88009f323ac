/**
 * `npm run audit`: `npm audit --json` for the production dependencies (`--omit=dev`) and for all of them, judged
 * by scripts/audit/audit-policy.ts against config/audit-exceptions.json.
 * Exit codes: 0 no unexcepted high/critical advisory; 1 one or more; 2 the exceptions file is invalid;
 * 3 the advisories endpoint is unavailable (a partial npm mirror answers 405), so nothing was checked.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { auditExceptionsSchema, judgeAuditReport, type Advisory } from './audit/audit-policy.js';

const EXIT_UNAVAILABLE = 3;
const line = (advisory: Advisory) => `  ${advisory.severity} ${advisory.package} ${advisory.id}: ${advisory.title}`;

const exceptions = auditExceptionsSchema.safeParse(JSON.parse(readFileSync('config/audit-exceptions.json', 'utf8')));
if (!exceptions.success) {
  console.error(`[audit] config/audit-exceptions.json 格式错误 / is invalid: ${exceptions.error.message}`);
  process.exit(2);
}

let failed = false;
for (const [label, args] of [['production (--omit=dev)', ['--omit=dev']], ['all dependencies', []]] as const) {
  // npm audit exits 1 when it finds anything or cannot reach the endpoint: the JSON on stdout says which.
  const output = await promisify(execFile)('npm', ['audit', '--json', ...args], { maxBuffer: 64 * 1024 * 1024 }).then(
    (result) => result.stdout,
    (error: { stdout?: string }) => error.stdout ?? '',
  );
  const verdict = judgeAuditReport(output, exceptions.data);
  if (verdict.kind === 'unavailable') {
    console.error(`[audit] 无法检查：安全公告接口不可用，未做任何检查（不是通过）。\n[audit] Cannot check: the advisories endpoint is unavailable, nothing was checked (this is not a pass).\n[audit] ${verdict.reason}`);
    process.exit(EXIT_UNAVAILABLE);
  }
  for (const advisory of verdict.excepted) console.log(`[audit] ${label}: excepted (config/audit-exceptions.json)\n${line(advisory)}`);
  if (verdict.kind === 'failed') {
    failed = true;
    console.error(`[audit] ${label}: ${verdict.unexcepted.length} 个高危/严重安全公告未列入例外 / high or critical advisories without a written reason:\n${verdict.unexcepted.map(line).join('\n')}`);
  } else {
    console.log(`[audit] ${label}: no high or critical advisory without a written reason`);
  }
}
process.exit(failed ? 1 : 0);
