/**
 * What must hold after a chaos run, read back through `/v2` (black box: the same checks gate any engine that
 * serves the API) plus the data directory's documents folder:
 * - every acknowledged command is there: each created case exists; each completed job is COMPLETED and its
 *   variable was kept; each completed user task is COMPLETED and its `reviewedBy` kept; each published message
 *   was correlated (the case passed its message event);
 * - no timer fired twice: at most one 等待一小时 element instance per case;
 * - no case is stuck without a reason: every case ended (or has an incident, listed as a violation too);
 * - notice numbers are 1 … N without duplicates or gaps, and there is exactly one stored document per notice.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHAOS_JOB_TYPE, CHAOS_PROCESS_ID } from './chaos-model.js';
import type { Ledger } from './chaos-load.js';
import type { V2Http } from './v2-http.js';

export interface ChaosCheck {
  violations: string[];
  cases: number;
  completedCases: number;
  /** Cases that ended in an incident instead (a retried job out of retries after kills during its calls). */
  incidents: string[];
  acknowledged: { creates: number; jobCompletions: number; taskCompletions: number; messages: number };
  timersFired: number;
  notices: number;
  documents: number;
}

interface Item {
  [field: string]: string | number | boolean | undefined;
}

export async function checkChaos(http: V2Http, ledger: Ledger, dataDir: string): Promise<ChaosCheck> {
  const violations: string[] = [];
  const violation = (text: string) => {
    if (violations.length < 200) violations.push(text);
  };
  const instances = await http.searchAll<Item>('/v2/process-instances/search', { processDefinitionId: CHAOS_PROCESS_ID });
  const stateOf = new Map(instances.map((i) => [String(i.processInstanceKey), String(i.state)]));
  const variables = async (name: string) =>
    new Map((await http.searchAll<Item>('/v2/variables/search', { name })).map((v) => [String(v.processInstanceKey), JSON.parse(String(v.value)) as unknown]));

  // acknowledged creates
  for (const [key, caseId] of ledger.created) if (!stateOf.has(key)) violation(`acknowledged case ${caseId} (${key}) is missing`);

  // acknowledged job completions
  const jobs = new Map((await http.searchAll<Item>('/v2/jobs/search', { type: CHAOS_JOB_TYPE })).map((j) => [String(j.jobKey), String(j.state)]));
  const workJobKeys = await variables('workJobKey');
  for (const [jobKey, processInstanceKey] of ledger.jobsCompleted) {
    if (jobs.get(jobKey) !== 'COMPLETED') violation(`acknowledged completion of job ${jobKey} is not there (job state ${jobs.get(jobKey) ?? 'missing'})`);
    if (workJobKeys.get(processInstanceKey) !== jobKey) violation(`the variable of the acknowledged completion of job ${jobKey} is not in case ${processInstanceKey}`);
  }

  // acknowledged user-task completions
  const tasks = new Map((await http.searchAll<Item>('/v2/user-tasks/search', { processDefinitionId: CHAOS_PROCESS_ID })).map((t) => [String(t.userTaskKey), String(t.state)]));
  const reviewers = await variables('reviewedBy');
  for (const [userTaskKey, { processInstanceKey, by }] of ledger.tasksCompleted) {
    if (tasks.get(userTaskKey) !== 'COMPLETED') violation(`acknowledged completion of user task ${userTaskKey} is not there (state ${tasks.get(userTaskKey) ?? 'missing'})`);
    if (reviewers.get(processInstanceKey) !== by) violation(`reviewedBy of the acknowledged completion of user task ${userTaskKey} is not ${by}`);
  }

  // acknowledged messages, timers
  const elements = await http.searchAll<Item>('/v2/element-instances/search', { processDefinitionId: CHAOS_PROCESS_ID });
  const count = (elementId: string, state?: string) => {
    const counts = new Map<string, number>();
    for (const e of elements) if (e.elementId === elementId && (!state || e.state === state)) counts.set(String(e.processInstanceKey), (counts.get(String(e.processInstanceKey)) ?? 0) + 1);
    return counts;
  };
  const messagesPassed = count('materials-arrived', 'COMPLETED');
  for (const [caseId, processInstanceKey] of ledger.published) {
    if (!messagesPassed.has(processInstanceKey)) violation(`acknowledged message for case ${caseId} was not correlated`);
  }
  const timers = count('wait');
  let timersFired = 0;
  for (const [key, n] of timers) {
    if (n > 1) violation(`the timer of case ${key} fired ${n} times`);
    timersFired += n;
  }

  // nothing stuck without a reason: a case that did not end must have an incident (a person's work item)
  const open = instances.filter((i) => i.state !== 'COMPLETED');
  const incidents = open.length > 0 ? await http.searchAll<Item>('/v2/incidents/search', { processDefinitionId: CHAOS_PROCESS_ID, state: 'ACTIVE' }) : [];
  const incidentReasons: string[] = [];
  for (const instance of open) {
    const key = String(instance.processInstanceKey);
    const reason = incidents.find((i) => String(i.processInstanceKey) === key);
    if (reason) incidentReasons.push(`case ${key}: incident ${reason.errorType} at ${reason.elementId}: ${reason.errorMessage}`);
    else {
      const waiting = elements.filter((e) => String(e.processInstanceKey) === key && e.state === 'ACTIVE').map((e) => e.elementId);
      violation(`case ${key} is stuck without an incident, waiting at ${waiting.join(', ') || 'nothing'}`);
    }
  }

  // notice numbers and documents
  const numbers = [...(await variables('missingMaterialsNoticeNumber')).values()].map((n) => Number(/第(\d+)号/.exec(String(n))?.[1] ?? NaN));
  const sorted = [...numbers].sort((a, b) => a - b);
  const duplicates = sorted.filter((n, i) => i > 0 && sorted[i - 1] === n);
  if (duplicates.length > 0) violation(`notice numbers issued twice: ${[...new Set(duplicates)].join(', ')}`);
  // a notice job in an incident keeps the number it claimed for its retry: at most that many gaps
  const heldForRetry = incidentReasons.filter((reason) => reason.includes(' at notice:')).length;
  const highest = sorted.at(-1) ?? 0;
  const missing = Array.from({ length: highest }, (_, i) => i + 1).filter((n) => !sorted.includes(n));
  if (missing.length > heldForRetry) violation(`notice numbers skipped: ${missing.slice(0, 20).join(', ')}`);
  const documentsDir = join(dataDir, 'documents');
  const stored = readdirSync(documentsDir).filter((name) => name.endsWith('.json'));
  const noticeDocuments = stored.filter((name) => (JSON.parse(readFileSync(join(documentsDir, name), 'utf8')) as { metadata?: { customProperties?: { noticeType?: string } } }).metadata?.customProperties?.noticeType);
  if (noticeDocuments.length !== numbers.length) violation(`${noticeDocuments.length} notice documents stored for ${numbers.length} notices (an upload was lost or made twice)`);

  return {
    violations,
    cases: instances.length,
    completedCases: instances.length - open.length,
    incidents: incidentReasons,
    acknowledged: {
      creates: ledger.created.size,
      jobCompletions: ledger.jobsCompleted.size,
      taskCompletions: ledger.tasksCompleted.size,
      messages: ledger.published.size,
    },
    timersFired,
    notices: numbers.length,
    documents: noticeDocuments.length,
  };
}
