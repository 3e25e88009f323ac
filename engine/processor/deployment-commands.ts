/**
 * Deployments: all resources are parsed and checked before anything is written (deployment-resources.ts, on the
 * parser thread), then written in one command, so a deployment is atomic. Redeploying the same resource name
 * with the same checksum makes no new version.
 */
import { DeploymentRejectedError } from '../errors.js';
import type { DecisionDefinitionRecord, DecisionRequirementsRecord, FormRecord, ProcessDefinitionRecord } from '../state/records.js';
import type { CommandContext } from './command-context.js';
import type { ParsedResource } from './deployment-resources.js';
import { subscribeMessageStartEvents } from './message-commands.js';
import { subscribeSignalStartEvents } from './signal-commands.js';
import { scheduleStartTimers } from './timer-commands.js';

export interface DeploymentResult {
  deploymentKey: number;
  tenantId: string;
  processes: ProcessDefinitionRecord[];
  decisions: DecisionDefinitionRecord[];
  decisionRequirements: DecisionRequirementsRecord[];
  forms: FormRecord[];
}

export function deploy(context: CommandContext, resources: ParsedResource[], tenantId: string): DeploymentResult {
  const { readers, services, models } = context;
  const deploymentKey = services.nextKey();
  const result: DeploymentResult = { deploymentKey, tenantId, processes: [], decisions: [], decisionRequirements: [], forms: [] };
  for (const resource of resources) {
    if (resource.kind === 'dmn') {
      deployDrg(context, resource, deploymentKey, tenantId, result);
      continue;
    }
    if (resource.kind === 'form') {
      const latest = readers.latestForm(resource.form.formId, tenantId);
      if (latest && latest.checksum === resource.checksum && latest.resourceName === resource.name) {
        result.forms.push(latest);
        continue;
      }
      const form: FormRecord = {
        key: services.nextKey(),
        formId: resource.form.formId,
        version: readers.nextVersion('FORM', tenantId, resource.form.formId),
        versionTag: resource.form.versionTag ?? null,
        resourceName: resource.name,
        checksum: resource.checksum,
        schema: resource.content,
        tenantId,
        deploymentKey,
      };
      services.writer.append('FORM', 'CREATED', form);
      result.forms.push(form);
      continue;
    }
    let resourceKey: number | undefined;
    for (const process of resource.processes) {
      const latest = readers.latestProcessDefinition(process.bpmnProcessId, tenantId);
      if (latest && latest.checksum === resource.checksum && latest.resourceName === resource.name) {
        result.processes.push(latest);
        continue;
      }
      if (resourceKey === undefined) {
        resourceKey = services.nextKey();
        services.writer.append('RESOURCE', 'CREATED', {
          key: resourceKey,
          resourceName: resource.name,
          checksum: resource.checksum,
          content: resource.content,
          tenantId,
          deploymentKey,
        });
      }
      const definition: ProcessDefinitionRecord = {
        key: services.nextKey(),
        bpmnProcessId: process.bpmnProcessId,
        version: readers.nextVersion('PROCESS', tenantId, process.bpmnProcessId),
        name: process.name ?? null,
        versionTag: process.versionTag ?? null,
        resourceName: resource.name,
        resourceKey,
        checksum: resource.checksum,
        tenantId,
        deploymentKey,
        startFormId: process.startFormId ?? null,
      };
      services.writer.append('PROCESS', 'CREATED', definition);
      models.add(definition.key, process);
      scheduleStartTimers(context, definition, process);
      subscribeMessageStartEvents(context, definition, process);
      subscribeSignalStartEvents(context, definition, process);
      result.processes.push(definition);
    }
  }
  services.writer.append('DEPLOYMENT', 'CREATED', {
    key: deploymentKey,
    tenantId,
    createdAt: services.nowIso(),
    decisionKeys: result.decisions.map((d) => d.key),
  });
  return result;
}

// helpers

/** A new version of the DRG and of each of its decisions, unless the same resource was deployed last time. */
function deployDrg(
  { readers, services, models }: CommandContext,
  resource: Extract<ParsedResource, { kind: 'dmn' }>,
  deploymentKey: number,
  tenantId: string,
  result: DeploymentResult,
): void {
  const { drg } = resource;
  const latest = readers.latestDecisionRequirements(drg.id, tenantId);
  if (latest && latest.checksum === resource.checksum && latest.resourceName === resource.name) {
    result.decisionRequirements.push(latest);
    result.decisions.push(...readers.decisionsOfRequirements(latest.key));
    return;
  }
  for (const decisionId of drg.decisions.keys()) {
    const owner = readers.latestDecision(decisionId, tenantId);
    if (owner && owner.decisionRequirementsId !== drg.id) {
      throw new DeploymentRejectedError(
        `resource '${resource.name}': Expected the decision id '${decisionId}' to belong to the decision requirements '${drg.id}', but it belongs to '${owner.decisionRequirementsId}' already`,
        resource.name,
        decisionId,
      );
    }
  }
  const requirements: DecisionRequirementsRecord = {
    key: services.nextKey(),
    decisionRequirementsId: drg.id,
    name: drg.name,
    version: readers.nextVersion('DECISION_REQUIREMENTS', tenantId, drg.id),
    resourceName: resource.name,
    checksum: resource.checksum,
    content: resource.content,
    tenantId,
    deploymentKey,
  };
  services.writer.append('DECISION_REQUIREMENTS', 'CREATED', requirements);
  models.addDrg(requirements.key, drg);
  result.decisionRequirements.push(requirements);
  for (const decision of drg.decisions.values()) {
    const definition: DecisionDefinitionRecord = {
      key: services.nextKey(),
      decisionId: decision.id,
      name: decision.name,
      version: readers.nextVersion('DECISION', tenantId, decision.id),
      versionTag: decision.versionTag ?? null,
      decisionType: decision.type,
      decisionRequirementsKey: requirements.key,
      decisionRequirementsId: drg.id,
      tenantId,
      deploymentKey,
    };
    services.writer.append('DECISION', 'CREATED', definition);
    result.decisions.push(definition);
  }
}
