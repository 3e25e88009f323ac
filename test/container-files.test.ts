/**
 * Dockerfile and docker-compose.yaml cannot be built or run here (no Docker on the development machine): this
 * checks what can be checked without it — the compose file parses, names the Camunda 8.8 image, Redis, the
 * deployment, the workers and the web apps, points them at the cluster with the SDK's own variables, runs only
 * scripts that exist, keeps clock control off unless asked for, checks health with what the image has, and the
 * Dockerfile copies only what exists.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

type Service = {
  image?: string;
  build?: string;
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
};

const compose = parse(readFileSync('docker-compose.yaml', 'utf8'), { merge: true }) as { services: Record<string, Service> };
const dockerfile = readFileSync('Dockerfile', 'utf8');

describe('docker-compose.yaml', () => {
  it('should run Camunda 8.8 with Basic authentication, the API protected and authorizations on', () => {
    // when
    const camunda = compose.services.camunda!;

    // then
    expect(camunda.image).toBe('camunda/camunda:8.8');
    expect(camunda.environment).toMatchObject({
      CAMUNDA_SECURITY_AUTHENTICATION_METHOD: 'basic',
      CAMUNDA_SECURITY_AUTHENTICATION_UNPROTECTEDAPI: 'false',
      CAMUNDA_SECURITY_AUTHORIZATIONS_ENABLED: 'true',
      ZEEBE_CLOCK_CONTROLLED: '${ZEEBE_CLOCK_CONTROLLED:-false}',
    });
    expect(compose.services.redis!.command).toEqual(['redis-server', '--appendonly', 'yes']);
  });

  it("should check Camunda's health without curl (the image has none): healthy only on HTTP 200 from the management port", async () => {
    // given: the check as the container's /bin/sh runs it, pointed at a local stand-in for the management port
    const [kind, command] = compose.services.camunda!.healthcheck!.test;
    expect(kind).toBe('CMD-SHELL');
    expect(command).not.toContain('curl');
    let status = 200;
    const server = createServer((request, response) => {
      response.statusCode = request.url === '/actuator/health/status' ? status : 404;
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const check = () =>
      promisify(execFile)('/bin/sh', ['-c', command!.replace('/9600', `/${port}`)]).then(
        () => 'healthy',
        () => 'unhealthy',
      );

    try {
      // when / then
      expect(await check()).toBe('healthy');
      status = 503;
      expect(await check()).toBe('unhealthy');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(await check()).toBe('unhealthy');
  });

  it('should run the deployment, the workers and the web apps from our image with scripts that exist', () => {
    for (const name of ['deploy', 'workers', 'web']) {
      // when
      const service = compose.services[name]!;

      // then
      expect(service.build, name).toBe('.');
      const [node, flag, loader, script] = service.command!;
      expect([node, flag, loader], name).toEqual(['node', '--import', 'tsx']);
      expect(existsSync(script!), `${name}: ${script}`).toBe(true);
      expect(service.environment!.ZEEBE_REST_ADDRESS, name).toBe('http://camunda:8080');
    }
    expect(compose.services.workers!.environment).toMatchObject({ CAMUNDA_AUTH_STRATEGY: 'BASIC', REDIS_URL: 'redis://redis:6379/0' });
    expect(compose.services.deploy!.environment).toMatchObject({ CAMUNDA_AUTH_STRATEGY: 'BASIC', CAMUNDA_TENANT_ID: '<default>' });
    // the monitor's read model reads /v2 as a service account given by the SDK's variables (scripts/web.ts)
    expect(compose.services.web!.environment).toMatchObject({ CAMUNDA_AUTH_STRATEGY: 'BASIC', CAMUNDA_BASIC_AUTH_USERNAME: expect.stringContaining('MONITOR_READER_USER') });
    expect(compose.services.workers!.depends_on!.deploy).toEqual({ condition: 'service_completed_successfully' });
  });

  it('should run the same scripts as npm run deploy, npm run workers and npm run web', () => {
    // given
    const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;

    // then
    for (const [service, npmScript] of [['deploy', 'deploy'], ['workers', 'workers'], ['web', 'web']] as const) {
      expect(scripts[npmScript], npmScript).toContain(`tsx ${compose.services[service]!.command![3]}`);
    }
  });
});

describe('Dockerfile', () => {
  it('should build on node:20-bookworm-slim, copy only what exists and install the fonts the notices embed', () => {
    // then
    expect([...dockerfile.matchAll(/^FROM (\S+)/gm)].map((m) => m[1])).toEqual(['node:20-bookworm-slim', 'node:20-bookworm-slim']);
    for (const [, sources] of dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)) {
      for (const source of sources!.split(' ')) expect(existsSync(source), source).toBe(true);
    }
    expect(dockerfile).toContain('fonts-noto-cjk');
    const fonts = (JSON.parse(readFileSync('config/notices.json', 'utf8')) as { fonts: Record<string, { file: string }> }).fonts;
    for (const font of Object.values(fonts)) expect(font.file).toMatch(/^\/usr\/share\/fonts\/opentype\/noto\//);
  });
});
