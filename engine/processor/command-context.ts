/** What every command handler works with: the named readers, the behaviours' services and the BPMN processor. */
import type { EngineServices } from '../behaviors/shared/engine-services.js';
import type { ExecutableDrg } from '../decisions/executable-decision.js';
import type { ExecutableProcess } from '../model/executable-process.js';
import type { EngineReaders } from '../state/readers.js';
import type { BpmnProcessor } from './bpmn-processor.js';

export interface CommandContext {
  /** Read-only state; commands change it only through `services.writer`. */
  readonly readers: EngineReaders;
  readonly services: EngineServices;
  readonly processor: BpmnProcessor;
  readonly models: ModelCache;
  /**
   * Runs `work` so that, when it throws, only its own changes are undone (and the error rethrown). Use it first
   * thing in a command, before that command changed anything itself.
   */
  attempt<T>(work: () => T): T;
}

/** Executable models by process definition key (and DRGs by decision requirements key), compiled once (at deploy or at start-up). */
export class ModelCache {
  private readonly byKey = new Map<number, ExecutableProcess>();
  private readonly drgs = new Map<number, ExecutableDrg>();

  addDrg(decisionRequirementsKey: number, drg: ExecutableDrg): void {
    this.drgs.set(decisionRequirementsKey, drg);
  }

  drgFor(decisionRequirementsKey: number): ExecutableDrg {
    const drg = this.drgs.get(decisionRequirementsKey);
    if (!drg) throw new Error(`decision requirements ${decisionRequirementsKey} are not loaded`);
    return drg;
  }

  add(processDefinitionKey: number, process: ExecutableProcess): void {
    this.byKey.set(processDefinitionKey, process);
  }

  processFor(processDefinitionKey: number): ExecutableProcess {
    const process = this.byKey.get(processDefinitionKey);
    if (!process) throw new Error(`process definition ${processDefinitionKey} is not loaded`);
    return process;
  }
}
