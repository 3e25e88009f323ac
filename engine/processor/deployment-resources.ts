/**
 * Reading and checking a deployment's resources: BPMN and DMN into executable models, forms into their ids. The
 * expensive part of a deployment, pure (no engine state), so it runs on the deployment parser's thread
 * (deployment-parser.ts); its result is what the deployment command writes.
 */
import { createHash } from 'node:crypto';
import { DeploymentRejectedError } from '../errors.js';
import { ModelRejection } from '../model/errors.js';
import type { ExecutableProcess } from '../model/executable-process.js';
import { parseForm, type ParsedForm } from '../model/parse-form.js';
import { transformBpmn } from '../model/transform-bpmn.js';
import type { ExecutableDrg } from '../decisions/executable-decision.js';
import { transformDmn } from '../decisions/transform-dmn.js';

export interface DeploymentResource {
  name: string;
  content: Buffer;
}

export type ParsedResource =
  | { kind: 'bpmn'; name: string; content: string; checksum: string; processes: ExecutableProcess[] }
  | { kind: 'form'; name: string; content: string; checksum: string; form: ParsedForm }
  | { kind: 'dmn'; name: string; content: string; checksum: string; drg: ExecutableDrg };

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
      } else if (lower.endsWith('.dmn')) {
        parsed.push({ kind: 'dmn', name: resource.name, content, checksum, drg: await transformDmn(content) });
      } else if (lower.endsWith('.form')) {
        parsed.push({ kind: 'form', name: resource.name, content, checksum, form: parseForm(content) });
      } else {
        throw new ModelRejection('only .bpmn, .dmn and .form resources can be deployed to this engine');
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
  const drgs = parsed.flatMap((r) => (r.kind === 'dmn' ? [r] : []));
  const drgIds = drgs.map((r) => r.drg.id);
  const duplicateDrg = drgIds.find((id, i) => drgIds.indexOf(id) !== i);
  if (duplicateDrg) throw new DeploymentRejectedError(`the decision requirements id '${duplicateDrg}' occurs more than once in this deployment`);
  const decisionIds = drgs.flatMap((r) => [...r.drg.decisions.keys()].map((id) => ({ id, resource: r.name })));
  for (const [i, { id, resource }] of decisionIds.entries()) {
    const other = decisionIds.findIndex((d) => d.id === id);
    if (other !== i) {
      throw new DeploymentRejectedError(
        `Expected the decision ids to be unique within a deployment but found a duplicated id '${id}' in the resources '${decisionIds[other]!.resource}' and '${resource}'`,
        resource,
      );
    }
  }
  return parsed;
}

