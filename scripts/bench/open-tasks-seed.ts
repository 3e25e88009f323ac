/**
 * Fills a data directory (with the 23 models already deployed) with open cases for the user-task search
 * benchmark: `count` process instances spread over every user task of bpmn/catalog.json, each waiting in one user
 * task with the candidate groups, form and name of its model, created over the last 60 days, half of them with a
 * due date, a tenth assigned, plus the applicant's name and ID number as variables (`personName`, `idNumber`).
 *
 * Driving 100,000 cases through their models with the workers would take many minutes; the rows are written
 * with the engine's own store and state writer instead (what a command writes for a waiting user task, without
 * the event log), so the search runs on exactly the tables, triggers and indexes the engine keeps. Deterministic
 * (seeded random numbers) so runs compare.
 */
import { readFileSync } from 'node:fs';
import type { UserTaskRecord } from '../../engine/state/records.js';
import { StateWriter } from '../../engine/state/state-writer.js';
import { EngineStore } from '../../engine/store/engine-store.js';
import { stateReaders } from '../../engine/store/state-readers.js';

interface CatalogTask {
  processId: string;
  elementId: string;
  name: string;
  candidateGroups: string[];
  formId?: string;
}

const BATCH = 5_000;
const DAY = 86_400_000;
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '马', '韩', '赵', '孙'];
const GIVEN = ['秀英', '建国', '海燕', '志强', '玉兰', '德明', '春花', '永福'];

export function seedOpenUserTasks(dataDir: string, count: number, now = Date.now()): { tasks: number; byGroup: Record<string, number> } {
  const store = new EngineStore({ dataDir, synchronous: 'NORMAL' });
  const nowIso = () => new Date(now).toISOString();
  const writer = new StateWriter(store, nowIso, undefined);
  const readers = stateReaders(store);
  const random = mulberry32(20_261_204);
  const byGroup: Record<string, number> = {};
  try {
    const tasks = catalogTasks();
    const definitions = new Map(readers.processDefinitions().map((d) => [d.bpmnProcessId, d]));
    const formKey = (formId: string) => readers.latestForm(formId, '<default>')?.key ?? null;
    for (let done = 0; done < count; done += BATCH) {
      store.transaction(() => {
        for (let i = done; i < Math.min(count, done + BATCH); i++) {
          const task = tasks[i % tasks.length]!;
          const definition = definitions.get(task.processId);
          if (!definition) throw new Error(`${task.processId} is not deployed in ${dataDir}`);
          const created = new Date(now - Math.floor(random() * 60 * DAY)).toISOString();
          const processInstanceKey = store.nextKey();
          const elementInstanceKey = store.nextKey();
          const common = { processDefinitionKey: definition.key, bpmnProcessId: definition.bpmnProcessId, tenantId: '<default>' };
          writer.append('PROCESS_INSTANCE_STATE', 'CHANGED', {
            key: processInstanceKey, ...common, version: definition.version, state: 'ACTIVE', startDate: created, endDate: null,
            parentProcessInstanceKey: null, parentElementInstanceKey: null,
          });
          const element = { ...common, processInstanceKey, state: 'ACTIVATED' as const, startDate: created, endDate: null, incidentKey: null };
          writer.append('PROCESS_INSTANCE', 'ELEMENT_ACTIVATING', {
            ...element, key: processInstanceKey, elementId: definition.bpmnProcessId, elementName: definition.name, elementType: 'PROCESS', flowScopeKey: null,
          });
          writer.append('PROCESS_INSTANCE', 'ELEMENT_ACTIVATING', {
            ...element, key: elementInstanceKey, elementId: task.elementId, elementName: task.name, elementType: 'USER_TASK', flowScopeKey: processInstanceKey,
          });
          const applicant = `${SURNAMES[i % SURNAMES.length]}${GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]}`;
          // the variables the models and the task list's first screen read: the applicant and their ID number
          const idNumber = `630103${1950 + (i % 50)}0101${String(i % 1000).padStart(3, '0')}X`;
          for (const [name, value] of [['personName', applicant], ['idNumber', idNumber]] as const) {
            writer.append('VARIABLE', 'CREATED', { key: store.nextKey(), scopeKey: processInstanceKey, processInstanceKey, name, value: JSON.stringify(value), tenantId: '<default>' });
          }
          const record: UserTaskRecord = {
            key: store.nextKey(), name: task.name, state: 'CREATED', assignee: random() < 0.1 ? 'zhang-min' : null,
            candidateGroups: task.candidateGroups, candidateUsers: [], dueDate: random() < 0.5 ? new Date(Date.parse(created) + 20 * DAY).toISOString() : null,
            followUpDate: null, priority: 50, formKey: task.formId ? formKey(task.formId) : null, externalFormReference: null, customHeaders: {},
            elementId: task.elementId, elementInstanceKey, processInstanceKey, processDefinitionKey: definition.key, bpmnProcessId: definition.bpmnProcessId,
            version: definition.version, processName: definition.name, tenantId: '<default>', creationDate: created, completionDate: null, completedBy: null,
          };
          writer.append('USER_TASK', 'CREATED', record);
          for (const group of task.candidateGroups) byGroup[group] = (byGroup[group] ?? 0) + 1;
        }
      });
    }
    return { tasks: count, byGroup };
  } finally {
    store.close();
  }
}

// helpers

function catalogTasks(): CatalogTask[] {
  const catalog = JSON.parse(readFileSync('bpmn/catalog.json', 'utf8')) as {
    processes: { processId: string; userTasks?: { elementId: string; nameZh?: string; candidateGroups?: string[]; formId?: string }[] }[];
  };
  return catalog.processes.flatMap((process) =>
    (process.userTasks ?? []).map((task) => ({
      processId: process.processId,
      elementId: task.elementId,
      name: task.nameZh ?? task.elementId,
      candidateGroups: task.candidateGroups ?? [],
      formId: task.formId,
    })),
  );
}

/** A small seeded PRNG (mulberry32): the same cases on every run. */
export function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
