/**
 * scripts/audit/audit-policy.ts on recorded `npm audit --json` outputs (fixtures/: a clean report, one with high
 * and critical advisories, and the registry's 405 answer this machine's mirror gives) — the decision, not npm.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { auditExceptionsSchema, judgeAuditReport, type AuditException } from '../../../scripts/audit/audit-policy.js';

const fixture = (name: string) => readFileSync(new URL(`fixtures/${name}.json`, import.meta.url), 'utf8');
const exception = (pkg: string, advisory: string): AuditException => ({
  package: pkg,
  advisory,
  reason: 'only reached from the build tooling, never with input from users',
  reviewed: '2026-12-04',
});

describe('judgeAuditReport', () => {
  it('should pass a report without advisories', () => {
    expect(judgeAuditReport(fixture('no-advisories'), [])).toEqual({ kind: 'passed', excepted: [] });
  });

  it('should fail on every high and critical advisory without an exception, once each, and ignore moderate ones', () => {
    // when
    const verdict = judgeAuditReport(fixture('high-and-critical'), []);

    // then the advisory reached through sample-router is counted once, at its own package
    expect(verdict).toEqual({
      kind: 'failed',
      excepted: [],
      unexcepted: [
        { package: 'sample-parser', id: 'GHSA-aaaa-bbbb-cccc', source: 1101234, title: 'Regular expression denial of service in sample-parser', severity: 'high' },
        { package: 'sample-template', id: 'GHSA-dddd-eeee-ffff', source: 1105678, title: 'Prototype pollution in sample-template', severity: 'critical' },
      ],
    });
  });

  it('should pass when every high and critical advisory has an exception, by GHSA id or by npm source id', () => {
    // when
    const verdict = judgeAuditReport(fixture('high-and-critical'), [exception('sample-parser', 'GHSA-aaaa-bbbb-cccc'), exception('sample-template', '1105678')]);

    // then
    expect(verdict.kind).toBe('passed');
    expect(verdict.kind === 'passed' && verdict.excepted.map((advisory) => advisory.id)).toEqual(['GHSA-aaaa-bbbb-cccc', 'GHSA-dddd-eeee-ffff']);
  });

  it('should not let an exception of one package cover the same id in another, nor one advisory cover another', () => {
    // when
    const verdict = judgeAuditReport(fixture('high-and-critical'), [exception('sample-router', 'GHSA-aaaa-bbbb-cccc'), exception('sample-template', 'GHSA-gggg-hhhh-jjjj')]);

    // then
    expect(verdict.kind === 'failed' && verdict.unexcepted.map((advisory) => advisory.id)).toEqual(['GHSA-aaaa-bbbb-cccc', 'GHSA-dddd-eeee-ffff']);
  });

  it("should call the registry's 405 answer, empty output and other text unavailable — never a pass", () => {
    expect(judgeAuditReport(fixture('endpoint-405'), [])).toEqual({
      kind: 'unavailable',
      reason: 'the advisories endpoint answered: 405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
    });
    expect(judgeAuditReport('', []).kind).toBe('unavailable');
    expect(judgeAuditReport('npm error code ECONNREFUSED', []).kind).toBe('unavailable');
    expect(judgeAuditReport('{"auditReportVersion":1,"advisories":{}}', []).kind).toBe('unavailable');
  });
});

describe('config/audit-exceptions.json', () => {
  it('should be valid: package, advisory, a written reason and the review date on every entry', () => {
    expect(auditExceptionsSchema.safeParse(JSON.parse(readFileSync('config/audit-exceptions.json', 'utf8'))).success).toBe(true);
  });

  it('should refuse an entry without a reason or with a short one', () => {
    expect(auditExceptionsSchema.safeParse([{ package: 'x', advisory: 'GHSA-aaaa-bbbb-cccc', reviewed: '2026-12-04' }]).success).toBe(false);
    expect(auditExceptionsSchema.safeParse([{ ...exception('x', 'GHSA-aaaa-bbbb-cccc'), reason: 'ok' }]).success).toBe(false);
  });
});

describe('npm run audit', () => {
  it('should say in Chinese and English that nothing was checked, and exit 3, when the advisories endpoint refuses', async () => {
    // given a registry that answers 405 to the advisories endpoint, as this machine's npm mirror does
    const posts: string[] = [];
    const registry = createServer((request, response) => {
      if (request.method === 'POST') posts.push(request.url ?? '');
      response.writeHead(405, { allow: 'GET,HEAD' }).end();
    });
    await new Promise<void>((resolve) => registry.listen(0, '127.0.0.1', resolve));
    const { port } = registry.address() as AddressInfo;

    // when
    const result = await promisify(execFile)('npx', ['tsx', 'scripts/audit.ts'], {
      timeout: 120_000,
      env: { ...process.env, npm_config_registry: `http://127.0.0.1:${port}/`, npm_config_fetch_retries: '0' },
    }).then(
      (done) => ({ code: 0, stdout: done.stdout, stderr: done.stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
    );
    registry.close();

    // then
    expect(posts[0]).toContain('/-/npm/v1/security/advisories/bulk');
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('无法检查：安全公告接口不可用');
    expect(result.stderr).toContain('nothing was checked (this is not a pass)');
    expect(result.stdout).not.toContain('no high or critical advisory');
  }, 150_000);
});
