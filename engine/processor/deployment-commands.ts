/**
 * Deployments: all resources are parsed and checked before anything is written, then written in one command,
 * so a deployment is atomic. Redeploying the same resource name with the same checksum makes no new version.
 */
import { createHash } from 'node:crypto';
import { DeploymentRejectedError } from '../errors.js';
import { ModelRejection } from '../model/errors.js';
import type { ExecutableProcess } from '../model/executable-process.js';
import { parseForm, type ParsedForm } from '../model/parse-form.js';
import { transformBpmn } from '../model/transform-bpmn.js';
import type { FormRecord, ProcessDefinitionRecord } from '../state/records.js';
import type { CommandContext } from './command-context.js';
import { subscribeMessageStartEvents } from './message-commands.js';
import { subscribeSignalStartEvents } from './signal-commands.js';
import { scheduleStartTimers } from './timer-commands.js';

export interface DeploymentResource {
  name: string;
  content: Buffer;
}

export type ParsedResource =
  | { kind: 'bpmn'; name: string; content: string; checksum: string; processes: ExecutableProcess[] }
  | { kind: 'form'; name: string; content: string; checksum: string; form: ParsedForm };

export interface DeploymentResult {
  deploymentKey: number;
  tenantId: string;
  processes: ProcessDefinitionRecord[];
  forms: FormRecord[];
}

export async function parseResources(resources: readonly DeploymentResource[]): Promise<ParsedResource[]> {
  if (resources.length === 0) throw new DeploymentRejectedError('a deployment needs at least one resource');
  const parsed: ParsedResource[] = [];
  for (const resource of resources) {
    const content = resource.content.toString('utf8');
    const checksum = createHash('sha256').update(resource.content).digest('hex');
    const lower = resource.name.toLowerCase();
    try {
      if (lower.endsWith('.bpmn') || lower.endsWith('.bpmn20.xml')) {
        parsed.push({ kind: 'bpmn', name: resource.name, content, checksum, processes: await transformBpmn(content) });
      } else if (lower.endsWith('.form')) {
        parsed.push({ kind: 'form', name: resource.name, content, checksum, form: parseForm(content) });
      } else {
        throw new ModelRejection('only .bpmn and .form resources can be deployed to this engine');
      }
    } catch (error) {
      if (error instanceof ModelRejection) {
        throw new DeploymentRejectedError(`resource '${resource.name}': ${error.message}`, resource.name, error.elementId);
      }
      throw error;
    }
  }
  const ids = parsed.flatMap((r) => (r.kind === 'bpmn' ? r.processes.map((p) => p.bpmnProcessId) : []));
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate) throw new DeploymentRejectedError(`the process id '${duplicate}' occurs more than once in this deployment`);
  const formIds = parsed.flatMap((r) => (r.kind === 'form' ? [r.form.formId] : []));
  const duplicateForm = formIds.find((id, i) => formIds.indexOf(id) !== i);
  if (duplicateForm) throw new DeploymentRejectedError(`the form id '${duplicateForm}' occurs more than once in this deployment`);
  return parsed;
}

export function deploy(context: CommandContext, resources: ParsedResource[], tenantId: string): DeploymentResult {
  const { store, services, models } = context;
  const deploymentKey = services.nextKey();
  services.writer.append('DEPLOYMENT', 'CREATED', { key: deploymentKey, tenantId, createdAt: services.nowIso() });
  const result: DeploymentResult = { deploymentKey, tenantId, processes: [], forms: [] };
  for (const resource of resources) {
    if (resource.kind === 'form') {
      const latest = store.forms.first('form_id = ? AND tenant_id = ? ORDER BY version DESC', resource.form.formId, tenantId);
      if (latest && latest.checksum === resource.checksum && latest.resourceName === resource.name) {
        result.forms.push(latest);
        continue;
      }
      const form: FormRecord = {
        key: services.nextKey(),
        formId: resource.form.formId,
        version: (latest?.version ?? 0) + 1,
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
      const latest = store.processDefinitions.first(
        'bpmn_process_id = ? AND tenant_id = ? ORDER BY version DESC',
        process.bpmnProcessId,
        tenantId,
      );
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
        version: (latest?.version ?? 0) + 1,
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
  return result;
}
