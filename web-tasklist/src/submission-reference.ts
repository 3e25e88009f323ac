/**
 * 提交识别码: a 新办件's 提交受理 carries a reference the page makes (`submissionReference`, a process variable no model
 * or worker reads), the same for every retry of the same draft. When a 提交受理 gets no answer (结果未知), the page
 * asks the engine whether a case carrying that reference exists — found: the case started and is not started again;
 * not found after a few searches: not yet — searches may lag, and a gateway's 504 may still be applied —, so she may
 * submit again (with the same reference), and that retry searches once more, at once, before it goes.
 * Camunda 8.8's process-instance search filters on a variable's value (`filter.variables`), as this engine's does;
 * searches are eventually consistent (a cluster's exporter), so an absent case is asked about a few times over a few
 * seconds before it is taken for absent. The reference is random, not derived from the form: no personal data.
 */
import type { V2Client } from '../../web-shared/src/api/v2-client.js';

/** The process variable a 新办件's start carries its reference in (docs/domain/glossary.md). */
export const SUBMISSION_REFERENCE_VARIABLE = 'submissionReference';

/**
 * The waits between the searches of one check (ms): four searches within about six seconds — a cluster's search
 * index is a second or two behind its engine, and a case started a moment before the answer was lost is found.
 */
const CHECK_WAITS_MS: readonly number[] = [1_000, 2_000, 3_000];

/**
 * A new reference: 128 random bits as a UUID (version 4). From `crypto.getRandomValues`, which an office PC on plain
 * HTTP has too (`crypto.randomUUID` needs a secure context).
 */
export function newSubmissionReference(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** What a check found: the case started with the reference (its key), or none after every search. */
type StartCheck = { found: true; processInstanceKey: string } | { found: false };

/**
 * Whether a case of `processId` carrying `reference` exists: searched, and while none is found searched again after
 * each of `waits`. A search that fails rejects (the check could not tell: the caller keeps the submit guarded).
 * `wanted`: false once the caller no longer wants the answer (a newer check took its place): no more searches then,
 * and what it resolves with is not to be used.
 */
export async function findStartedCase(
  client: V2Client,
  processId: string,
  reference: string,
  waits: readonly number[] = CHECK_WAITS_MS,
  wanted: () => boolean = () => true,
): Promise<StartCheck> {
  for (let attempt = 0; wanted(); attempt += 1) {
    const result = await client.searchProcessInstances({
      // (the value as the engine keeps it: JSON text)
      filter: { processDefinitionId: processId, variables: [{ name: SUBMISSION_REFERENCE_VARIABLE, value: JSON.stringify(reference) }] },
      sort: [{ field: 'startDate', order: 'asc' }],
      page: { limit: 1 },
    });
    const first = result.items[0];
    if (first) return { found: true, processInstanceKey: first.processInstanceKey };
    const wait = waits[attempt];
    if (wait === undefined) return { found: false };
    await new Promise((resolve) => window.setTimeout(resolve, wait));
  }
  return { found: false };
}
