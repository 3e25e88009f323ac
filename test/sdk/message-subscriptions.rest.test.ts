/**
 * Conformance: message subscriptions (`POST /v2/message-subscriptions/search`) and correlated message
 * subscriptions (`POST /v2/correlated-message-subscriptions/search`), through @camunda8/orchestration-cluster-api's
 * client (the SDK's CamundaRestClient has no method for them), with problems and authorization over plain HTTP.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bpmnProcess, flow } from '../support/bpmn.js';
import { deploy, startEngine, type EngineFixture } from '../support/engine-fixture.js';
import { SEARCHES } from '../support/searches.js';

const KEY = /^\d+$/;
const NO_WAIT = { consistency: { waitUpToMs: 0 } } as const;
const T0 = Date.parse('2026-03-02T01:00:00Z');

let engine: EngineFixture;
const run = randomUUID().slice(0, 8);
/** 补件: the case waits for the applicant's supplementary materials, keyed by case number. */
const waiting = `msgsubs-wait-${run}`;
const supplement = `补件-${run}`;
/** A review task with a non-interrupting 催办 (reminder) boundary and an interrupting 撤回 (withdrawal) boundary. */
const review = `msgsubs-review-${run}`;
const reminder = `催办-${run}`;
const withdrawal = `撤回-${run}`;
/** Started by an online application message. */
const online = `msgsubs-start-${run}`;
const application = `网上申请-${run}`;

const message = (id: string, name: string) =>
  `<bpmn:message id="${id}" name="${name}"><bpmn:extensionElements><zeebe:subscription correlationKey="=caseId"/></bpmn:extensionElements></bpmn:message>`;
const withRoots = (xml: string, roots: string) => xml.replace('</bpmn:process>', '</bpmn:process>' + roots);
const userTask = (id: string) => `<bpmn:userTask id="${id}"><bpmn:extensionElements><zeebe:userTask/></bpmn:extensionElements></bpmn:userTask>`;

const oca = () => engine.camunda.getOrchestrationClusterApiClientLoose();

beforeAll(async () => {
  engine = await startEngine();
  await engine.client.pinInternalClock(T0);
  await deploy(engine.client, [
    {
      name: 'msgsubs-wait.bpmn',
      content: withRoots(
        bpmnProcess(waiting, `<bpmn:startEvent id="s"/>${flow('f1', 's', 'materials')}
<bpmn:intermediateCatchEvent id="materials" name="等待补件"><bpmn:messageEventDefinition messageRef="m"/></bpmn:intermediateCatchEvent>${flow('f2', 'materials', 'e')}
<bpmn:endEvent id="e"/>`),
        message('m', supplement),
      ),
    },
    {
      name: 'msgsubs-review.bpmn',
      content: withRoots(
        bpmnProcess(review, `<bpmn:startEvent id="s"/>${flow('f1', 's', 'u')}${userTask('u')}${flow('f2', 'u', 'e')}
<bpmn:boundaryEvent id="remind" attachedToRef="u" cancelActivity="false"><bpmn:messageEventDefinition messageRef="r"/></bpmn:boundaryEvent>${flow('f3', 'remind', 'e3')}
<bpmn:boundaryEvent id="withdraw" attachedToRef="u"><bpmn:messageEventDefinition messageRef="w"/></bpmn:boundaryEvent>${flow('f4', 'withdraw', 'e2')}
<bpmn:endEvent id="e"/><bpmn:endEvent id="e2"/><bpmn:endEvent id="e3"/>`),
        message('r', reminder) + message('w', withdrawal),
      ),
    },
    {
      name: 'msgsubs-start.bpmn',
      content: withRoots(
        bpmnProcess(online, `<bpmn:startEvent id="s"><bpmn:messageEventDefinition messageRef="st"/></bpmn:startEvent>${flow('f1', 's', 'u')}${userTask('u')}${flow('f2', 'u', 'e')}
<bpmn:endEvent id="e"/>`),
        `<bpmn:message id="st" name="${application}"/>`,
      ),
    },
  ]);
});

afterAll(async () => {
  await engine.stop();
});

describe('POST /v2/message-subscriptions/search', () => {
  it('should list what a waiting case waits for, then the subscription as CORRELATED once the message arrived', async () => {
    // given
    const processInstanceKey = await start(waiting, { caseId: 'BJ-1' });

    // when
    const open = await oca().searchMessageSubscriptions({ filter: { processInstanceKey: processInstanceKey as never } }, NO_WAIT);
    await engine.client.pinInternalClock(T0 + 60_000);
    await engine.client.publishMessage({ name: supplement, correlationKey: 'BJ-1', variables: { pages: 3 } } as never);
    const after = await vi.waitFor(async () => {
      const found = await oca().searchMessageSubscriptions({ filter: { processInstanceKey: processInstanceKey as never } }, NO_WAIT);
      expect(found.items![0]?.messageSubscriptionState).toBe('CORRELATED');
      return found;
    }, SEARCHES);

    // then
    expect(open.page.totalItems).toBe(1);
    const [subscription] = open.items!;
    expect(subscription).toMatchObject({
      processDefinitionId: waiting,
      processInstanceKey,
      elementId: 'materials',
      messageSubscriptionState: 'CREATED',
      messageName: supplement,
      correlationKey: 'BJ-1',
      tenantId: '<default>',
      lastUpdatedDate: new Date(T0).toISOString(),
    });
    expect(subscription!.messageSubscriptionKey).toMatch(KEY);
    expect(subscription!.elementInstanceKey).toMatch(KEY);
    expect(subscription!.processDefinitionKey).toMatch(KEY);
    expect(after.items).toMatchObject([
      { messageSubscriptionKey: subscription!.messageSubscriptionKey, messageSubscriptionState: 'CORRELATED', lastUpdatedDate: new Date(T0 + 60_000).toISOString() },
    ]);
  });

  it('should show a subscription closed with its case as DELETED, and filter by state and by message name pattern', async () => {
    // given
    const cancelled = await start(waiting, { caseId: 'BJ-2' });
    const open = await start(waiting, { caseId: 'BJ-3' });
    await engine.client.cancelProcessInstance({ processInstanceKey: cancelled });
    const cases = { $in: [cancelled, open] } as never;

    // the searches lag behind the commands on a cluster: read and check again until they show it
    await vi.waitFor(async () => {
      // when
      const deleted = await oca().searchMessageSubscriptions({ filter: { processInstanceKey: cases, messageSubscriptionState: 'DELETED' } }, NO_WAIT);
      const stillOpen = await oca().searchMessageSubscriptions(
        { filter: { processInstanceKey: cases, messageSubscriptionState: { $in: ['CREATED', 'MIGRATED'] }, messageName: { $like: '补件*' } } },
        NO_WAIT,
      );

      // then
      expect(deleted.items!.map((s) => s.processInstanceKey)).toEqual([cancelled]);
      expect(stillOpen.items!.map((s) => s.processInstanceKey)).toEqual([open]);
    }, SEARCHES);
  });

  it('should sort and page with cursors', async () => {
    // given
    const keys = [];
    for (const caseId of ['P-1', 'P-2', 'P-3']) keys.push(await start(waiting, { caseId }));
    const request = { filter: { processInstanceKey: { $in: keys } as never }, sort: [{ field: 'correlationKey' as const, order: 'DESC' as const }] };

    // when
    const first = await oca().searchMessageSubscriptions({ ...request, page: { limit: 2 } }, NO_WAIT);
    const rest = await oca().searchMessageSubscriptions({ ...request, page: { after: first.page.endCursor!, limit: 2 } as never }, NO_WAIT);

    // then
    expect(first.page.totalItems).toBe(3);
    expect([...first.items!, ...rest.items!].map((s) => s.correlationKey)).toEqual(['P-3', 'P-2', 'P-1']);
  });

  it('should not list message start events (Camunda 8.8 lists process message subscriptions only)', async () => {
    // when
    const result = await oca().searchMessageSubscriptions({ filter: { processDefinitionId: online } }, NO_WAIT);

    // then
    expect(result.items).toEqual([]);
  });

  it('should answer a state Camunda 8.8 does not know, an unknown operator and an unknown sort field with a 400 naming the field', async () => {
    // when
    const badState = await search('/v2/message-subscriptions/search', { filter: { messageSubscriptionState: 'WAITING' } });
    const badStateIn = await search('/v2/message-subscriptions/search', { filter: { messageSubscriptionState: { $in: ['CREATED', 'OPEN'] } } });
    const badOperator = await search('/v2/message-subscriptions/search', { filter: { messageName: { $regex: '补件' } } });
    const badSort = await search('/v2/message-subscriptions/search', { sort: [{ field: 'creationDate' }] });
    const badField = await search('/v2/message-subscriptions/search', { filter: { subscriptionKey: '1' } });
    const badStateInOr = await search('/v2/message-subscriptions/search', { filter: { $or: [{ messageName: '补件' }, { messageSubscriptionState: 'WAITING' }] } });

    // then
    for (const answer of [badState, badStateIn, badOperator, badSort, badField, badStateInOr]) {
      expect(answer.status).toBe(400);
      expect(answer.contentType).toContain('application/problem+json');
    }
    expect(badState.body.detail).toContain('filter.messageSubscriptionState');
    expect(badState.body.detail).toContain('CORRELATED, CREATED, DELETED, MIGRATED');
    expect(badStateIn.body.detail).toContain('filter.messageSubscriptionState');
    expect(badStateInOr.body.detail).toContain('filter.$or.1.messageSubscriptionState');
    expect(badOperator.body.detail).toContain('$regex');
    expect(badSort.body.detail).toContain('creationDate');
    expect(badField.body.detail).toContain('subscriptionKey');
  });
});

describe('POST /v2/correlated-message-subscriptions/search', () => {
  it('should list a correlation to a waiting catch event with the message and the subscription', async () => {
    // given
    const processInstanceKey = await start(waiting, { caseId: 'BJ-10' });
    const [subscription] = (await oca().searchMessageSubscriptions({ filter: { processInstanceKey: processInstanceKey as never } }, NO_WAIT)).items!;
    await engine.client.pinInternalClock(T0 + 120_000);
    const published = await engine.client.publishMessage({ name: supplement, correlationKey: 'BJ-10', variables: {} } as never);

    // the searches lag behind the commands on a cluster: read and check again until they show it
    await vi.waitFor(async () => {
      // when
      const result = await oca().searchCorrelatedMessageSubscriptions({ filter: { processInstanceKey: processInstanceKey as never } }, NO_WAIT);

      // then
      expect(result.page.totalItems).toBe(1);
      expect(result.items![0]).toEqual({
        correlationKey: 'BJ-10',
        correlationTime: new Date(T0 + 120_000).toISOString(),
        elementId: 'materials',
        elementInstanceKey: subscription!.elementInstanceKey,
        messageKey: published.messageKey,
        messageName: supplement,
        partitionId: 1,
        processDefinitionId: waiting,
        processDefinitionKey: subscription!.processDefinitionKey,
        processInstanceKey,
        subscriptionKey: subscription!.messageSubscriptionKey,
        tenantId: '<default>',
      });
    }, SEARCHES);
  });

  it('should list every message a non-interrupting boundary took, and the interrupting one that ended the task', async () => {
    // given
    const processInstanceKey = await start(review, { caseId: 'R-1' });
    await engine.client.publishMessage({ name: reminder, correlationKey: 'R-1', variables: {} } as never);
    await engine.client.publishMessage({ name: reminder, correlationKey: 'R-1', variables: {} } as never);
    await expect.poll(async () => (await oca().searchCorrelatedMessageSubscriptions({ filter: { processInstanceKey: processInstanceKey as never } }, NO_WAIT)).page.totalItems).toBe(2);
    const beforeWithdrawal = await oca().searchMessageSubscriptions({ filter: { processInstanceKey: processInstanceKey as never }, sort: [{ field: 'elementId' }] }, NO_WAIT);
    await engine.client.publishMessage({ name: withdrawal, correlationKey: 'R-1', variables: {} } as never);

    // the searches lag behind the commands on a cluster: read and check again until they show it
    await vi.waitFor(async () => {
      // when
      const correlated = await oca().searchCorrelatedMessageSubscriptions(
        { filter: { processInstanceKey: processInstanceKey as never }, sort: [{ field: 'messageName' }, { field: 'messageKey' }] },
        NO_WAIT,
      );
      const subscriptions = await oca().searchMessageSubscriptions({ filter: { processInstanceKey: processInstanceKey as never }, sort: [{ field: 'elementId' }] }, NO_WAIT);

      // then: the reminder twice (one subscription), the withdrawal once; the reminder's subscription closed with the task
      expect(beforeWithdrawal.items!.map((s) => [s.elementId, s.messageSubscriptionState])).toEqual([
        ['remind', 'CORRELATED'],
        ['withdraw', 'CREATED'],
      ]);
      expect(correlated.items!.map((c) => [c.elementId, c.messageName])).toEqual([
        ['remind', reminder],
        ['remind', reminder],
        ['withdraw', withdrawal],
      ]);
      expect(correlated.items![0]!.subscriptionKey).toBe(correlated.items![1]!.subscriptionKey);
      expect(correlated.items![0]!.messageKey).not.toBe(correlated.items![1]!.messageKey);
      expect(subscriptions.items!.map((s) => [s.elementId, s.messageSubscriptionState])).toEqual([
        ['remind', 'DELETED'],
        ['withdraw', 'CORRELATED'],
      ]);
    }, SEARCHES);
  });

  it('should page with cursors through correlations of one subscription, which no API field tells apart', async () => {
    // given: three reminders to one non-interrupting boundary (same subscription, same message name and key)
    const processInstanceKey = await start(review, { caseId: 'R-2' });
    for (let i = 0; i < 3; i++) await engine.client.publishMessage({ name: reminder, correlationKey: 'R-2', variables: {} } as never);
    const request = { filter: { processInstanceKey: processInstanceKey as never }, sort: [{ field: 'subscriptionKey' as const }] };
    await expect.poll(async () => (await oca().searchCorrelatedMessageSubscriptions(request, NO_WAIT)).page.totalItems).toBe(3);

    // when
    const seen: string[] = [];
    let after: string | undefined;
    for (let i = 0; i < 4; i++) {
      const page = await oca().searchCorrelatedMessageSubscriptions({ ...request, page: { limit: 1, ...(after ? { after } : {}) } as never }, NO_WAIT);
      seen.push(...page.items!.map((c) => c.messageKey));
      if (page.items!.length === 0) break;
      after = String(page.page.endCursor);
    }

    // then: each correlation once
    expect(seen).toHaveLength(3);
    expect(new Set(seen).size).toBe(3);
  });

  it('should list the message that started a case at a message start event, without an element instance', async () => {
    // given
    await engine.client.pinInternalClock(T0 + 180_000);
    const published = await engine.client.publishMessage({ name: application, correlationKey: 'W-1', variables: { applicant: '张三' } } as never);

    // the searches lag behind the commands on a cluster: read and check again until they show it
    await vi.waitFor(async () => {
      // when
      const result = await oca().searchCorrelatedMessageSubscriptions({ filter: { processDefinitionId: online, messageKey: published.messageKey as never } }, NO_WAIT);

      // then
      expect(result.items).toHaveLength(1);
      const [correlation] = result.items!;
      expect(correlation).toMatchObject({ elementId: 's', messageName: application, correlationKey: 'W-1', correlationTime: new Date(T0 + 180_000).toISOString() });
      expect(correlation!.elementInstanceKey).toBeUndefined();
      expect(correlation!.subscriptionKey).toMatch(KEY);
      const started = await engine.client.searchProcessInstances({ filter: { processInstanceKey: correlation!.processInstanceKey } } as never);
      expect(started.items[0]!.processDefinitionId).toBe(online);
    }, SEARCHES);
  });

  it('should filter by correlation time and partition, sort by it descending and page by offset', async () => {
    // given
    const keys = [];
    for (const [i, caseId] of ['T-1', 'T-2', 'T-3'].entries()) {
      keys.push(await start(waiting, { caseId }));
      await engine.client.pinInternalClock(T0 + 3_600_000 + i * 1000);
      await engine.client.publishMessage({ name: supplement, correlationKey: caseId, variables: {} } as never);
    }
    const filter = { processInstanceKey: { $in: keys } as never, partitionId: 1, correlationTime: { $gte: new Date(T0 + 3_601_000).toISOString() } };

    // the searches lag behind the commands on a cluster: read and check again until they show it
    await vi.waitFor(async () => {
      // when
      const first = await oca().searchCorrelatedMessageSubscriptions({ filter, sort: [{ field: 'correlationTime', order: 'DESC' }], page: { from: 0, limit: 1 } }, NO_WAIT);
      const second = await oca().searchCorrelatedMessageSubscriptions({ filter, sort: [{ field: 'correlationTime', order: 'DESC' }], page: { from: 1, limit: 1 } }, NO_WAIT);

      // then
      expect(first.page.totalItems).toBe(2);
      expect([...first.items!, ...second.items!].map((c) => c.correlationKey)).toEqual(['T-3', 'T-2']);
    }, SEARCHES);
  });

  it('should answer an unknown operator and an unknown sort field with a 400 naming the field', async () => {
    // when
    const badOperator = await search('/v2/correlated-message-subscriptions/search', { filter: { correlationTime: { $after: '2026-01-01T00:00:00Z' } } });
    const badSort = await search('/v2/correlated-message-subscriptions/search', { sort: [{ field: 'messageSubscriptionKey' }] });
    const badKey = await search('/v2/correlated-message-subscriptions/search', { filter: { messageKey: 'abc' } });

    // then
    for (const answer of [badOperator, badSort, badKey]) expect(answer.status).toBe(400);
    expect(badOperator.body.detail).toContain('$after');
    expect(badSort.body.detail).toContain('messageSubscriptionKey');
    expect(badKey.body.detail).toContain('messageKey');
  });
});

describe('authorization', () => {
  it('should answer a clerk, who holds READ_PROCESS_INSTANCE on no process, an empty page, and a manager the subscription', async () => {
    // given
    const processInstanceKey = await start(waiting, { caseId: 'A-1' });
    const clerk = { username: 'zhang-min', password: 'demo' };
    const manager = { username: 'sun-qiang', password: 'demo' };

    // when
    const clerkSubscriptions = await search('/v2/message-subscriptions/search', {}, clerk);
    const clerkCorrelations = await search('/v2/correlated-message-subscriptions/search', {}, clerk);
    const anonymous = await search('/v2/message-subscriptions/search', {}, null);
    const managerSubscriptions = await search('/v2/message-subscriptions/search', { filter: { processInstanceKey } }, manager);

    // then
    expect([clerkSubscriptions.status, clerkSubscriptions.body]).toEqual([200, { items: [], page: { totalItems: 0, hasMoreTotalItems: false } }]);
    expect([clerkCorrelations.status, clerkCorrelations.body]).toEqual([200, { items: [], page: { totalItems: 0, hasMoreTotalItems: false } }]);
    expect(anonymous.status).toBe(401);
    expect(managerSubscriptions.status).toBe(200);
    expect((managerSubscriptions.body as { items: unknown[] }).items).toHaveLength(1);
  });
});

// helpers

/** Starts a case and waits until the searches show what it waits for (on a cluster they lag behind the commands). */
async function start(processDefinitionId: string, variables: Record<string, unknown>): Promise<string> {
  const { processInstanceKey } = await engine.client.createProcessInstance({ processDefinitionId, variables });
  await expect.poll(async () => (await oca().searchMessageSubscriptions({ filter: { processInstanceKey: processInstanceKey as never } }, NO_WAIT)).page.totalItems).toBeGreaterThan(0);
  return processInstanceKey;
}

async function search(path: string, body: unknown, as?: { username: string; password: string } | null) {
  const response = await engine.fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), ...(as === undefined ? {} : { as }) });
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    body: (await response.json()) as { detail?: string; items?: unknown[] },
  };
}
