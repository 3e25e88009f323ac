/**
 * Lints the diagram as `npm run lint` would, on import and after every change (debounced): the diagram is saved
 * to XML and linted with the CLI's own function (lint-in-context.ts, the same parser, rules and cross-file
 * checks against the project's other files). The findings go to @camunda/linting's canvas overlays and
 * properties-panel markers, and out as the event `projectLint.changed` for the problems list.
 */
import type { CamundaLinters } from '../../../../../scripts/lint/camunda-linters.js';
import type { Finding } from '../../../../../scripts/lint/finding.js';
import { lintFileInContext, type ProjectFacts } from '../../../../../scripts/lint/lint-in-context.js';
import type { ProjectReferences } from '../../../../../scripts/lint/project-references.js';

export interface ProjectLintConfig {
  file: string;
  linters: () => Promise<CamundaLinters>;
  project: ProjectFacts;
  references: ProjectReferences;
  /** ms after the last change (default 400). */
  delay?: number;
}

interface EventBus {
  on(event: string | string[], callback: (event: unknown) => void): void;
  fire(event: string, payload?: unknown): void;
}

interface BpmnJs {
  saveXML(options?: { format?: boolean }): Promise<{ xml?: string }>;
}

interface Linting {
  setErrors(reports: unknown[]): void;
}

/** A finding as @camunda/linting's modeler module shows it (overlay on the element, error on the property). */
export function lintReportOf(finding: Finding) {
  return {
    id: finding.elementId,
    message: finding.message,
    category: finding.severity,
    rule: finding.rule,
    propertiesPanel: { entryIds: finding.entryIds ?? [] },
  };
}

export class ProjectLint {
  static $inject = ['eventBus', 'bpmnjs', 'linting', 'config.projectLint'];

  private timer: ReturnType<typeof setTimeout> | undefined;
  private run = 0;
  findings: Finding[] | undefined;

  constructor(
    private readonly eventBus: EventBus,
    private readonly bpmnjs: BpmnJs,
    private readonly linting: Linting,
    private readonly config: ProjectLintConfig,
  ) {
    // a failed import leaves no definitions: linting it would fail too, and its 检查失败 would replace the banner
    // saying why the file did not open
    eventBus.on('import.done', (event) => {
      if (!(event as { error?: unknown }).error) this.schedule();
    });
    eventBus.on('commandStack.changed', () => this.schedule());
  }

  schedule(): void {
    clearTimeout(this.timer);
    this.findings = undefined;
    this.eventBus.fire('projectLint.changed', { findings: undefined });
    this.timer = setTimeout(() => void this.lint(), this.config.delay ?? 400);
  }

  private async lint(): Promise<void> {
    const run = ++this.run;
    try {
      const [linters, { xml }] = await Promise.all([this.config.linters(), this.bpmnjs.saveXML()]);
      const { findings } = await lintFileInContext(this.config.file, xml ?? '', linters, this.config.project, this.config.references);
      if (run !== this.run) return; // a newer change is being linted
      this.findings = findings;
      // notes (FEEL values not checked) stay in the problems list, not on the canvas
      this.linting.setErrors(findings.filter((finding) => finding.severity !== 'info').map(lintReportOf));
      this.eventBus.fire('projectLint.changed', { findings });
    } catch (error) {
      if (run !== this.run) return;
      this.eventBus.fire('projectLint.failed', { error });
    }
  }
}
