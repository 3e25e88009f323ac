/**
 * The latest version of each process definition, remembered in memory (engine/store/latest-process-definitions.ts)
 * on a real SQLite file: a new version, a deletion and a rolled-back deployment are seen at once, per tenant, and
 * so is whether an id is deployed in any tenant (the route guard's question on every create).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProcessDefinitionRecord } from '../../../engine/state/records.js';
import { EngineStore } from '../../../engine/store/engine-store.js';

let store: EngineStore | undefined;
let dataDir: string | undefined;

afterEach(() => {
  store?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  store = undefined;
  dataDir = undefined;
});

function openStore(): EngineStore {
  dataDir = mkdtempSync(join(tmpdir(), 'latest-definitions-'));
  store = new EngineStore({ dataDir, synchronous: 'FULL' });
  return store;
}

function definition(key: number, bpmnProcessId: string, version: number, tenantId = '<default>'): ProcessDefinitionRecord {
  return {
    key,
    bpmnProcessId,
    version,
    name: '门诊慢特病待遇认定',
    versionTag: null,
    resourceName: `${bpmnProcessId}.bpmn`,
    resourceKey: key + 1000,
    checksum: `sha-${key}`,
    tenantId,
    deploymentKey: key + 2000,
    startFormId: null,
  };
}

describe('the latest process definitions', () => {
  it('should answer the latest version per tenant, and a new version or a deletion at once', () => {
    // given
    const s = openStore();
    s.transaction(() => {
      s.processDefinitions.insert(definition(1, 'chronic-care', 1));
      s.processDefinitions.insert(definition(2, 'chronic-care', 2));
      s.processDefinitions.insert(definition(3, 'chronic-care', 1, 'tenant-b'));
    });

    // then
    expect(s.latestProcessDefinitions.get('chronic-care', '<default>')?.key).toBe(2);
    expect(s.latestProcessDefinitions.get('chronic-care', 'tenant-b')?.key).toBe(3);
    expect(s.latestProcessDefinitions.get('not-deployed', '<default>')).toBeUndefined();

    // when
    s.transaction(() => {
      s.processDefinitions.insert(definition(4, 'chronic-care', 3));
      s.processDefinitions.insert(definition(5, 'not-deployed', 1));
    });

    // then
    expect(s.latestProcessDefinitions.get('chronic-care', '<default>')?.key).toBe(4);
    expect(s.latestProcessDefinitions.get('not-deployed', '<default>')?.key).toBe(5);

    // when
    s.transaction(() => s.processDefinitions.delete(4));

    // then
    expect(s.latestProcessDefinitions.get('chronic-care', '<default>')?.key).toBe(2);
  });

  it('should NOT answer a version whose deployment rolled back', () => {
    // given
    const s = openStore();
    s.transaction(() => s.processDefinitions.insert(definition(1, 'chronic-care', 1)));
    expect(s.latestProcessDefinitions.get('chronic-care', '<default>')?.key).toBe(1);

    // when
    s.transaction(() => {
      expect(() =>
        s.transaction(() => {
          s.processDefinitions.insert(definition(2, 'chronic-care', 2));
          expect(s.latestProcessDefinitions.get('chronic-care', '<default>')?.key).toBe(2);
          throw new Error('the deployment failed');
        }),
      ).toThrow('the deployment failed');
      s.invalidateCaches();
    });

    // then
    expect(s.latestProcessDefinitions.get('chronic-care', '<default>')?.key).toBe(1);
  });

  it('should answer whether an id is deployed in any tenant, and a first deployment or a deletion at once', () => {
    // given
    const s = openStore();
    s.transaction(() => s.processDefinitions.insert(definition(1, 'chronic-care', 1, 'tenant-b')));

    // then
    expect(s.latestProcessDefinitions.isDeployed('chronic-care')).toBe(true);
    expect(s.latestProcessDefinitions.isDeployed('maternity-leave')).toBe(false);

    // when
    s.transaction(() => s.processDefinitions.insert(definition(2, 'maternity-leave', 1)));

    // then
    expect(s.latestProcessDefinitions.isDeployed('maternity-leave')).toBe(true);

    // when
    s.transaction(() => s.processDefinitions.delete(1));

    // then
    expect(s.latestProcessDefinitions.isDeployed('chronic-care')).toBe(false);
    expect(s.latestProcessDefinitions.isDeployed('maternity-leave')).toBe(true);
  });

  it('should NOT answer an id deployed only by a deployment that rolled back', () => {
    // given
    const s = openStore();

    // when
    s.transaction(() => {
      expect(() =>
        s.transaction(() => {
          s.processDefinitions.insert(definition(1, 'chronic-care', 1));
          expect(s.latestProcessDefinitions.isDeployed('chronic-care')).toBe(true);
          throw new Error('the deployment failed');
        }),
      ).toThrow('the deployment failed');
      s.invalidateCaches();
    });

    // then
    expect(s.latestProcessDefinitions.isDeployed('chronic-care')).toBe(false);
  });
});
