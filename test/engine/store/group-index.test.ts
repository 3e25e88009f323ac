/**
 * The store's in-memory indexes (engine/store/group-index.ts and the join tokens of join-tokens.ts) on a real
 * SQLite file: they answer what SQLite holds — after a restart, after updates, and after a rolled-back command.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ElementInstanceRecord } from '../../../engine/state/records.js';
import { EngineStore } from '../../../engine/store/engine-store.js';
import { stateReaders } from '../../../engine/store/state-readers.js';

const folders: string[] = [];
const stores: EngineStore[] = [];

afterEach(() => {
  for (const store of stores.splice(0)) store.close();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function openStore(dataDir = mkdtempSync(join(tmpdir(), 'group-index-'))): { store: EngineStore; dataDir: string } {
  if (!folders.includes(dataDir)) folders.push(dataDir);
  const store = new EngineStore({ dataDir, synchronous: 'FULL' });
  stores.push(store);
  return { store, dataDir };
}

function element(key: number, flowScopeKey: number | null, state: ElementInstanceRecord['state'] = 'ACTIVATING'): ElementInstanceRecord {
  return {
    key,
    processInstanceKey: 1,
    processDefinitionKey: 10,
    bpmnProcessId: 'p',
    elementId: `e${key}`,
    elementName: null,
    elementType: key === 1 ? 'PROCESS' : 'SERVICE_TASK',
    flowScopeKey,
    state,
    startDate: '2026-01-05T08:00:00.000Z',
    endDate: null,
    tenantId: '<default>',
    incidentKey: null,
  };
}

function variable(key: number, scopeKey: number, name: string, value: unknown) {
  return { key, scopeKey, processInstanceKey: 1, name, value: JSON.stringify(value), tenantId: '<default>' };
}

describe('the in-memory indexes of the store', () => {
  it('should list the active children and variables of a scope, following inserts and updates', () => {
    // given
    const { store } = openStore();
    store.transaction(() => {
      store.elementInstances.insert(element(1, null));
      store.elementInstances.insert(element(2, 1));
      store.elementInstances.insert(element(3, 1));
      store.variables.insert(variable(4, 1, 'amount', 120));
    });

    // when
    store.transaction(() => {
      store.elementInstances.update({ ...element(2, 1), state: 'COMPLETED' });
      store.variables.update(variable(4, 1, 'amount', 130));
    });

    // then
    expect(store.indexes.activeChildren.members(1).map((c) => c.key)).toEqual([3]);
    expect(store.indexes.variables.members(1).map((v) => v.value)).toEqual(['130']);
  });

  it('should answer what SQLite holds after a restart on the same data directory', () => {
    // given
    const first = openStore();
    first.store.transaction(() => {
      first.store.elementInstances.insert(element(1, null));
      first.store.elementInstances.insert(element(2, 1, 'ACTIVATED'));
      first.store.elementInstances.insert(element(3, 1, 'COMPLETED'));
      first.store.variables.insert(variable(4, 1, 'name', '张三'));
      first.store.joinTokens.arrive(1, 'join', 'f1');
    });
    first.store.close();

    // when
    const { store } = openStore(first.dataDir);

    // then
    expect(store.indexes.activeChildren.members(1).map((c) => c.key)).toEqual([2]);
    expect(store.indexes.variables.members(1).map((v) => v.name)).toEqual(['name']);
    expect(store.joinTokens.joinsWithTokens(1)).toEqual(['join']);
    expect(store.joinTokens.waiting(1, 'join')).toEqual(new Map([['f1', 1]]));
  });

  it('should NOT keep a child, a variable or a join token of a command that rolled back', () => {
    // given
    const { store } = openStore();
    store.transaction(() => store.elementInstances.insert(element(1, null)));
    expect(store.indexes.activeChildren.members(1)).toEqual([]);

    // when
    store.transaction(() => {
      expect(() =>
        store.transaction(() => {
          store.elementInstances.insert(element(2, 1));
          store.variables.insert(variable(3, 1, 'amount', 1));
          store.joinTokens.arrive(1, 'join', 'f1');
          expect(store.indexes.activeChildren.members(1).map((c) => c.key)).toEqual([2]);
          throw new Error('the command failed');
        }),
      ).toThrow('the command failed');
      store.invalidateCaches();
    });

    // then
    expect(store.indexes.activeChildren.members(1)).toEqual([]);
    expect(store.indexes.variables.members(1)).toEqual([]);
    expect(store.joinTokens.joinsWithTokens(1)).toEqual([]);
  });

  it('should find a variable and a join token written before their scope was created, in a later batch too', () => {
    // given
    const { store } = openStore();
    store.transaction(() => store.elementInstances.insert(element(1, null)));

    // when
    store.transaction(() => {
      store.variables.insert(variable(3, 2, 'amount', 1));
      store.joinTokens.arrive(2, 'join', 'f1');
      store.elementInstances.insert(element(2, 1));
    });

    // then
    expect(store.indexes.variables.members(2).map((v) => v.key)).toEqual([3]);
    expect(store.joinTokens.joinsWithTokens(2)).toEqual(['join']);
    expect(store.indexes.variables.members(1)).toEqual([]);
    expect(store.joinTokens.joinsWithTokens(1)).toEqual([]);
  });

  it('should answer the latest variable of a case from its own and its inner scopes, also in the batch that ended the case', () => {
    // given
    const { store } = openStore();
    const readers = stateReaders(store);
    store.transaction(() => {
      store.elementInstances.insert(element(1, null));
      store.elementInstances.insert(element(2, 1));
      store.variables.insert(variable(3, 1, 'amount', 120));
      store.variables.insert(variable(4, 2, 'amount', 130));
      store.variables.insert(variable(5, 1, 'name', '张三'));
    });

    // when
    const inBatch = store.transaction(() => {
      store.elementInstances.update({ ...element(2, 1), state: 'COMPLETED' });
      store.elementInstances.update({ ...element(1, null), state: 'COMPLETED' });
      return [readers.latestVariableOfProcessInstance(1, 'amount')?.key, readers.latestVariableOfProcessInstance(1, 'name')?.key];
    });

    // then
    expect(inBatch).toEqual([4, 5]);
    expect(readers.latestVariableOfProcessInstance(1, 'amount')?.value).toBe('130');
    expect(readers.latestVariableOfProcessInstance(1, 'missing')).toBeUndefined();
  });

  it('should use up one token per incoming flow when a join fires, as SQLite does', () => {
    // given
    const { store, dataDir } = openStore();
    store.transaction(() => {
      store.elementInstances.insert(element(1, null));
      store.joinTokens.arrive(1, 'join', 'f1');
      store.joinTokens.arrive(1, 'join', 'f1');
      store.joinTokens.arrive(1, 'join', 'f2');
    });

    // when
    store.transaction(() => store.joinTokens.consume(1, 'join'));

    // then
    expect(store.joinTokens.waiting(1, 'join')).toEqual(new Map([['f1', 1]]));
    store.close();
    expect(openStore(dataDir).store.joinTokens.waiting(1, 'join')).toEqual(new Map([['f1', 1]]));
  });
});
