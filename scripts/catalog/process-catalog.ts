/**
 * bpmn/catalog.json: one entry per model of bpmn/, from its hand-written meta (bpmn/meta/<processId>.json) and
 * what the model declares: user tasks (element, Chinese name, candidate groups, form), the decisions its business
 * rule tasks call, job types and message names, sorted by flowchart, then process id; then every decision of the
 * .dmn files in bpmn/ with the processes that use it.
 *
 * The statutory time limit of a model with a deadline is not written in its meta: it is the row of the decision
 * table `statutory-time-limit` that the model's business rule task looks up (one task per phase where the limit
 * is split), evaluated here as the engine evaluates it, with the row's annotation as the source. The meta gives
 * `timeLimit` only for 即办 services, which have no deadline. A `compute-deadline` task with a literal figure is
 * refused: the figure belongs in the table.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileFeel } from '../../engine/feel/feel-expression.js';
import { bpmnFacts } from '../lint/bpmn-facts.js';
import { ADDITION_MARK } from '../lint/chart-citation.js';
import { loadCamundaLinters } from '../lint/load-camunda-linters.js';
import { elementOf, elementsOf, extensionOf, stringOf, type ModdleElement } from '../lint/moddle-element.js';
import { loadDecisionTables, type CatalogDecision, type DecisionTables } from './decision-tables.js';
import { ProcessMetaError, readProcessMeta, type ProcessMeta, type TimeLimit } from './process-meta.js';

/** The decision table of statutory time limits per national item (bpmn/statutory-time-limit.dmn). */
export const STATUTORY_TIME_LIMIT_DECISION = 'statutory-time-limit';

export type { CatalogDecision } from './decision-tables.js';

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

/** A business rule task and the decision it calls (`zeebe:calledDecision`). */
export interface CatalogDecisionUse {
  elementId: string;
  nameZh: string | null;
  decisionId: string;
  resultVariable: string;
}

export interface CatalogProcess extends Omit<ProcessMeta, 'timeLimit'> {
  /** From the meta (即办), or the statutory-time-limit rows the model's business rule tasks look up. */
  timeLimit: TimeLimit;
  userTasks: CatalogUserTask[];
  /** Business rule tasks in model order. */
  decisions: CatalogDecisionUse[];
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
  decisions: CatalogDecision[];
}

export class ProcessCatalogError extends Error {
  readonly code = 'PROCESS_CATALOG_INVALID';
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

/** Reads bpmn/*.bpmn, the .dmn files under bpmn/ and bpmn/meta/*.json under `root`; throws one error listing every problem found. */
export async function buildProcessCatalog(root: string): Promise<ProcessCatalog> {
  const bpmnDir = join(root, 'bpmn');
  const files = existsSync(bpmnDir) ? readdirSync(bpmnDir).filter((name) => name.endsWith('.bpmn')).sort() : [];
  const { parseBpmn } = await loadCamundaLinters();
  const problems: string[] = [];
  const tables = await loadDecisionTables(root, problems);
  const collected: CatalogProcess[] = [];

  for (const name of files) {
    const file = `bpmn/${name}`;
    let definitions: ModdleElement;
    try {
      definitions = (await parseBpmn(readFileSync(join(bpmnDir, name), 'utf8'))).rootElement;
    } catch (error) {
      problems.push(`${file}：无法解析：${(error as Error).message}`);
      continue;
    }
    const process = executableProcess(definitions);
    if (!process?.id) {
      problems.push(`${file}：没有可执行的流程（isExecutable）`);
      continue;
    }
    const metaFile = `bpmn/meta/${process.id}.json`;
    if (!existsSync(join(root, metaFile))) {
      problems.push(`${metaFile}：缺少目录数据文件（${file} 的流程 ${process.id}）`);
      continue;
    }
    let meta: ProcessMeta;
    try {
      meta = readProcessMeta(join(root, metaFile), metaFile);
    } catch (error) {
      if (error instanceof ProcessMetaError) problems.push(...error.problems.map((p) => `${metaFile}：${p}`));
      else throw error;
      continue;
    }
    if (meta.processId !== process.id) problems.push(`${metaFile}：processId「${meta.processId}」与 ${file} 的流程编号「${process.id}」不一致`);
    const decisions = decisionUsesOf(process);
    for (const use of decisions.filter((u) => !tables.decisions.has(u.decisionId))) {
      problems.push(`${file}：${use.elementId} 调用决策「${use.decisionId}」，但 bpmn/ 下没有定义它的 .dmn 文件`);
    }
    problems.push(...literalDeadlineFigures(file, process));
    const timeLimit = timeLimitOf(meta, metaFile, file, process, tables, problems);
    if (timeLimit) collected.push(entryOf(meta, timeLimit, decisions, file, definitions, process));
  }

  const metaDir = join(bpmnDir, 'meta');
  const ids = new Set(collected.map((c) => c.processId));
  if (existsSync(metaDir)) {
    for (const name of readdirSync(metaDir).filter((n) => n.endsWith('.json')).sort()) {
      if (!ids.has(name.replace(/\.json$/, '')) && !problems.some((p) => p.startsWith(`bpmn/meta/${name}`))) {
        problems.push(`bpmn/meta/${name}：bpmn/ 下没有流程编号为「${name.replace(/\.json$/, '')}」的模型`);
      }
    }
  }
  if (problems.length > 0) throw new ProcessCatalogError(problems);
  const processes = collected.sort((a, b) => a.flowchart - b.flowchart || a.processId.localeCompare(b.processId));
  const decisions = [...tables.decisions.values()]
    .map((decision) => ({
      ...decision,
      usedBy: uniqueSorted(processes.filter((p) => p.decisions.some((u) => u.decisionId === decision.decisionId)).map((p) => p.processId)),
    }))
    .sort((a, b) => a.decisionId.localeCompare(b.decisionId));
  return { processes, decisions };
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

function entryOf(
  meta: ProcessMeta,
  timeLimit: TimeLimit,
  decisions: CatalogDecisionUse[],
  file: string,
  definitions: ModdleElement,
  process: ModdleElement,
): CatalogProcess {
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
    timeLimit,
    startVariables: meta.startVariables,
    userTasks,
    decisions,
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

function decisionUsesOf(process: ModdleElement): CatalogDecisionUse[] {
  return flowElementsDeep(process).flatMap((element) => {
    const called = element.$instanceOf('bpmn:BusinessRuleTask') ? extensionOf(element, 'zeebe:CalledDecision') : undefined;
    const decisionId = called && stringOf(called, 'decisionId');
    if (!called || !decisionId) return [];
    return [{ elementId: element.id ?? '', nameZh: stringOf(element, 'name') ?? null, decisionId, resultVariable: stringOf(called, 'resultVariable') ?? '' }];
  });
}

/** A figure written into a compute-deadline task would bypass the table. */
function literalDeadlineFigures(file: string, process: ModdleElement): string[] {
  return flowElementsDeep(process)
    .filter((e) => {
      const definition = extensionOf(e, 'zeebe:TaskDefinition');
      return definition !== undefined && stringOf(definition, 'type') === 'compute-deadline';
    })
    .flatMap((task) => {
      const io = extensionOf(task, 'zeebe:IoMapping');
      return (io ? elementsOf(io, 'inputParameters') : [])
        .filter((input) => /^timeLimit(WorkingDays|CalendarDays|Months)$/.test(stringOf(input, 'target') ?? ''))
        .filter((input) => /^=?\s*\d+\s*$/.test(stringOf(input, 'source') ?? ''))
        .map(
          (input) =>
            `${file}：${task.id}：${stringOf(input, 'target')} 写成了固定值 ${stringOf(input, 'source')}；` +
            `办理时限须由业务规则任务查决策表 ${STATUTORY_TIME_LIMIT_DECISION} 得出，再映射其结果`,
        );
    });
}

/**
 * The meta's 即办, or the time limit of the model's statutory-time-limit business rule tasks: each task's input
 * mappings are evaluated without case variables (they name the national item and phase as literals; one that
 * reads a case variable takes its default branch), then the table's matched row.
 */
function timeLimitOf(
  meta: ProcessMeta,
  metaFile: string,
  file: string,
  process: ModdleElement,
  tables: DecisionTables,
  problems: string[],
): TimeLimit | undefined {
  const lookups = flowElementsDeep(process).filter((element) => {
    const called = element.$instanceOf('bpmn:BusinessRuleTask') ? extensionOf(element, 'zeebe:CalledDecision') : undefined;
    return called !== undefined && stringOf(called, 'decisionId') === STATUTORY_TIME_LIMIT_DECISION;
  });
  if (lookups.length === 0) {
    if (meta.timeLimit?.immediate) return meta.timeLimit;
    problems.push(
      meta.timeLimit
        ? `${metaFile}：timeLimit：按日或按月计的时限须由 ${file} 中查决策表 ${STATUTORY_TIME_LIMIT_DECISION} 的业务规则任务得出，再交给计算办理时限（compute-deadline）任务；目录数据中只能写即办（immediate: true）`
        : `${metaFile}：timeLimit：缺少办理时限；即办事项写 { "immediate": true, "source": … }，其他事项在 ${file} 中查决策表 ${STATUTORY_TIME_LIMIT_DECISION}`,
    );
    return undefined;
  }
  if (meta.timeLimit) {
    problems.push(`${metaFile}：timeLimit：${file} 已查决策表 ${STATUTORY_TIME_LIMIT_DECISION} 得出时限；请删除目录数据中的 timeLimit（时限只写在决策表中）`);
    return undefined;
  }
  if (!tables.decisions.has(STATUTORY_TIME_LIMIT_DECISION)) return undefined;

  const rows: { phase: unknown; unit: 'workingDays' | 'calendarDays' | 'months'; value: number; sources: string[] }[] = [];
  for (const task of lookups) {
    const io = extensionOf(task, 'zeebe:IoMapping');
    const inputs: Record<string, unknown> = {};
    try {
      for (const input of io ? elementsOf(io, 'inputParameters') : []) {
        inputs[stringOf(input, 'target') ?? ''] = compileFeel(stringOf(input, 'source') ?? '').evaluate({}, Date.now());
      }
      const { output, annotations } = tables.evaluate(STATUTORY_TIME_LIMIT_DECISION, inputs);
      const figures = Object.entries((output ?? {}) as Record<string, unknown>).filter(([, value]) => value !== null && value !== undefined);
      if (figures.length === 0) {
        // The analysts read this one in the modeler ("目录未更新：…"): a new model whose item code has no row yet.
        problems.push(
          `${file}：${task.id}：决策表 ${STATUTORY_TIME_LIMIT_DECISION}（办理时限，bpmn/statutory-time-limit.dmn）中没有 ${describeLookup(inputs)} 的一行；请在该表中为本事项加一行（时限与依据）`,
        );
        continue;
      }
      const [unit, value] = figures[0] ?? [];
      if (figures.length !== 1 || (unit !== 'workingDays' && unit !== 'calendarDays' && unit !== 'months') || typeof value !== 'number') {
        problems.push(`${file}：${task.id}：决策表 ${STATUTORY_TIME_LIMIT_DECISION} 对 ${JSON.stringify(inputs)} 的结果是 ${JSON.stringify(output)}；每行只能填工作日、自然日、月中的一项`);
        continue;
      }
      rows.push({ phase: inputs.deadlinePhase, unit, value, sources: annotations });
    } catch (error) {
      problems.push(`${file}：${task.id}：${(error as Error).message}`);
    }
  }
  if (rows.length !== lookups.length) return undefined;
  const source = [...new Set(rows.flatMap((row) => row.sources))].join(' ') || `decision table ${STATUTORY_TIME_LIMIT_DECISION}`;
  if (rows.length === 1) return { [rows[0]!.unit]: rows[0]!.value, source } as TimeLimit;
  if (rows.some((row) => row.unit !== 'workingDays' || typeof row.phase !== 'string' || row.phase === '')) {
    problems.push(`${file}: a time limit split into phases needs one ${STATUTORY_TIME_LIMIT_DECISION} task per phase, each with a deadlinePhase and a figure in working days`);
    return undefined;
  }
  return {
    workingDays: rows.reduce((sum, row) => sum + row.value, 0),
    phases: rows.map((row) => ({ step: row.phase as string, workingDays: row.value })),
    source,
  };
}

function describeLookup(inputs: Record<string, unknown>): string {
  const code = `国家经办事项编码 ${String(inputs.serviceItemCode)}`;
  return typeof inputs.deadlinePhase === 'string' && inputs.deadlinePhase !== '' ? `${code}、阶段 ${inputs.deadlinePhase}` : code;
}

function flowElementsDeep(container: ModdleElement): ModdleElement[] {
  return elementsOf(container, 'flowElements').flatMap((e) => (e.$instanceOf('bpmn:SubProcess') ? [e, ...flowElementsDeep(e)] : [e]));
}

function uniqueSorted(values: string[]): string[] {
  return [...new Set(values)].sort();
}
