/**
 * The writer over a real SQLite store: every change is an event with its one applier; an applier refuses a
 * transition its lifecycle table does not allow, and the tokens at a join follow the element events.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ElementInstanceRecord, JobRecord, UserTaskRecord } from '../../../engine/state/records.js';
import { StateWriter } from '../../../engine/state/state-writer.js';
import { EngineStore } from '../../../engine/store/engine-store.js';
import { stateReaders } from '../../../engine/store/state-readers.js';

const NOW = '2026-12-04T08:00:00.000Z';

let dataDir: string;
let store: EngineStore;
let writer: StateWriter;
let readers: ReturnType<typeof stateReaders>;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'state-writer-'));
  store = new EngineStore({ dataDir, synchronous: 'NORMAL' });
  writer = new StateWriter(store, () => NOW, store.events);
  readers = stateReaders(store);
});

/** One command, as the command queue runs it: its changes and events commit together, or none of them. */
function command(work: () => void): void {
  try {
    store.transaction(work);
  } catch (error) {
    store.invalidateCaches();
    throw error;
  }
}

afterEach(() => {
  store.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('jobs', () => {
  it('should apply a job through its lifecycle and log each event', () => {
    // given
    const job = aJob();
    // when
    command(() => {
      writer.append('JOB', 'CREATED', job);
      writer.append('JOB', 'ACTIVATED', { ...job, state: 'ACTIVATED', worker: 'w1', deadline: 1 });
      writer.append('JOB', 'COMPLETED', { ...job, state: 'COMPLETED' });
    });
    // then
    expect(readers.job(job.key)?.state).toBe('COMPLETED');
    expect(store.events.forProcessInstance(job.processInstanceKey).map((e) => `${e.valueType} ${e.intent}`)).toEqual([
      'JOB CREATED',
      'JOB ACTIVATED',
      'JOB COMPLETED',
    ]);
  });

  it('should refuse to activate a completed job, and roll back the whole command that tried', () => {
    // given
    const job = aJob();
    command(() => {
      writer.append('JOB', 'CREATED', job);
      writer.append('JOB', 'COMPLETED', { ...job, state: 'COMPLETED' });
    });
    // when
    const activate = () =>
      command(() => {
        writer.append('JOB', 'CREATED', { ...job, key: 11 });
        writer.append('JOB', 'ACTIVATED', { ...job, state: 'ACTIVATED' });
      });
    // then
    expect(activate).toThrow(`job ${job.key}: transition COMPLETED -> ACTIVATED is not allowed`);
    expect(readers.job(job.key)?.state).toBe('COMPLETED');
    expect(readers.job(11)).toBeUndefined();
    expect(store.events.forProcessInstance(job.processInstanceKey)).toHaveLength(2);
  });

  it('should refuse a change of a job that does not exist', () => {
    expect(() => command(() => writer.append('JOB', 'FAILED', { ...aJob(), state: 'FAILED' }))).toThrow('does not exist');
  });
});

describe('user tasks', () => {
  it('should allow an open task to be assigned, and refuse to complete a cancelled one', () => {
    // given
    const task = aUserTask();
    // when
    command(() => {
      writer.append('USER_TASK', 'CREATED', task);
      writer.append('USER_TASK', 'ASSIGNED', { ...task, assignee: 'zhang-min' });
      writer.append('USER_TASK', 'CANCELED', { ...task, assignee: 'zhang-min', state: 'CANCELED' });
    });
    // then
    expect(readers.userTask(task.key)?.assignee).toBe('zhang-min');
    expect(() => command(() => writer.append('USER_TASK', 'COMPLETED', { ...task, state: 'COMPLETED' }))).toThrow(
      `user task ${task.key}: transition CANCELED -> COMPLETED is not allowed`,
    );
    expect(readers.userTask(task.key)?.state).toBe('CANCELED');
  });
});

describe('join tokens', () => {
  const scopeKey = 100;
  const flowInto = (flowId: string, key: number) =>
    command(() =>
      writer.append('PROCESS_INSTANCE', 'SEQUENCE_FLOW_TAKEN', {
      key,
      flowId,
      flowScopeKey: scopeKey,
      processInstanceKey: scopeKey,
      targetElementId: 'join',
        joining: true,
      }),
    );

  it('should keep a token per flow taken into a join, and use one of each when the join activates', () => {
    // given
    flowInto('a-to-join', 201);
    flowInto('a-to-join', 202);
    flowInto('b-to-join', 203);
    expect(readers.joinTokens(scopeKey, 'join')).toEqual(new Map([['a-to-join', 2], ['b-to-join', 1]]));
    // when
    command(() => writer.append('PROCESS_INSTANCE', 'ELEMENT_ACTIVATING', anElementInstance(300, 'join', 'PARALLEL_GATEWAY')));
    // then
    expect(readers.joinTokens(scopeKey, 'join')).toEqual(new Map([['a-to-join', 1]]));
    expect(readers.joinsWithTokens(scopeKey)).toEqual(['join']);
  });

  it('should drop the tokens of a scope when its JOIN_TOKENS DISCARDED event is written', () => {
    // given
    flowInto('a-to-join', 201);
    // when
    command(() => writer.append('JOIN_TOKENS', 'DISCARDED', { key: scopeKey, processInstanceKey: scopeKey }));
    // then
    expect(readers.joinsWithTokens(scopeKey)).toEqual([]);
    expect(store.events.forProcessInstance(scopeKey).map((e) => `${e.valueType} ${e.intent}`)).toEqual([
      'PROCESS_INSTANCE SEQUENCE_FLOW_TAKEN',
      'JOIN_TOKENS DISCARDED',
    ]);
  });
});

// helpers

function aJob(): JobRecord {
  return {
    key: 10,
    type: 'check-materials',
    state: 'CREATED',
    retries: 3,
    worker: null,
    deadline: null,
    retryAt: null,
    errorMessage: null,
    errorCode: null,
    endTime: null,
    customHeaders: {},
    elementInstanceKey: 9,
    elementId: 'check',
    processInstanceKey: 1,
    processDefinitionKey: 2,
    bpmnProcessId: 'probe',
    version: 1,
    tenantId: '<default>',
    createdAt: NOW,
  };
}

function aUserTask(): UserTaskRecord {
  return {
    key: 20,
    name: '初审',
    state: 'CREATED',
    assignee: null,
    candidateGroups: ['window-first-review'],
    candidateUsers: [],
    dueDate: null,
    followUpDate: null,
    priority: 50,
    formKey: null,
    externalFormReference: null,
    customHeaders: {},
    elementId: 'review',
    elementInstanceKey: 19,
    processInstanceKey: 1,
    processDefinitionKey: 2,
    bpmnProcessId: 'probe',
    version: 1,
    processName: 'probe',
    tenantId: '<default>',
    creationDate: NOW,
    completionDate: null,
    completedBy: null,
  };
}

function anElementInstance(key: number, elementId: string, elementType: ElementInstanceRecord['elementType']): ElementInstanceRecord {
  return {
    key,
    processInstanceKey: 100,
    processDefinitionKey: 2,
    bpmnProcessId: 'probe',
    elementId,
    elementName: null,
    elementType,
    flowScopeKey: 100,
    state: 'ACTIVATING',
    startDate: NOW,
    endDate: null,
    tenantId: '<default>',
    incidentKey: null,
  };
}
