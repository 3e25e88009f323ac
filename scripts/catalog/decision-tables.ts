/**
 * The DMN decisions of bpmn/ as the catalogue sees them: each decision with its name, file, hit policy and rule
 * count, compiled exactly as the engine compiles it at deployment (engine/decisions), and evaluated the same way
 * when the catalogue needs a table's answer (the statutory time limit a model's business rule task looks up).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { evaluateDecision } from '../../engine/decisions/evaluate-decision.js';
import type { ExecutableDrg, HitPolicy } from '../../engine/decisions/executable-decision.js';
import { transformDmn } from '../../engine/decisions/transform-dmn.js';
import { ModelRejection } from '../../engine/model/errors.js';

export interface CatalogDecision {
  decisionId: string;
  nameZh: string;
  /** The .dmn file, relative to the repository root. */
  file: string;
  /** Absent for a literal expression. */
  hitPolicy?: HitPolicy;
  rules: number;
  /** Processes with a business rule task that calls the decision, sorted. */
  usedBy: string[];
}

export interface DecisionAnswer {
  output: unknown;
  /** The annotations of the matched rules, in rule order (empty strings dropped). */
  annotations: string[];
}

export interface DecisionTables {
  readonly decisions: ReadonlyMap<string, Omit<CatalogDecision, 'usedBy'>>;
  /** Evaluates a decision as a business rule task would; throws with the decision's message when it fails. */
  evaluate(decisionId: string, variables: Record<string, unknown>): DecisionAnswer;
}

/** Compiles every .dmn under root/bpmn; a file the engine would refuse is a problem naming the file. */
export async function loadDecisionTables(root: string, problems: string[]): Promise<DecisionTables> {
  const dir = join(root, 'bpmn');
  const files = existsSync(dir)
    ? readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .filter((name) => name.endsWith('.dmn'))
        .map((name) => relative(root, join(dir, name)).split(sep).join('/'))
        .sort()
    : [];
  const decisions = new Map<string, Omit<CatalogDecision, 'usedBy'>>();
  const drgOf = new Map<string, ExecutableDrg>();
  for (const file of files) {
    let drg: ExecutableDrg;
    try {
      drg = await transformDmn(readFileSync(join(root, file), 'utf8'));
    } catch (error) {
      if (!(error instanceof ModelRejection)) throw error;
      problems.push(`${file}：${error.message}`);
      continue;
    }
    for (const decision of drg.decisions.values()) {
      if (decisions.has(decision.id)) {
        problems.push(`${file}：决策「${decision.id}」已在 ${decisions.get(decision.id)!.file} 中定义`);
        continue;
      }
      decisions.set(decision.id, {
        decisionId: decision.id,
        nameZh: decision.name,
        file,
        ...(decision.table ? { hitPolicy: decision.table.hitPolicy } : {}),
        rules: decision.table?.rules.length ?? 0,
      });
      drgOf.set(decision.id, drg);
    }
  }
  return {
    decisions,
    evaluate(decisionId, variables) {
      const drg = drgOf.get(decisionId);
      if (!drg) throw new Error(`bpmn/ 下的 .dmn 文件中没有决策「${decisionId}」`);
      const evaluation = evaluateDecision(drg, decisionId, variables, Date.now());
      if (evaluation.failure) throw new Error(evaluation.failure.message);
      const table = drg.decisions.get(decisionId)!.table;
      const matched = evaluation.evaluatedDecisions.at(-1)?.matchedRules ?? [];
      const annotations = matched.map((rule) => table?.rules[rule.ruleIndex - 1]?.annotation ?? '').filter((text) => text !== '');
      return { output: evaluation.output, annotations };
    },
  };
}
