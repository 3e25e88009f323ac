/**
 * A model shaped like the Xining models (docs/modeling-conventions.md), black-box through @camunda8/sdk: root
 * elements are a collaboration (one participant) and the process it references, with a lane set and full DI
 * (written by scripts/layout); the office task shows the case deadline (`zeebe:taskSchedule dueDate="=dueDate"`)
 * and carries two non-interrupting timer boundary events with FEEL `timeDate`s (`=reminderDate`, `=dueDate`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layoutBpmnXml } from '../../../scripts/layout/layout-bpmn-xml.js';
import { deploy, startEngine, type EngineFixture } from '../../support/engine-fixture.js';

const T0 = Date.parse('2026-03-02T08:00:00Z');
const REMINDER = '2026-03-18T17:00:00+08:00';
const DUE = '2026-03-20T17:00:00+08:00';

let engine: EngineFixture;
let deployment: Awaited<ReturnType<typeof deploy>>;

beforeAll(async () => {
  engine = await startEngine();
  await engine.client.pinInternalClock(T0);
  deployment = await deploy(engine.client, [{ name: 'lanes-deadline.bpmn', content: await layoutBpmnXml(MODEL) }]);
});

afterAll(async () => {
  await engine.client.resetClock();
  await engine.stop();
});

describe('collaboration with lanes and deadline timers', () => {
  it('should deploy the process the participant references, and only it', () => {
    // then
    expect(deployment.processes.map((p) => p.processDefinitionId)).toEqual(['lanes-deadline']);
  });

  it('should show the FEEL due date on the user task, take the reminder path and open 超期督办 while the task stays open', async () => {
    // given
    const { processInstanceKey } = await engine.client.createProcessInstance({
      processDefinitionId: 'lanes-deadline',
      variables: { reminderDate: REMINDER, dueDate: DUE },
    });
    await expect.poll(async () => (await openTasks(processInstanceKey)).map((t) => t.elementId), { message: 'review task' }).toContain('review');
    const review = (await openTasks(processInstanceKey)).find((t) => t.elementId === 'review')!;
    expect(Date.parse(review.dueDate!)).toBe(Date.parse(DUE));

    // when
    await engine.client.pinInternalClock(Date.parse(REMINDER));

    // then
    await expect.poll(() => completedElements(processInstanceKey), { message: '已提醒' }).toContain('endReminded');
    expect((await openTasks(processInstanceKey)).map((t) => t.elementId)).toEqual(['review']);

    // when
    await engine.client.pinInternalClock(Date.parse(DUE));

    // then
    await expect.poll(async () => (await openTasks(processInstanceKey)).map((t) => t.elementId), { message: '超期督办' }).toContain('supervise');
    expect((await openTasks(processInstanceKey)).map((t) => t.elementId).sort()).toEqual(['review', 'supervise']);
    expect((await engine.client.getUserTask(review.userTaskKey)).state).toBe('CREATED');
  });
});

// helpers

async function openTasks(processInstanceKey: string) {
  const { items } = await engine.client.searchUserTasks({ filter: { processInstanceKey, state: 'CREATED' } });
  return items;
}

async function completedElements(processInstanceKey: string): Promise<string[]> {
  const { items } = await engine.client.searchElementInstances({ filter: { processInstanceKey, state: 'COMPLETED' } });
  return items.map((i) => i.elementId);
}

const MODEL = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
  xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="definitions-lanes-deadline" targetNamespace="http://bpmn.io/schema/bpmn"
  modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.8.0">
  <bpmn:collaboration id="collaboration">
    <bpmn:participant id="pool" name="泳道与时限" processRef="lanes-deadline" />
  </bpmn:collaboration>
  <bpmn:process id="lanes-deadline" name="泳道与时限" isExecutable="true">
    <bpmn:laneSet id="laneSet">
      <bpmn:lane id="laneWindow" name="窗口初审">
        <bpmn:flowNodeRef>start</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>review</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>reminderTimer</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>dueTimer</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>endReminded</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>end</bpmn:flowNodeRef>
      </bpmn:lane>
      <bpmn:lane id="laneSupervisor" name="稽核 / 科长">
        <bpmn:flowNodeRef>supervise</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>endSupervised</bpmn:flowNodeRef>
      </bpmn:lane>
    </bpmn:laneSet>
    <bpmn:startEvent id="start" name="受理" />
    <bpmn:userTask id="review" name="初审">
      <bpmn:extensionElements>
        <zeebe:userTask />
        <zeebe:assignmentDefinition candidateGroups="window-first-review" />
        <zeebe:taskSchedule dueDate="=dueDate" />
      </bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:boundaryEvent id="reminderTimer" name="提醒" cancelActivity="false" attachedToRef="review">
      <bpmn:timerEventDefinition id="reminderTimerDefinition"><bpmn:timeDate>=reminderDate</bpmn:timeDate></bpmn:timerEventDefinition>
    </bpmn:boundaryEvent>
    <bpmn:boundaryEvent id="dueTimer" name="超期" cancelActivity="false" attachedToRef="review">
      <bpmn:timerEventDefinition id="dueTimerDefinition"><bpmn:timeDate>=dueDate</bpmn:timeDate></bpmn:timerEventDefinition>
    </bpmn:boundaryEvent>
    <bpmn:endEvent id="endReminded" name="已提醒" />
    <bpmn:userTask id="supervise" name="超期督办">
      <bpmn:extensionElements>
        <zeebe:userTask />
        <zeebe:assignmentDefinition candidateGroups="supervisor" />
      </bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:endEvent id="endSupervised" name="督办完毕" />
    <bpmn:endEvent id="end" name="办结" />
    <bpmn:sequenceFlow id="toReview" sourceRef="start" targetRef="review" />
    <bpmn:sequenceFlow id="toEnd" sourceRef="review" targetRef="end" />
    <bpmn:sequenceFlow id="toEndReminded" sourceRef="reminderTimer" targetRef="endReminded" />
    <bpmn:sequenceFlow id="toSupervise" sourceRef="dueTimer" targetRef="supervise" />
    <bpmn:sequenceFlow id="toEndSupervised" sourceRef="supervise" targetRef="endSupervised" />
  </bpmn:process>
</bpmn:definitions>`;
