/**
 * Turns a failed /v2 call (RFC 7807 problem, or no answer at all) into one Chinese sentence for the user. The
 * engine's and the identity layer's own messages are Chinese already and are shown as they are; an English
 * detail (the engine words its not-found and state errors as Camunda does, in English) is not put before a clerk:
 * it goes, with the status and the problem's `type` and `instance`, into the technical detail that the error notice
 * (layout/error-notice.tsx) shows on demand for support staff — nothing is hidden, nothing English in the sentence.
 */
import { zh } from '../i18n/zh-cn.js';
import type { ProblemDetail } from './camunda-types.js';

const CJK = /[\u3400-\u9fff]/;

export function problemMessage(status: number, problem: ProblemDetail | undefined): string {
  const detail = ownText(problem);
  if (shownAsItIs(status, detail)) return detail;
  const inexact = status === 400 ? INEXACT_INTEGER.exec(detail) : null;
  if (!inexact) return statusSummary(status);
  return zh.problems.inexactNumber(inexact[1]!, inexact[2]);
}

/** The embedded engine's refusal of a number it would not keep as sent (engine/api/request-bodies.ts), also in a multipart part. */
const INEXACT_INTEGER = /the number (-?[\d.eE+-]+?)(?:… \((\d+) digits\))? is (?:an integer beyond|beyond the range)/;

/**
 * What support staff need beyond {@link problemMessage}'s sentence, one fact a line (the status, the English detail
 * or title, the problem's type and instance); undefined when the sentence says it all — the problem's own Chinese
 * detail, no type beyond about:blank (its instance alone is only the path the page asked for) — or no answer came
 * (status 0: there is nothing more to tell).
 */
export function problemTechnicalDetail(status: number, problem: ProblemDetail | undefined): string | undefined {
  if (status === 0) return undefined;
  const detail = ownText(problem);
  const title = problem?.title?.trim();
  const type = problem?.type && problem.type !== 'about:blank' ? problem.type : undefined;
  const instance = problem?.instance;
  const shown = shownAsItIs(status, detail);
  if (shown && !type) return undefined;
  const lines = [`HTTP ${status}${title && title !== detail ? ` ${title}` : ''}`];
  if (detail && !shown) lines.push(detail);
  if (type) lines.push(`type: ${type}`);
  if (instance) lines.push(`instance: ${instance}`);
  return lines.join('\n');
}

/**
 * The engine's permission refusal names the Camunda resource and permission (「无权执行此操作：需要 PROCESS_DEFINITION 的
 * READ_USER_TASK 权限」): words for support staff, so a clerk reads the plain sentence and the rest is under 技术详情.
 */
const PERMISSION_DETAIL = /^无权执行此操作：需要 [A-Z_]+ 的 [A-Z_]+(?: 或 [A-Z_]+)? 权限$/;

function shownAsItIs(status: number, detail: string): boolean {
  return CJK.test(detail) && !(status === 403 && PERMISSION_DETAIL.test(detail));
}

function ownText(problem: ProblemDetail | undefined): string {
  return problem?.detail?.trim() || problem?.title?.trim() || '';
}

export function statusSummary(status: number): string {
  const p = zh.problems;
  if (status === 0) return p.network;
  if (status === 400) return p.badRequest;
  if (status === 401) return p.unauthenticated;
  if (status === 403) return p.forbidden;
  if (status === 404) return p.notFound;
  if (status === 409) return p.conflict;
  if (status === 413) return p.tooLarge;
  if (status === 502 || status === 503 || status === 504) return p.unavailable;
  if (status >= 500) return p.server;
  return p.unknown(status);
}
