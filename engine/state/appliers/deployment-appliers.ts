/** Deployments: resources, process definitions, forms, decision requirements and decisions, with their versions. */
import { insert, remove, type AppliersOf } from './applier.js';

export const DEPLOYMENT_APPLIERS: AppliersOf<'DEPLOYMENT'> = {
  CREATED: (state, deployment) => {
    state.deployments.insert(deployment);
    state.deploymentDecisions.link(deployment.key, deployment.decisionKeys ?? []);
  },
};

export const RESOURCE_APPLIERS: AppliersOf<'RESOURCE'> = { CREATED: insert((s) => s.resources) };

export const PROCESS_APPLIERS: AppliersOf<'PROCESS'> = {
  CREATED: (state, process) => {
    state.processDefinitions.insert(process);
    state.versions.record('PROCESS', process.tenantId, process.bpmnProcessId, process.version);
  },
  DELETED: remove((s) => s.processDefinitions),
};

export const FORM_APPLIERS: AppliersOf<'FORM'> = {
  CREATED: (state, form) => {
    state.forms.insert(form);
    state.versions.record('FORM', form.tenantId, form.formId, form.version);
  },
  DELETED: remove((s) => s.forms),
};

export const DECISION_REQUIREMENTS_APPLIERS: AppliersOf<'DECISION_REQUIREMENTS'> = {
  CREATED: (state, requirements) => {
    state.decisionRequirements.insert(requirements);
    state.versions.record('DECISION_REQUIREMENTS', requirements.tenantId, requirements.decisionRequirementsId, requirements.version);
  },
  DELETED: remove((s) => s.decisionRequirements),
};

export const DECISION_APPLIERS: AppliersOf<'DECISION'> = {
  CREATED: (state, decision) => {
    state.decisionDefinitions.insert(decision);
    state.versions.record('DECISION', decision.tenantId, decision.decisionId, decision.version);
  },
  DELETED: remove((s) => s.decisionDefinitions),
};

/** Every evaluated decision of an evaluation becomes a decision instance (the evaluation history). */
export const DECISION_EVALUATION_APPLIERS: AppliersOf<'DECISION_EVALUATION'> = {
  EVALUATED: (state, evaluation) => {
    for (const instance of evaluation.instances) state.decisionInstances.insert(instance);
  },
  FAILED: (state, evaluation) => {
    for (const instance of evaluation.instances) state.decisionInstances.insert(instance);
  },
};
