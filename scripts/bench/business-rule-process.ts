/**
 * The business rule shape of the in-process driver's `business-rule` workload: start → business rule task that
 * evaluates the project's own decision `account-withdrawal-proofs` (which materials a withdrawal needs, COLLECT over
 * two string inputs, bpmn/account-withdrawal-proofs.dmn) into `requiredMaterials` → end. The instance completes in
 * its creation's command, with one DECISION_EVALUATION event and one decision instance.
 */
import { readFileSync } from 'node:fs';
import { bpmnProcess } from '../../test/support/bpmn.js';

export const BUSINESS_RULE_PROCESS_ID = 'bench-business-rule-process';

export const BUSINESS_RULE_DMN_NAME = 'account-withdrawal-proofs.dmn';

/** The deployed DMN file, read from bpmn/ so the benchmark evaluates what the office deploys. */
export const BUSINESS_RULE_DMN_XML = readFileSync(new URL(`../../bpmn/${BUSINESS_RULE_DMN_NAME}`, import.meta.url), 'utf8');

/** The variables of each instance: the inputs the decision reads. */
export const BUSINESS_RULE_VARIABLES = { withdrawalRoute: 'individual', accountRefundReason: 'death' };

export const BUSINESS_RULE_PROCESS_XML = bpmnProcess(BUSINESS_RULE_PROCESS_ID, `
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="to-rules" sourceRef="start" targetRef="rules"/>
    <bpmn:businessRuleTask id="rules" name="确定应提交材料">
      <bpmn:extensionElements>
        <zeebe:calledDecision decisionId="account-withdrawal-proofs" resultVariable="requiredMaterials"/>
      </bpmn:extensionElements>
    </bpmn:businessRuleTask>
    <bpmn:sequenceFlow id="to-end" sourceRef="rules" targetRef="end"/>
    <bpmn:endEvent id="end"/>`, 'Benchmark business rule');
