/**
 * Lints one DMN file: it must compile exactly as the engine compiles it at deployment (engine/decisions, the same
 * parser, FEEL checks, hit-policy and required-decision rules), and it must use only what Camunda 8.8's DMN engine
 * runs, so the same file deploys on a real cluster: the hit policies PRIORITY and OUTPUT ORDER are refused there.
 * Returns the decision ids it declares, for the cross-file check of business rule tasks.
 */
import { transformDmn } from '../../engine/decisions/transform-dmn.js';
import { ModelRejection } from '../../engine/model/errors.js';
import type { DmnFacts } from './dmn-facts.js';
import { NO_ELEMENT, type Finding } from './finding.js';

export type { DmnFacts };

const NOT_ON_CAMUNDA = new Set(['PRIORITY', 'OUTPUT ORDER']);

export async function lintDmn(file: string, xml: string): Promise<{ findings: Finding[]; facts?: DmnFacts }> {
  try {
    const drg = await transformDmn(xml);
    const findings: Finding[] = [];
    for (const decision of drg.decisions.values()) {
      const hitPolicy = decision.table?.hitPolicy;
      if (hitPolicy && NOT_ON_CAMUNDA.has(hitPolicy)) {
        findings.push({
          file,
          severity: 'error',
          elementId: decision.id,
          rule: 'dmn-hit-policy',
          message: `the hit policy ${hitPolicy} runs on the embedded engine but Camunda 8.8 rejects it; use FIRST, RULE ORDER or COLLECT`,
        });
      }
    }
    return { findings, facts: { file, decisionIds: [...drg.decisions.keys()] } };
  } catch (error) {
    if (!(error instanceof ModelRejection)) throw error;
    return { findings: [{ file, severity: 'error', elementId: error.elementId ?? NO_ELEMENT, rule: 'dmn-compile', message: error.message }] };
  }
}
