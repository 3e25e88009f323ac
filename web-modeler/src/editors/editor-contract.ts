/**
 * What every editor (BPMN, form, DMN) gives the editor page, and what it gets: the page owns loading, saving,
 * the problems list, history and deployment; the editor owns its canvas and its live lint.
 */
import type { V2Client } from '../../../web-shared/src/api/v2-client.js';
import type { Finding } from '../../../scripts/lint/finding.js';
import type { Failure } from '../../../web-shared/src/api/failure.js';
import type { LintContext, ModelerApi } from '../modeler-api.js';

export interface EditorHandle {
  /** The text to save (the diagram, form or decision as XML / JSON). */
  getText(): Promise<string>;
  undo(): void;
  redo(): void;
  /** Selects the finding's element and opens its property. */
  showFinding(finding: Finding): void;
}

export interface EditorProps {
  file: string;
  text: string;
  api: ModelerApi;
  client: V2Client;
  lintContext: LintContext;
  /** The saved text's findings, as the server linted it: the problems list when the editor cannot open the file. */
  savedFindings: Finding[];
  onReady(handle: EditorHandle | undefined): void;
  /** The content changed (the page marks it unsaved). */
  onChange(): void;
  /** The live lint's findings; undefined while checking. */
  onFindings(findings: Finding[] | undefined): void;
  /** A notice for the page: the sentence in Chinese, a library's English as its technical detail. */
  onError(failure: Failure | string): void;
  /** Information for the page, not a failure (a file's XML comments a save will drop): a notice, role=status. */
  onNotice?(text: string): void;
}
