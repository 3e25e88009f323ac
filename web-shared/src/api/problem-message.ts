/**
 * Turns a failed /v2 call (RFC 7807 problem, or no answer at all) into one Chinese sentence for the user. The
 * engine's and the identity layer's own messages are Chinese already and are shown as they are; an English
 * detail (e.g. from a real Camunda cluster) is kept in brackets after the Chinese summary, so nothing is hidden.
 */
import { zh } from '../i18n/zh-cn.js';
import type { ProblemDetail } from './camunda-types.js';

const CJK = /[\u3400-\u9fff]/;

export function problemMessage(status: number, problem: ProblemDetail | undefined): string {
  const detail = problem?.detail?.trim() || problem?.title?.trim() || '';
  if (detail && CJK.test(detail)) return detail;
  const summary = statusSummary(status);
  return detail ? `${summary}（${detail}）` : summary;
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
