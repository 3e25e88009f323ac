/**
 * The join tokens (engine/store/join-tokens.ts) on a real SQLite file: whole in memory, written by the projector as
 * the rows of each changed scope, loaded again on the next open; with the writer thread, a failed hand-over's scopes
 * are written again, whole, by the next one.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EngineStore } from '../../../engine/store/engine-store.js';

const folders: string[] = [];
const stores: EngineStore[] = [];

afterEach(() => {
  for (const store of stores.splice(0)) store.close();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function openStore(dataDir = mkdtempSync(join(tmpdir(), 'join-tokens-'))): { store: EngineStore; dataDir: string } {
  if (!folders.includes(dataDir)) folders.push(dataDir);
  const store = new EngineStore({ dataDir, synchronous: 'FULL' });
  stores.push(store);
  return { store, dataDir };
}

function rowsOf(dataDir: string): { flowScopeKey: number; elementId: string; flowId: string; count: number }[] {
  const db = new Database(join(dataDir, 'engine.sqlite'), { readonly: true });
  try {
    return db
      .prepare(`SELECT flow_scope_key AS flowScopeKey, element_id AS elementId, flow_id AS flowId, count FROM join_tokens ORDER BY flow_scope_key, flow_id`)
      .all() as { flowScopeKey: number; elementId: string; flowId: string; count: number }[];
  } finally {
    db.close();
  }
}

describe('the join tokens', () => {
  it('should write only the scopes that still hold tokens, and none of a scope whose tokens came and went', () => {
    // given
    const { store, dataDir } = openStore();

    // when: scope 1 half-arrived, scope 2 arrived and fired in one transaction
    store.transaction(() => {
      store.joinTokens.arrive(1, 'join', 'f1');
      store.joinTokens.arrive(2, 'join', 'f1');
      store.joinTokens.arrive(2, 'join', 'f2');
      store.joinTokens.consume(2, 'join');
    });

    // then
    expect(rowsOf(dataDir)).toEqual([{ flowScopeKey: 1, elementId: 'join', flowId: 'f1', count: 1 }]);
    expect(store.joinTokens.joinsWithTokens(2)).toEqual([]);
  });

  it('should take a new token over a used-up row an older version left (count 0), and drop that row', () => {
    // given: a file whose join fired under a version that kept used-up rows
    const first = openStore();
    first.store.close();
    const db = new Database(join(first.dataDir, 'engine.sqlite'));
    db.prepare(`INSERT INTO join_tokens (flow_scope_key, element_id, flow_id, count) VALUES (7, 'join', 'f1', 0), (7, 'join', 'f2', 0)`).run();
    db.close();
    const { store, dataDir } = openStore(first.dataDir);
    expect(store.joinTokens.joinsWithTokens(7)).toEqual([]);

    // when: the join is reached again in the same scope (a loop)
    store.transaction(() => store.joinTokens.arrive(7, 'join', 'f1'));

    // then
    expect(rowsOf(dataDir)).toEqual([{ flowScopeKey: 7, elementId: 'join', flowId: 'f1', count: 1 }]);
    store.close();
    expect(openStore(dataDir).store.joinTokens.waiting(7, 'join')).toEqual(new Map([['f1', 1]]));
  });

  it('should drop the used-up rows an older version left of a finished scope, which never changes again', () => {
    // given: a file with the used-up rows of a fired join whose scope has ended, and a scope still waiting
    const first = openStore();
    first.store.close();
    const db = new Database(join(first.dataDir, 'engine.sqlite'));
    db.prepare(`INSERT INTO join_tokens (flow_scope_key, element_id, flow_id, count) VALUES (8, 'join', 'f1', 0), (8, 'join', 'f2', 0), (9, 'join', 'f1', 1)`).run();
    db.close();

    // when: opened, and the next transaction ends
    const { store, dataDir } = openStore(first.dataDir);
    store.transaction(() => store.joinTokens.arrive(10, 'join', 'f1'));

    // then: only the waiting tokens are left
    expect(rowsOf(dataDir)).toEqual([
      { flowScopeKey: 9, elementId: 'join', flowId: 'f1', count: 1 },
      { flowScopeKey: 10, elementId: 'join', flowId: 'f1', count: 1 },
    ]);
  });

  it("should write a failed hand-over's scopes again, whole, and the file end as memory holds them", () => {
    // given: a store with the writer thread, scopes 1 and 2 waiting and written; then a file whose join_tokens table
    // refuses new rows, and its write lock held elsewhere, so the next hand-over waits on the writer thread
    const dataDir = mkdtempSync(join(tmpdir(), 'join-tokens-'));
    folders.push(dataDir);
    const store = new EngineStore({ dataDir, synchronous: 'FULL', projection: { delayMs: 60_000 }, replay: () => undefined });
    stores.push(store);
    const handOver = () => (store as unknown as { handOver(): void }).handOver();
    const settle = () => (store as unknown as { writer: { settle(): void } }).writer.settle();
    const inBatch = (work: () => void) => store.batchTransaction(() => store.transaction(work));
    inBatch(() => {
      store.joinTokens.arrive(1, 'join', 'f1');
      store.joinTokens.arrive(2, 'join', 'f1');
    });
    handOver();
    settle();
    expect(rowsOf(dataDir).map((row) => row.flowScopeKey)).toEqual([1, 2]);
    const other = new Database(join(dataDir, 'engine.sqlite'));
    other.exec(`CREATE TRIGGER refuse_tokens BEFORE INSERT ON join_tokens BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    other.exec('BEGIN IMMEDIATE');

    // when: scope 1 grown, 2 discarded and 3 begun, handed over; before this thread knows it failed, 3 and 4 change
    // and are handed over too (skipped); then, held again, 1 fires and 5 begins, while the refusal lasts (fails)
    inBatch(() => {
      store.joinTokens.arrive(1, 'join', 'f2');
      store.joinTokens.discard(2);
      store.joinTokens.arrive(3, 'join', 'f1');
    });
    handOver();
    inBatch(() => {
      store.joinTokens.arrive(3, 'join', 'f2');
      store.joinTokens.arrive(4, 'join', 'f1');
    });
    handOver();
    other.exec('COMMIT');
    settle();
    expect(store.joinTokens.held).toBe(4);
    inBatch(() => {
      store.joinTokens.consume(1, 'join');
      store.joinTokens.arrive(5, 'join', 'f1');
    });
    handOver();
    settle();
    expect(store.joinTokens.held).toBe(5);
    expect(rowsOf(dataDir).map((row) => row.flowScopeKey)).toEqual([1, 2]);
    other.exec('DROP TRIGGER refuse_tokens');
    other.close();
    handOver();
    settle();

    // then: the file holds the scopes memory holds, and nothing of the fired or discarded ones
    expect(store.joinTokens.held).toBe(0);
    expect(rowsOf(dataDir)).toEqual([
      { flowScopeKey: 3, elementId: 'join', flowId: 'f1', count: 1 },
      { flowScopeKey: 3, elementId: 'join', flowId: 'f2', count: 1 },
      { flowScopeKey: 4, elementId: 'join', flowId: 'f1', count: 1 },
      { flowScopeKey: 5, elementId: 'join', flowId: 'f1', count: 1 },
    ]);
    expect([1, 2, 3, 4, 5].map((scope) => store.joinTokens.joinsWithTokens(scope))).toEqual([[], [], ['join'], ['join'], ['join']]);
  });
});
