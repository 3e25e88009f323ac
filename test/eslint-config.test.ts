import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

/** The no-restricted-imports messages ESLint reports for `code` as if it were the file `filePath`. */
async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe("the engine's layers (api → processor → behaviors → model/state → store)", () => {
  it.each([
    ['engine/api/probe.ts', `import type { StateWriter } from '../state/state-writer.js';`, 'engine/api/'],
    ['engine/api/probe.ts', `import { BpmnProcessor } from '../processor/bpmn-processor.js';`, 'engine/api/'],
    ['engine/processor/probe.ts', `import type { EngineStore } from '../store/engine-store.js';`, 'engine/processor/'],
    ['engine/processor/probe.ts', `import type { Engine } from '../engine.js';`, 'engine/processor/'],
    ['engine/behaviors/shared/probe.ts', `import type { BpmnProcessor } from '../../processor/bpmn-processor.js';`, 'engine/behaviors/'],
    ['engine/behaviors/probe.ts', `import type { EngineStore } from '../store/engine-store.js';`, 'engine/behaviors/'],
    ['engine/state/appliers/probe.ts', `import type { EngineStore } from '../../store/engine-store.js';`, 'engine/state/'],
    ['engine/model/probe.ts', `import type { JobRecord } from '../state/records.js';`, 'engine/model/'],
    ['engine/store/probe.ts', `import type { BpmnProcessor } from '../processor/bpmn-processor.js';`, 'engine/store/'],
  ])('should refuse in %s: %s', async (filePath, code, layer) => {
    const messages = await restrictedImports(filePath, `${code}\nexport const probe = 1;\n`);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(`${layer} never imports`);
  });

  it.each([
    ['engine/api/probe.ts', `import type { Engine } from '../engine.js';`],
    ['engine/processor/probe.ts', `import type { EngineReaders } from '../state/readers.js';`],
    ['engine/behaviors/shared/probe.ts', `import type { ExecutableProcess } from '../../model/executable-process.js';`],
    ['engine/state/appliers/probe.ts', `import type { JobRecord } from '../records.js';`],
    ['engine/store/probe.ts', `import type { MutableState } from '../state/mutable-state.js';`],
  ])('should allow in %s: %s', async (filePath, code) => {
    expect(await restrictedImports(filePath, `${code}\nexport const probe = 1;\n`)).toEqual([]);
  });
});

describe('engine/api/ imports only the facade (engine.ts) and the errors', () => {
  it.each([
    `import { PINNABLE } from '../clock.js';`,
    `import { runAs } from '../actor-context.js';`,
    `import type { Principal } from '../identity/identity-service.js';`,
    `import type { EngineConfig } from '../config.js';`,
    `import { startServer } from '../server.js';`,
    `import { helper } from '../../test/support/helper.js';`,
  ])('should refuse a deep import: %s', async (code) => {
    const messages = await restrictedImports('engine/api/probe.ts', `${code}\nexport const probe = 1;\n`);
    expect(messages).toEqual([expect.stringContaining('engine/api/ never imports anything of the engine but the facade')]);
  });

  it('should allow the facade, the errors and its own files', async () => {
    const code = `import { PINNABLE, runAs, type Engine } from '../engine.js';
import { NotFoundError } from '../errors.js';
import { sendProblem } from './problem.js';
export const probe = [PINNABLE, runAs, NotFoundError, sendProblem] as unknown as Engine;
`;
    expect(await restrictedImports('engine/api/probe.ts', code)).toEqual([]);
  });
});

describe('SQL outside engine/store/ (scripts/ and test/)', () => {
  const storeImport = (depth: number) =>
    `import { openSqliteStopped } from '${'../'.repeat(depth)}engine/store/sqlite-file.js';\nexport const probe = openSqliteStopped;\n`;

  it.each([
    ['scripts/probe.ts', 1],
    ['scripts/bench/probe.ts', 2],
    ['test/probe.test.ts', 1],
    ['test/engine/api/probe.test.ts', 3],
    ['test/engine/model/probe.test.ts', 3],
  ])('should refuse an import of engine/store/ in %s', async (filePath, depth) => {
    const messages = await restrictedImports(filePath, storeImport(depth));
    expect(messages).toEqual([expect.stringContaining('named in STORE_USERS')]);
  });

  it("should allow it in a file of the allowlist and in the store's own tests, but not better-sqlite3 in the allowlist", async () => {
    expect(await restrictedImports('test/engine/identity/identity-seed.test.ts', storeImport(3))).toEqual([]);
    expect(await restrictedImports('scripts/correlation-reload.ts', storeImport(1))).toEqual([]);
    expect(await restrictedImports('test/engine/store/probe.test.ts', storeImport(3))).toEqual([]);
    const sqlite = await restrictedImports('test/engine/identity/identity-seed.test.ts', `import Database from 'better-sqlite3';\nexport const probe = Database;\n`);
    expect(sqlite).toEqual([expect.stringContaining('Only engine/store/ may import better-sqlite3')]);
  });
});

describe('the clients of the REST contract', () => {
  it('should refuse an import of engine/ in workers/ and a web app', async () => {
    for (const filePath of ['workers/probe.ts', 'web-tasklist/server/probe.ts']) {
      const messages = await restrictedImports(filePath, `import { Engine } from '../engine/engine.js';\nexport const probe = Engine;\n`);
      expect(messages, filePath).toHaveLength(1);
      expect(messages[0]).toContain('never import engine/');
    }
  });
});

describe("the store's connection (engine/store/store-connection.ts)", () => {
  /** The messages of `rule` ESLint reports for `code` as if it were the file `filePath`. */
  async function reported(filePath: string, code: string, rule: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath });
    return result!.messages.filter((m) => m.ruleId === rule).map((m) => m.message);
  }

  it('should refuse better-sqlite3 and opening the file elsewhere in engine/store/', async () => {
    // when
    const messages = await restrictedImports(
      'engine/store/probe.ts',
      `import Database from 'better-sqlite3';\nimport { openDatabase } from './database.js';\nexport const probe = [Database, openDatabase];\n`,
    );

    // then
    expect(messages).toHaveLength(2);
    expect(messages[0]).toContain('through StoreConnection');
    expect(messages[1]).toContain('StoreConnection.open');
  });

  it('should allow the connection, and the options type of the file elsewhere', async () => {
    expect(await restrictedImports('engine/store/store-connection.ts', `import Database from 'better-sqlite3';\nexport const probe = Database;\n`)).toEqual([]);
    expect(await restrictedImports('engine/store/probe.ts', `import type { DatabaseOptions } from './database.js';\nexport type Probe = DatabaseOptions;\n`)).toEqual([]);
  });

  it('should refuse a read that skips the projection, and the store transaction, outside their files', async () => {
    // given
    const code = `export function probe(connection: { readStored(sql: string): unknown; transaction(work: () => void): unknown }, store: { connection: typeof connection }) {
  connection.readStored('SELECT * FROM jobs');
  connection.transaction(() => {});
  store.connection.transaction(() => {});
}\n`;

    // when
    const inQueries = await reported('engine/store/engine-queries.ts', code, 'no-restricted-syntax');
    const inEngine = await reported('engine/engine.ts', code, 'no-restricted-syntax');
    const inRecordTable = await reported('engine/store/record-table.ts', code, 'no-restricted-syntax');

    // then
    expect(inQueries).toHaveLength(3);
    expect(inEngine).toHaveLength(3);
    expect(inRecordTable).toEqual([expect.stringContaining('readTransaction'), expect.stringContaining('readTransaction')]);
  });

  it("should refuse the projector's writes outside record-table.ts and join-tokens.ts, and its switch outside engine-store.ts", async () => {
    // given
    const code = `export function probe(connection: { projectorWrite(sql: string): unknown; asProjector(work: () => void): unknown }) {
  connection.projectorWrite('DELETE FROM jobs WHERE key = ?');
  connection.asProjector(() => {});
}\n`;

    // when
    const inQueries = await reported('engine/store/engine-queries.ts', code, 'no-restricted-syntax');
    const inProcessor = await reported('engine/processor/probe.ts', code, 'no-restricted-syntax');
    const inRecordTable = await reported('engine/store/record-table.ts', code, 'no-restricted-syntax');
    const inEngineStore = await reported('engine/store/engine-store.ts', code, 'no-restricted-syntax');
    const inJoinTokens = await reported('engine/store/join-tokens.ts', code, 'no-restricted-syntax');

    // then
    expect(inQueries).toEqual([expect.stringContaining('projectorWrite writes a projected table'), expect.stringContaining('asProjector')]);
    expect(inProcessor).toHaveLength(2);
    expect(inRecordTable).toEqual([expect.stringContaining('only the store\'s projector')]);
    expect(inEngineStore).toEqual([expect.stringContaining('only the held writes (record-table.ts, join-tokens.ts)')]);
    expect(inJoinTokens).toEqual([expect.stringContaining('only the store\'s projector')]);
  });
});
