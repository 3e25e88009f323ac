/** The modeler's own server routes (`/modeler/api`), typed; the same session and CSRF token as /v2. */
import type { V2Client } from '../../web-shared/src/api/v2-client.js';
import type { BpmnFacts } from '../../scripts/lint/bpmn-facts.js';
import type { FormFacts } from '../../scripts/lint/cross-file-checks.js';
import type { DmnFacts } from '../../scripts/lint/dmn-facts.js';
import type { Finding, Severity } from '../../scripts/lint/finding.js';
import type { ReferenceTexts } from '../../scripts/lint/project-references.js';

export const API = '/modeler/api';

export interface LintStatus {
  counts: Record<Severity, number>;
  draft: boolean;
}

export interface ModelSummary {
  file: string;
  processId: string | null;
  titleZh: string | null;
  flowchart: number | null;
  subflow: string | null;
  nationalItem: { name: string; code: string } | null;
  timeLimitZh: string | null;
  status: LintStatus;
}

export interface FormSummary {
  file: string;
  formId: string | null;
  titleZh: string | null;
  usedBy: { file: string; processId: string | null; elementId: string; nameZh: string | null }[];
  status: LintStatus;
}

export interface ProjectOverview {
  history: 'git' | 'journal';
  models: ModelSummary[];
  forms: FormSummary[];
  decisions: { file: string; status: LintStatus }[];
  otherFindings: Finding[];
}

export interface ProjectFile {
  file: string;
  text: string;
  revision: string;
  findings: Finding[];
  status: LintStatus;
}

export interface SaveResult {
  file: string;
  revision: string;
  version: string;
  /** False when the save changed no file: no new version, the 修改说明 was not recorded. */
  recorded: boolean;
  findings: Finding[];
  status: LintStatus;
  catalog: { updated: boolean; problems: string[] };
}

/** As web-modeler/server/file-history.ts tells it: an analyst's save, a release of the software, the journal's text found before the first save. */
export interface FileVersion {
  version: string;
  kind: 'save' | 'release' | 'original';
  author: string;
  username: string | null;
  at: string;
  message: string;
}

export interface LintContext {
  referenceTexts: ReferenceTexts;
  models: BpmnFacts[];
  forms: FormFacts[];
  decisions: DmnFacts[];
}

export interface DeploymentAnswer {
  files: string[];
  deployment: {
    deploymentKey: string;
    deployments: {
      processDefinition?: { processDefinitionId: string; processDefinitionVersion: number; processDefinitionKey: string; resourceName: string };
      form?: { formId: string; version: number; formKey: string; resourceName: string };
      decisionDefinition?: { decisionDefinitionId: string; version: number };
    }[];
  };
}

export interface NewModel {
  processId: string;
  titleZh: string;
  formPrefix: string;
  flowchart: number;
  nationalItem: { name: string; code: string };
}

export class ModelerApi {
  constructor(private readonly client: V2Client) {}

  project(): Promise<ProjectOverview> {
    return this.client.json('GET', `${API}/project`, undefined, {});
  }

  file(file: string): Promise<ProjectFile> {
    return this.client.json('GET', `${API}/files/${file}`, undefined, {});
  }

  save(file: string, text: string, baseRevision: string | null, message?: string): Promise<SaveResult> {
    return this.client.json('PUT', `${API}/files/${file}`, { text, baseRevision, message }, {});
  }

  createModel(model: NewModel): Promise<SaveResult> {
    return this.client.json('POST', `${API}/models`, model, {});
  }

  createForm(form: { formId: string; titleZh: string }): Promise<SaveResult> {
    return this.client.json('POST', `${API}/forms`, form, {});
  }

  versions(file: string): Promise<{ file: string; store: 'git' | 'journal'; versions: FileVersion[] }> {
    return this.client.json('GET', `${API}/history/${file}`, undefined, {});
  }

  version(file: string, version: string): Promise<{ text: string }> {
    return this.client.json('GET', `${API}/history/${file}?version=${encodeURIComponent(version)}`, undefined, {});
  }

  lintContext(): Promise<LintContext> {
    return this.client.json('GET', `${API}/lint-context`, undefined, {});
  }

  elementTemplates(): Promise<object[]> {
    return this.client.json('GET', `${API}/element-templates`, undefined, {});
  }

  deploy(file: string): Promise<DeploymentAnswer> {
    return this.client.json('POST', `${API}/deployments`, { file }, {});
  }
}
