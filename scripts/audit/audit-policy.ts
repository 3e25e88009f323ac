/**
 * The `npm audit` policy: a high or critical advisory fails the audit unless config/audit-exceptions.json lists it
 * (package and advisory id) with a written reason and the date it was reviewed. An answer that is not an audit
 * report (the registry's advisories endpoint refused or unreachable) is "unavailable", never a pass.
 * Reads npm's `npm audit --json` report (auditReportVersion 2): `vulnerabilities` keyed by package name, each
 * with `via` — advisory objects of that package, or names of the vulnerable packages it depends on.
 */
import { z } from 'zod';

export const auditExceptionsSchema = z.array(
  z.strictObject({
    package: z.string().min(1),
    /** The advisory's GHSA id (e.g. GHSA-xxxx-xxxx-xxxx) or npm's numeric `source` id. */
    advisory: z.string().min(1),
    reason: z.string().min(20, 'a reason of at least 20 characters: why the advisory does not apply or cannot be fixed yet'),
    reviewed: z.iso.date(),
  }),
);
export type AuditException = z.infer<typeof auditExceptionsSchema>[number];

const advisorySchema = z.looseObject({
  source: z.number(),
  name: z.string(),
  title: z.string(),
  url: z.string(),
  severity: z.enum(['info', 'low', 'moderate', 'high', 'critical']),
});
const reportSchema = z.looseObject({
  auditReportVersion: z.literal(2),
  vulnerabilities: z.record(z.string(), z.looseObject({ via: z.array(z.union([z.string(), advisorySchema])) })),
});

export interface Advisory {
  readonly package: string;
  readonly id: string;
  readonly source: number;
  readonly title: string;
  readonly severity: 'high' | 'critical';
}

export type AuditVerdict =
  | { readonly kind: 'passed'; readonly excepted: readonly Advisory[] }
  | { readonly kind: 'failed'; readonly unexcepted: readonly Advisory[]; readonly excepted: readonly Advisory[] }
  | { readonly kind: 'unavailable'; readonly reason: string };

/** The verdict on one `npm audit --json` output (its stdout text). */
export function judgeAuditReport(output: string, exceptions: readonly AuditException[]): AuditVerdict {
  let json: unknown;
  try {
    json = JSON.parse(output);
  } catch {
    return { kind: 'unavailable', reason: `npm audit printed no JSON report: ${output.slice(0, 200) || '(nothing)'}` };
  }
  const report = reportSchema.safeParse(json);
  if (!report.success) return { kind: 'unavailable', reason: unavailableReason(json) };

  const advisories = new Map<string, Advisory>();
  for (const vulnerability of Object.values(report.data.vulnerabilities)) {
    for (const via of vulnerability.via) {
      if (typeof via === 'string' || (via.severity !== 'high' && via.severity !== 'critical')) continue;
      const id = /GHSA-[\w-]+/.exec(via.url)?.[0] ?? String(via.source);
      advisories.set(`${via.name} ${id}`, { package: via.name, id, source: via.source, title: via.title, severity: via.severity });
    }
  }
  const isExcepted = (advisory: Advisory) =>
    exceptions.some((exception) => exception.package === advisory.package && (exception.advisory === advisory.id || exception.advisory === String(advisory.source)));
  const all = [...advisories.values()];
  const excepted = all.filter(isExcepted);
  const unexcepted = all.filter((advisory) => !isExcepted(advisory));
  return unexcepted.length === 0 ? { kind: 'passed', excepted } : { kind: 'failed', unexcepted, excepted };
}

/** npm's error answer (`{ message, statusCode, error: { summary } }`) in one line. */
function unavailableReason(json: unknown): string {
  const answer = z.looseObject({ message: z.string().optional(), statusCode: z.number().optional(), error: z.looseObject({ summary: z.string().optional() }).optional() }).safeParse(json);
  const message = answer.success ? answer.data.message || answer.data.error?.summary : undefined;
  return message ? `the advisories endpoint answered: ${message}` : 'npm audit printed something that is not an audit report';
}
