/**
 * Lints one BPMN file for Camunda 8.8:
 *
 * 1. parse with @camunda/linting's moddle (broken XML → `bpmn-xml` error; import warnings → `bpmn-import` warnings);
 * 2. `execution-platform`: the file must say `modeler:executionPlatform="Camunda Cloud"` and
 *    `modeler:executionPlatformVersion="8.8.x"` (@camunda/linting lints nothing without them and picks its rules by
 *    them). A missing or other value is an error, and the tree is linted as 8.8.0 anyway;
 * 3. @camunda/linting (camunda-compat rules for 8.8 + `bpmnlint:correctness` + `no-bpmndi`, Modeler messages);
 * 4. bpmnlint `recommended`, minus the rules step 3 already ran (bpmnlint-recommended.ts);
 * 5. `four-eyes`: each `fourEyes.differsFrom` names other user tasks of the same process (four-eyes-pairs.ts);
 * 6. `chart-citation`: every step cites its flowchart line or is marked as an addition (chart-citation.ts);
 * 7. `job-retries-header`: a job's retries other than 3 are repeated in its task header `retries`, which the
 *    workers' back-off reads (job-retries-header.ts);
 * 8. the facts the cross-file checks need.
 *
 * No I/O: the web modeler runs this very function on the diagram being edited.
 */
import { bpmnFacts, flowElementsDeep, type BpmnFacts } from './bpmn-facts.js';
import { chartCitationFindings } from './chart-citation.js';
import { fourEyesProblems } from './four-eyes-pairs.js';
import { retriesHeaderProblems } from './job-retries-header.js';
import { officeDateProblems } from './office-date-idiom.js';
import { NO_ELEMENT, toSeverity, type Finding, type Severity } from './finding.js';
import type { CamundaLinters } from './camunda-linters.js';
import { elementsOf, stringOf, type ModdleElement } from './moddle-element.js';

export const EXECUTION_PLATFORM = 'Camunda Cloud';
export const EXECUTION_PLATFORM_VERSION = '8.8.0';

export interface BpmnLintResult {
  findings: Finding[];
  /** Undefined when the file could not be parsed. */
  facts: BpmnFacts | undefined;
}

export async function lintBpmn(file: string, xml: string, linters: CamundaLinters): Promise<BpmnLintResult> {
  const findings: Finding[] = [];
  const report = (severity: Severity, elementId: string | undefined, rule: string, message: string, entryIds?: string[]) =>
    findings.push({ file, severity, elementId: elementId || NO_ELEMENT, rule, message, ...(entryIds?.length ? { entryIds } : {}) });

  let parsed: Awaited<ReturnType<CamundaLinters['parseBpmn']>>;
  try {
    parsed = await linters.parseBpmn(xml);
  } catch (error) {
    report('error', undefined, 'bpmn-xml', `cannot parse: ${oneLine((error as Error).message)}`);
    return { findings, facts: undefined };
  }
  const { rootElement: definitions, warnings } = parsed;
  if (!definitions.$instanceOf('bpmn:Definitions')) {
    report('error', undefined, 'bpmn-xml', `root element is ${definitions.$type}, not bpmn:definitions`);
    return { findings, facts: undefined };
  }
  for (const warning of warnings) report('warn', warning.element?.id, 'bpmn-import', oneLine(warning.message));

  forceExecutionPlatform(definitions, (message) => report('error', definitions.id, 'execution-platform', message));

  for (const r of await linters.lintBpmn(definitions)) {
    report(toSeverity(r.category), r.id, r.rule, oneLine(r.message), r.propertiesPanel?.entryIds);
  }

  const elements = elementsById(definitions);
  for (const [rule, reports] of Object.entries(await linters.lintRecommended(definitions))) {
    for (const r of reports) {
      const severity = rule === 'label-required' ? labelRequiredSeverity(elements.get(r.id ?? '')) : toSeverity(r.category);
      if (severity) report(severity, r.id, rule, oneLine(r.message));
    }
  }
  for (const problem of fourEyesProblems(definitions)) report('error', problem.elementId, 'four-eyes', problem.message);
  for (const problem of retriesHeaderProblems(definitions)) report('error', problem.elementId, 'job-retries-header', problem.message);
  for (const problem of officeDateProblems(definitions)) report('error', problem.elementId, 'office-date', problem.message);

  const processes = elementsOf(definitions, 'rootElements').filter((root) => root.$instanceOf('bpmn:Process'));
  findings.push(...chartCitationFindings(file, processes.flatMap((process) => flowElementsDeep(process))));

  return { findings, facts: bpmnFacts(file, definitions) };
}

// helpers

/**
 * Labels matter where people read them: activities are what clerks see in the task list, Operate and the audit
 * trail (经办留痕) → error; the question on a forking gateway and the answers on conditional flows make the
 * diagram readable → warn. Unnamed events, pools and lanes are fine → dropped.
 */
function labelRequiredSeverity(element: ModdleElement | undefined): Severity | undefined {
  if (!element) return undefined; // not a flow element: a pool or a lane
  if (element.$instanceOf('bpmn:Activity')) return 'error';
  if (element.$instanceOf('bpmn:Gateway') || element.$instanceOf('bpmn:SequenceFlow')) return 'warn';
  return undefined;
}

function forceExecutionPlatform(definitions: ModdleElement, report: (message: string) => void): void {
  const platform = stringOf(definitions, 'modeler:executionPlatform');
  const version = stringOf(definitions, 'modeler:executionPlatformVersion');
  const problems: string[] = [];
  if (platform !== EXECUTION_PLATFORM) problems.push(`modeler:executionPlatform is ${platform ? `"${platform}"` : 'missing'}`);
  if (!version?.startsWith('8.8.')) problems.push(`modeler:executionPlatformVersion is ${version ? `"${version}"` : 'missing'}`);
  if (problems.length === 0) return;
  report(
    `${problems.join(' and ')}: this project deploys to Camunda 8.8, set modeler:executionPlatform="${EXECUTION_PLATFORM}" ` +
      `modeler:executionPlatformVersion="${EXECUTION_PLATFORM_VERSION}" on bpmn:definitions (linted as 8.8 anyway)`,
  );
  definitions.set('modeler:executionPlatform', EXECUTION_PLATFORM);
  definitions.set('modeler:executionPlatformVersion', EXECUTION_PLATFORM_VERSION);
}

function elementsById(definitions: ModdleElement): Map<string, ModdleElement> {
  const byId = new Map<string, ModdleElement>();
  for (const root of elementsOf(definitions, 'rootElements')) {
    if (root.$instanceOf('bpmn:Process')) {
      for (const element of flowElementsDeep(root)) if (element.id) byId.set(element.id, element);
    }
  }
  return byId;
}

function oneLine(message: string): string {
  return message.replace(/\s+/g, ' ').trim();
}
