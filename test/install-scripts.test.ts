/**
 * Install scripts of dependencies: every package of package-lock.json that runs one has a decision in
 * package.json's allowScripts (npm 11.19+) and is named, with why, in docs/security.md; the telemetry opt-outs are set where npm installs (scripts/bootstrap.sh, the
 * Dockerfile) and .npmrc turns off funding banners and update checks.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const OPT_OUTS = ['IBM_TELEMETRY_DISABLED=true', 'DISABLE_OPENCOLLECTIVE=1', 'ADBLOCK=1'];

/** `node_modules/@carbon/grid` → `@carbon/grid`. */
const packageName = (path: string) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);

describe('install scripts of dependencies', () => {
  it('should each be named in the table of docs/security.md, and the table should name no package that has none', () => {
    // given
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, { hasInstallScript?: boolean }> };
    const withScripts = [...new Set(Object.entries(lock.packages).filter(([, entry]) => entry.hasInstallScript).map(([path]) => packageName(path)))].sort();
    const doc = readFileSync('docs/security.md', 'utf8');
    const section = doc.slice(doc.indexOf('## Install scripts'));

    // when
    const documented = [...section.matchAll(/^\| `([^`]+)` \|/gm)].map((match) => match[1]!).sort();

    // then
    expect(withScripts.length).toBeGreaterThan(0);
    expect(documented).toEqual(withScripts);
  });

  it("should each have a decision in package.json's allowScripts, the telemetry and banner ones denied", () => {
    // given
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, { hasInstallScript?: boolean }> };
    const withScripts = [...new Set(Object.entries(lock.packages).filter(([, entry]) => entry.hasInstallScript).map(([path]) => packageName(path)))].sort();

    // when
    const { allowScripts } = JSON.parse(readFileSync('package.json', 'utf8')) as { allowScripts: Record<string, boolean> };

    // then
    expect(Object.keys(allowScripts).sort()).toEqual(withScripts);
    expect(allowScripts).toMatchObject({ '@carbon/grid': false, '@carbon/layout': false, inferno: false, 'better-sqlite3': true, esbuild: true });
  });

  it('should run with the telemetry opt-outs wherever npm installs', () => {
    const bootstrap = readFileSync('scripts/bootstrap.sh', 'utf8');
    const dockerfile = readFileSync('Dockerfile', 'utf8');
    for (const optOut of OPT_OUTS) {
      expect(bootstrap).toMatch(new RegExp(`^export .*\\b${optOut}\\b`, 'm'));
      expect(dockerfile.slice(0, dockerfile.indexOf('RUN npm ci'))).toMatch(new RegExp(`^ENV .*\\b${optOut}\\b`, 'm'));
    }
    expect(dockerfile).toMatch(/^COPY package\.json package-lock\.json \.npmrc \.\/$/m);
  });

  it('should have npm itself, in this repository, show no funding banner and ask the registry for no update', () => {
    // when npm reads its configuration here (.npmrc of the project)
    const config = execFileSync('npm', ['config', 'get', 'fund', 'update-notifier'], { encoding: 'utf8' });

    // then
    expect(config).toMatch(/^fund=false$/m);
    expect(config).toMatch(/^update-notifier=false$/m);
  });
});
