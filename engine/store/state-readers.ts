/**
 * The engine's named readers (engine/state/readers.ts) over the SQLite tables: every query a command runs is
 * written here, so nothing above the store holds SQL. The readers the command path runs after every step (active
 * children, variables, what an element instance owns) read the store's in-memory indexes instead.
 */
import type { EngineReaders, VersionedKind } from '../state/readers.js';
import type { BatchOperationItemRecord, JobRecord, MessageSubscriptionRecord } from '../state/records.js';
import type { EngineStore } from './engine-store.js';

const ACTIVE = `('ACTIVATING', 'ACTIVATED', 'COMPLETING', 'TERMINATING')`;

export function stateReaders(store: EngineStore): EngineReaders {
  const s = store;
  return {
    // deployments
    processDefinition: (key) => s.processDefinitions.get(key),
    latestProcessDefinition: (bpmnProcessId, tenantId) => s.latestProcessDefinitions.get(bpmnProcessId, tenantId),
    processDefinitionVersion: (bpmnProcessId, tenantId, version) =>
      s.processDefinitions.first('bpmn_process_id = ? AND tenant_id = ? AND version = ?', bpmnProcessId, tenantId, version),
    processDefinitions: () => s.processDefinitions.where('1 = 1 ORDER BY key'),
    resource: (key) => s.resources.get(key),
    form: (key) => s.forms.get(key),
    latestForm: (formId, tenantId) => s.forms.first('form_id = ? AND tenant_id = ? ORDER BY version DESC', formId, tenantId),
    decisionRequirements: (key) => s.decisionRequirements.get(key),
    latestDecisionRequirements: (id, tenantId) =>
      s.decisionRequirements.first('decision_requirements_id = ? AND tenant_id = ? ORDER BY version DESC', id, tenantId),
    allDecisionRequirements: () => s.decisionRequirements.where('1 = 1 ORDER BY key'),
    decisionDefinition: (key) => s.decisionDefinitions.get(key),
    latestDecision: (decisionId, tenantId) =>
      s.decisionDefinitions.first('decision_id = ? AND tenant_id = ? ORDER BY version DESC', decisionId, tenantId),
    latestDecisionWithTag: (decisionId, tenantId, versionTag) =>
      s.decisionDefinitions.first('decision_id = ? AND tenant_id = ? AND version_tag = ? ORDER BY version DESC', decisionId, tenantId, versionTag),
    decisionOfDeployment: (decisionId, tenantId, deploymentKey) =>
      s.decisionDefinitions.first(
        'decision_id = ? AND tenant_id = ? AND key IN (SELECT decision_key FROM deployment_decisions WHERE deployment_key = ?)',
        decisionId,
        tenantId,
        deploymentKey,
      ),
    decisionOfRequirements: (decisionId, decisionRequirementsKey) =>
      s.decisionDefinitions.first('decision_id = ? AND decision_requirements_key = ?', decisionId, decisionRequirementsKey),
    decisionsOfRequirements: (decisionRequirementsKey) => s.decisionDefinitions.where('decision_requirements_key = ? ORDER BY key', decisionRequirementsKey),
    nextVersion: (kind: VersionedKind, tenantId, id) => s.versions.next(kind, tenantId, id),

    // process and element instances
    processInstance: (key) => s.processInstances.get(key),
    runningInstanceCount: (processDefinitionKey) => s.processInstances.count(`process_definition_key = ? AND state = 'ACTIVE'`, processDefinitionKey),
    calledProcessInstance: (callActivityKey) => {
      const child = s.processInstances.first(`parent_element_instance_key = ? AND state = 'ACTIVE'`, callActivityKey);
      return child ? s.elementInstances.get(child.key) : undefined;
    },
    elementInstance: (key) => s.elementInstances.get(key),
    activeChildren: (flowScopeKey) => s.indexes.activeChildren.members(flowScopeKey),
    children: (flowScopeKey) => s.elementInstances.where('flow_scope_key = ? ORDER BY key', flowScopeKey),
    activeElementInstances: (processInstanceKey) =>
      s.elementInstances.where(`process_instance_key = ? AND state IN ${ACTIVE} ORDER BY key`, processInstanceKey),
    activatedInstancesOf: (processInstanceKey, elementId) =>
      s.elementInstances.where(`process_instance_key = ? AND element_id = ? AND state = 'ACTIVATED' ORDER BY key`, processInstanceKey, elementId),

    // variables and joins
    // by name, as the (scope_key, name) index used to give them
    variablesOf: (scopeKey) => s.indexes.variables.members(scopeKey).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    variable: (scopeKey, name) => s.indexes.variables.find(scopeKey, (v) => v.name === name),
    latestVariableOfProcessInstance: (processInstanceKey, name) => {
      // the case's own scope holds one variable per name; inner scopes may hold more
      let latest = s.indexes.variables.find(processInstanceKey, (v) => v.name === name);
      for (const variable of s.indexes.innerScopeVariables.members(processInstanceKey)) {
        if (variable.name === name && (!latest || variable.key > latest.key)) latest = variable;
      }
      return latest;
    },
    joinTokens: (flowScopeKey, elementId) => s.joinTokens.waiting(flowScopeKey, elementId),
    joinsWithTokens: (flowScopeKey) => s.joinTokens.joinsWithTokens(flowScopeKey),

    // jobs and user tasks
    job: (key) => s.jobs.get(key),
    jobForElement: (elementInstanceKey) => s.indexes.jobs.members(elementInstanceKey).at(-1),
    // from memory: a query here, once per new long poll, would write the projection's held rows inside the command
    activatableJobs: (type, tenantIds, now, limit) =>
      s.indexes.openJobsByType.select(
        s.jobTypeIds.of(type),
        (job) =>
          tenantIds.includes(job.tenantId) &&
          (job.state === 'CREATED' ||
            (job.state === 'FAILED' && job.retries > 0 && (job.retryAt === null || job.retryAt <= now)) ||
            (job.state === 'ACTIVATED' && job.deadline !== null && job.deadline <= now)),
        limit,
      ),
    nextJobWakeUp: () => s.indexes.jobWakeUps.next(),
    jobTypesDueBetween: (since, now) => s.indexes.jobWakeUps.typesDueBetween(since, now),
    expiredJobLocks: (now) =>
      s.indexes.jobWakeUps
        .locksDueBy(now)
        .map((key) => s.jobs.get(key))
        .filter((job): job is JobRecord => job?.state === 'ACTIVATED' && job.deadline !== null && job.deadline <= now),
    userTask: (key) => s.userTasks.get(key),
    userTaskForElement: (elementInstanceKey) => s.indexes.userTasks.members(elementInstanceKey).at(-1),
    userTaskCompletedBy: (processInstanceKey, elementId, username) =>
      s.indexes.completedUserTasks.find(processInstanceKey, (task) => task.elementId === elementId && task.completedBy === username),

    // incidents
    incident: (key) => s.incidents.get(key),
    activeIncidentsOfElement: (elementInstanceKey) => s.indexes.activeIncidents.members(elementInstanceKey),
    activeIncidentsOfProcessInstance: (processInstanceKey) =>
      s.incidents.where(`process_instance_key = ? AND state = 'ACTIVE' ORDER BY key`, processInstanceKey),

    // timers
    timer: (key) => s.timers.get(key),
    timersOf: (elementInstanceKey) => s.indexes.timers.members(elementInstanceKey),
    // from memory: the scheduler asks after every round, and a query would write the projection's held rows each time
    dueTimers: (now, limit) => s.indexes.timerDueDates.due(now, limit).map((key) => s.timers.get(key)!),
    nextTimerDue: () => s.indexes.timerDueDates.next(),
    startTimersOf: (bpmnProcessId, tenantId) =>
      s.timers.where('element_instance_key IS NULL AND bpmn_process_id = ? AND tenant_id = ?', bpmnProcessId, tenantId),
    startTimersOfDefinition: (processDefinitionKey) => s.timers.where('element_instance_key IS NULL AND process_definition_key = ?', processDefinitionKey),

    // messages
    messageSubscriptionsOf: (elementInstanceKey) => s.indexes.messageSubscriptions.members(elementInstanceKey),
    messageSubscriptionsFor: (messageName, correlationKey, tenantId) =>
      s.indexes.messageSubscriptionsByCorrelation.waitingFor(messageName, correlationKey, tenantId),
    // buffered messages, their correlations, message start and signal subscriptions from memory: a query would write
    // the projection's held rows inside the command
    bufferedMessageFor: (subscription: MessageSubscriptionRecord, now) => {
      const { messageName, correlationKey, tenantId, processInstanceKey } = subscription;
      for (const { key } of s.indexes.bufferedMessages.live(messageName, correlationKey, tenantId, now)) {
        if (!s.messageCorrelationIndex.reachedInstance(key, processInstanceKey)) return s.messages.get(key);
      }
      return undefined;
    },
    bufferedMessageWithId: (name, correlationKey, messageId, tenantId, now) => {
      const buffered = s.indexes.bufferedMessages.live(name, correlationKey, tenantId, now).find((message) => message.messageId === messageId);
      return buffered && s.messages.get(buffered.key);
    },
    expiredMessages: (now, limit) => s.indexes.bufferedMessages.expired(now, limit).map((key) => s.messages.get(key)!),
    messageStartSubscriptionsFor: (messageName, tenantId) => s.indexes.messageStartSubscriptionsByName.withName(messageName, tenantId),
    messageStartSubscriptionsOf: (bpmnProcessId, tenantId) =>
      s.indexes.messageStartSubscriptionsByName.select((r) => r.bpmnProcessId === bpmnProcessId && r.tenantId === tenantId),
    messageStartSubscriptionsOfDefinition: (processDefinitionKey) =>
      s.indexes.messageStartSubscriptionsByName.select((r) => r.processDefinitionKey === processDefinitionKey),
    instancesStartedByMessage: (bpmnProcessId, correlationKey) => s.messageCorrelationIndex.startedInstances(bpmnProcessId, correlationKey),

    // signals
    signalSubscription: (key) => s.signalSubscriptions.get(key),
    signalSubscriptionsOf: (elementInstanceKey) => s.indexes.signalSubscriptions.members(elementInstanceKey),
    signalSubscriptionsFor: (signalName, tenantId) => s.indexes.signalSubscriptionsByName.withName(signalName, tenantId),
    signalStartSubscriptionsOf: (bpmnProcessId, tenantId) =>
      s.indexes.signalSubscriptionsByName.select((r) => r.elementInstanceKey === null && r.bpmnProcessId === bpmnProcessId && r.tenantId === tenantId),
    signalStartSubscriptionsOfDefinition: (processDefinitionKey) =>
      s.indexes.signalSubscriptionsByName.select((r) => r.elementInstanceKey === null && r.processDefinitionKey === processDefinitionKey),

    // batch operations
    batchOperation: (key) => s.batchOperations.get(key),
    batchOperationItem: (key) => s.batchOperationItems.get(key),
    nextBatchOperationItem: () => {
      const operation = s.batchOperations.first(`state = 'ACTIVE' ORDER BY key`);
      return operation ? s.batchOperationItems.first(`batch_operation_key = ? AND state = 'ACTIVE' ORDER BY key`, operation.key) : undefined;
    },
    activeItemsOf: (batchOperationKey) => s.batchOperationItems.where(`batch_operation_key = ? AND state = 'ACTIVE' ORDER BY key`, batchOperationKey),
    itemCount: (batchOperationKey, state: BatchOperationItemRecord['state']) =>
      s.batchOperationItems.count('batch_operation_key = ? AND state = ?', batchOperationKey, state),
    batchOperationCreator: (batchOperationKey) => s.indexes.batchOperationCreators.of(batchOperationKey),
  };
}
