/**
 * The engine's named readers (engine/state/readers.ts) over the SQLite tables: every query a command runs is
 * written here, so nothing above the store holds SQL. The readers the command path runs after every step (active
 * children, variables, what an element instance owns) read the store's in-memory indexes instead.
 */
import type { EngineReaders, VersionedKind } from '../state/readers.js';
import type { BatchOperationItemRecord, JobRecord, MessageSubscriptionRecord, VariableRecord } from '../state/records.js';
import type { EngineStore } from './engine-store.js';

const ACTIVE = `('ACTIVATING', 'ACTIVATED', 'COMPLETING', 'TERMINATING')`;

export function stateReaders(store: EngineStore): EngineReaders {
  const s = store;
  return {
    // deployments
    processDefinition: (key) => s.processDefinitions.get(key),
    latestProcessDefinition: (bpmnProcessId, tenantId) =>
      s.processDefinitions.first('bpmn_process_id = ? AND tenant_id = ? ORDER BY version DESC', bpmnProcessId, tenantId),
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
      let latest: VariableRecord | undefined;
      for (const variable of s.indexes.variablesOfProcessInstance.members(processInstanceKey)) {
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
    bufferedMessageFor: (subscription: MessageSubscriptionRecord, now) =>
      s.messages.first(
        `name = ? AND correlation_key = ? AND tenant_id = ? AND expires_at > ?
         AND key NOT IN (SELECT message_key FROM message_correlations WHERE process_instance_key = ?) ORDER BY key`,
        subscription.messageName,
        subscription.correlationKey,
        subscription.tenantId,
        now,
        subscription.processInstanceKey,
      ),
    bufferedMessageWithId: (name, correlationKey, messageId, tenantId, now) =>
      s.messages.first(
        'name = ? AND correlation_key = ? AND message_id = ? AND tenant_id = ? AND expires_at > ?',
        name,
        correlationKey,
        messageId,
        tenantId,
        now,
      ),
    expiredMessages: (now, limit) => s.messages.where('expires_at <= ? LIMIT ?', now, limit),
    messageStartSubscriptionsFor: (messageName, tenantId) => s.messageStartSubscriptions.where('message_name = ? AND tenant_id = ?', messageName, tenantId),
    messageStartSubscriptionsOf: (bpmnProcessId, tenantId) =>
      s.messageStartSubscriptions.where('bpmn_process_id = ? AND tenant_id = ?', bpmnProcessId, tenantId),
    messageStartSubscriptionsOfDefinition: (processDefinitionKey) => s.messageStartSubscriptions.where('process_definition_key = ?', processDefinitionKey),
    instancesStartedByMessage: (bpmnProcessId, correlationKey) =>
      s.messageCorrelations
        .where('bpmn_process_id = ? AND correlation_key = ? AND started_instance = 1', bpmnProcessId, correlationKey)
        .map((correlation) => correlation.processInstanceKey),

    // signals
    signalSubscription: (key) => s.signalSubscriptions.get(key),
    signalSubscriptionsOf: (elementInstanceKey) => s.indexes.signalSubscriptions.members(elementInstanceKey),
    signalSubscriptionsFor: (signalName, tenantId) => s.signalSubscriptions.where('signal_name = ? AND tenant_id = ? ORDER BY key', signalName, tenantId),
    signalStartSubscriptionsOf: (bpmnProcessId, tenantId) =>
      s.signalSubscriptions.where('element_instance_key IS NULL AND bpmn_process_id = ? AND tenant_id = ?', bpmnProcessId, tenantId),
    signalStartSubscriptionsOfDefinition: (processDefinitionKey) =>
      s.signalSubscriptions.where('element_instance_key IS NULL AND process_definition_key = ?', processDefinitionKey),

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
    batchOperationCreator: (batchOperationKey) =>
      s.auditLog.first(`batch_operation_key = ? AND entity_type = 'BATCH'`, batchOperationKey)?.actorId ?? undefined,
  };
}
