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

describe('the clients of the REST contract', () => {
  it('should refuse an import of engine/ in workers/ and a web app', async () => {
    for (const filePath of ['workers/probe.ts', 'web-tasklist/server/probe.ts']) {
      const messages = await restrictedImports(filePath, `import { Engine } from '../engine/engine.js';\nexport const probe = Engine;\n`);
      expect(messages, filePath).toHaveLength(1);
      expect(messages[0]).toContain('never import engine/');
    }
  });
});
