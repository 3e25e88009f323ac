/**
 * bpmn/catalog.json: one entry per model of bpmn/, from its hand-written meta (bpmn/meta/<processId>.json) and
 * what the model declares: user tasks (element, Chinese name, candidate groups, form), job types and message
 * names. Sorted by flowchart, then process id. `collectProcesses` also returns the figures of the models'
 * `compute-deadline` input mappings, which a test compares with the meta's time limit.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bpmnFacts } from '../lint/bpmn-facts.js';
import { ADDITION_MARK } from '../lint/chart-citation.js';
import { loadCamundaLinters } from '../lint/load-camunda-linters.js';
import { elementOf, elementsOf, extensionOf, stringOf, type ModdleElement } from '../lint/moddle-element.js';
import { ProcessMetaError, readProcessMeta, type ProcessMeta } from './process-meta.js';

export interface CatalogUserTask {
  elementId: string;
  nameZh: string | null;
  /** The roles of `zeebe:assignmentDefinition candidateGroups` (a FEEL value stays one entry, as written). */
  candidateGroups: string[];
  formId: string | null;
}

/** A step of the model that carries a box of the flowchart: the chart lines its documentation cites. */
export interface CatalogChartStep {
  elementId: string;
  nameZh: string | null;
  /** `L123` citations in order of appearance, unique. */
  chartLines: string[];
}

/** A step the chart does not draw (documentation starts with 补充（流程图未画出）). */
export interface CatalogAddition {
  elementId: string;
  nameZh: string | null;
}

export interface CatalogProcess extends ProcessMeta {
  userTasks: CatalogUserTask[];
  /** Steps that model a chart box, in model order (docs/domain/flowcharts.md explains the citations). */
  chartSteps: CatalogChartStep[];
  /** Steps marked as additions, in model order. */
  additions: CatalogAddition[];
  /** `zeebe:taskDefinition` types (and listener types), sorted, unique. */
  jobTypes: string[];
  /** Names of the messages the process waits for or throws, sorted, unique. */
  messages: string[];
  /** The model, relative to the repository root. */
  file: string;
}

export interface ProcessCatalog {
  processes: CatalogProcess[];
}

export interface CollectedProcess {
  entry: CatalogProcess;
  /** Every `compute-deadline` task's time-limit input mappings: `{ elementId, variable, value }` (value as written). */
  deadlineMappings: { elementId: string; variable: string; value: string }[];
}

export class ProcessCatalogError extends Error {
  readonly code = 'PROCESS_CATALOG_INVALID';
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

/** Reads bpmn/*.bpmn and bpmn/meta/*.json under `root`; throws one error listing every problem found. */
export async function collectProcesses(root: string): Promise<CollectedProcess[]> {
  const bpmnDir = join(root, 'bpmn');
  const files = existsSync(bpmnDir) ? readdirSync(bpmnDir).filter((name) => name.endsWith('.bpmn')).sort() : [];
  const { parseBpmn } = await loadCamundaLinters();
  const problems: string[] = [];
  const collected: CollectedProcess[] = [];

  for (const name of files) {
    const file = `bpmn/${name}`;
    let definitions: ModdleElement;
    try {
      definitions = (await parseBpmn(readFileSync(join(bpmnDir, name), 'utf8'))).rootElement;
    } catch (error) {
      problems.push(`${file}: cannot parse: ${(error as Error).message}`);
      continue;
    }
    const process = executableProcess(definitions);
    if (!process?.id) {
      problems.push(`${file}: no executable process`);
      continue;
    }
    const metaFile = `bpmn/meta/${process.id}.json`;
    if (!existsSync(join(root, metaFile))) {
      problems.push(`${metaFile}: missing (the catalogue data of ${file}, process ${process.id})`);
      continue;
    }
    let meta: ProcessMeta;
    try {
      meta = readProcessMeta(join(root, metaFile), metaFile);
    } catch (error) {
      if (error instanceof ProcessMetaError) problems.push(...error.problems.map((p) => `${metaFile}: ${p}`));
      else throw error;
      continue;
    }
    if (meta.processId !== process.id) problems.push(`${metaFile}: processId: '${meta.processId}' is not the process id of ${file} ('${process.id}')`);
    collected.push({ entry: entryOf(meta, file, definitions, process), deadlineMappings: deadlineMappingsOf(process) });
  }

  const metaDir = join(bpmnDir, 'meta');
  const ids = new Set(collected.map((c) => c.entry.processId));
  if (existsSync(metaDir)) {
    for (const name of readdirSync(metaDir).filter((n) => n.endsWith('.json')).sort()) {
      if (!ids.has(name.replace(/\.json$/, '')) && !problems.some((p) => p.startsWith(`bpmn/meta/${name}`))) {
        problems.push(`bpmn/meta/${name}: no model in bpmn/ has process id '${name.replace(/\.json$/, '')}'`);
      }
    }
  }
  if (problems.length > 0) throw new ProcessCatalogError(problems);
  return collected.sort((a, b) => a.entry.flowchart - b.entry.flowchart || a.entry.processId.localeCompare(b.entry.processId));
}

export async function buildProcessCatalog(root: string): Promise<ProcessCatalog> {
  return { processes: (await collectProcesses(root)).map((c) => c.entry) };
}

export function formatCatalog(catalog: ProcessCatalog): string {
  return JSON.stringify(catalog, null, 2) + '\n';
}

// helpers

/** The process the collaboration's participant references, else the first executable process. */
function executableProcess(definitions: ModdleElement): ModdleElement | undefined {
  const roots = elementsOf(definitions, 'rootElements');
  const executable = roots.filter((r) => r.$instanceOf('bpmn:Process') && r.get('isExecutable') !== false);
  const participants = roots.filter((r) => r.$instanceOf('bpmn:Collaboration')).flatMap((c) => elementsOf(c, 'participants'));
  for (const participant of participants) {
    const process = elementOf(participant, 'processRef');
    if (process && executable.includes(process)) return process;
  }
  return executable[0];
}

function entryOf(meta: ProcessMeta, file: string, definitions: ModdleElement, process: ModdleElement): CatalogProcess {
  const facts = bpmnFacts(file, definitions);
  const elements = flowElementsDeep(process);
  const userTasks = elements
    .filter((e) => e.$instanceOf('bpmn:UserTask'))
    .map((task) => {
      const assignment = extensionOf(task, 'zeebe:AssignmentDefinition');
      const groups = assignment ? stringOf(assignment, 'candidateGroups') : undefined;
      const form = extensionOf(task, 'zeebe:FormDefinition');
      return {
        elementId: task.id ?? '',
        nameZh: stringOf(task, 'name') ?? null,
        candidateGroups: groups === undefined ? [] : groups.startsWith('=') ? [groups] : groups.split(',').map((g) => g.trim()).filter(Boolean),
        formId: (form && stringOf(form, 'formId')) ?? null,
      };
    });
  const ownIds = new Set(elements.map((e) => e.id));
  const own = <T extends { elementId: string }>(list: T[]) => list.filter((r) => ownIds.has(r.elementId) || r.elementId === process.id);
  return {
    processId: meta.processId,
    flowchart: meta.flowchart,
    subflow: meta.subflow,
    ...(meta.splitNote ? { splitNote: meta.splitNote } : {}),
    titleZh: meta.titleZh,
    nationalItem: meta.nationalItem,
    timeLimit: meta.timeLimit,
    startVariables: meta.startVariables,
    userTasks,
    ...chartProvenanceOf(elements),
    jobTypes: uniqueSorted(own(facts.jobTypes).map((r) => r.value)),
    messages: uniqueSorted([...own(facts.messageSubscriptions), ...own(facts.messagePublications)].map((r) => r.value)),
    file,
  };
}

function chartProvenanceOf(elements: ModdleElement[]): Pick<CatalogProcess, 'chartSteps' | 'additions'> {
  const chartSteps: CatalogChartStep[] = [];
  const additions: CatalogAddition[] = [];
  for (const element of elements) {
    if (element.$instanceOf('bpmn:SequenceFlow')) continue;
    const documentation = elementsOf(element, 'documentation').map((doc) => String(doc.get('text') ?? '')).join('\n').trim();
    if (!documentation) continue;
    const nameZh = stringOf(element, 'name') ?? null;
    if (documentation.startsWith(ADDITION_MARK)) {
      additions.push({ elementId: element.id ?? '', nameZh });
      continue;
    }
    const chartLines = [...new Set([...documentation.matchAll(/(?<![A-Za-z0-9])L(\d{2,4})(?![0-9])/g)].map((m) => `L${m[1]}`))];
    if (chartLines.length > 0) chartSteps.push({ elementId: element.id ?? '', nameZh, chartLines });
  }
  return { chartSteps, additions };
}

function deadlineMappingsOf(process: ModdleElement): CollectedProcess['deadlineMappings'] {
  return flowElementsDeep(process)
    .filter((e) => {
      const definition = extensionOf(e, 'zeebe:TaskDefinition');
      return definition !== undefined && stringOf(definition, 'type') === 'compute-deadline';
    })
    .flatMap((task) => {
      const io = extensionOf(task, 'zeebe:IoMapping');
      return (io ? elementsOf(io, 'inputParameters') : [])
        .map((input) => ({ elementId: task.id ?? '', variable: stringOf(input, 'target') ?? '', value: stringOf(input, 'source') ?? '' }))
        .filter((m) => /^timeLimit(WorkingDays|CalendarDays|Months)$/.test(m.variable));
    });
}

function flowElementsDeep(container: ModdleElement): ModdleElement[] {
  return elementsOf(container, 'flowElements').flatMap((e) => (e.$instanceOf('bpmn:SubProcess') ? [e, ...flowElementsDeep(e)] : [e]));
}

function uniqueSorted(values: string[]): string[] {
  return [...new Set(values)].sort();
}
