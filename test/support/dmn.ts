/** Small helpers to write fixture DMN inline: decision tables, literal expressions, DRGs (DMN 1.3, as Camunda Modeler writes it). */
import { escapeXml } from './bpmn.js';

export interface TableSpec {
  id: string;
  name?: string;
  hitPolicy?: string;
  aggregation?: string;
  inputs: { id?: string; label?: string; expression: string; typeRef?: string; allowed?: string }[];
  outputs: { id?: string; name?: string; label?: string; typeRef?: string; values?: string }[];
  /** Per rule: input entries then output entries, as FEEL text; the annotation (Camunda Modeler's column) as text. */
  rules: { inputs: string[]; outputs: string[]; annotation?: string }[];
  requires?: string[];
  versionTag?: string;
}

export interface LiteralSpec {
  id: string;
  name?: string;
  expression: string;
  typeRef?: string;
  requires?: string[];
}

export function dmnDefinitions(id: string, decisions: string[], name = id): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
  xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="${id}" name="${escapeXml(name)}" namespace="http://camunda.org/schema/1.0/dmn"
  modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.8.0">
${decisions.join('\n')}
</definitions>`;
}

export function decisionTable(spec: TableSpec): string {
  const attrs = [
    spec.hitPolicy ? ` hitPolicy="${spec.hitPolicy}"` : '',
    spec.aggregation ? ` aggregation="${spec.aggregation}"` : '',
  ].join('');
  const inputs = spec.inputs
    .map(
      (input, i) => `<input id="${input.id ?? `${spec.id}_in${i}`}"${input.label ? ` label="${escapeXml(input.label)}"` : ''}>
        <inputExpression id="${spec.id}_ie${i}"${input.typeRef ? ` typeRef="${input.typeRef}"` : ''}><text>${escapeXml(input.expression)}</text></inputExpression>
        ${input.allowed ? `<inputValues id="${spec.id}_iv${i}"><text>${escapeXml(input.allowed)}</text></inputValues>` : ''}
      </input>`,
    )
    .join('');
  const outputs = spec.outputs
    .map(
      (output, i) =>
        `<output id="${output.id ?? `${spec.id}_out${i}`}"${output.name ? ` name="${output.name}"` : ''}${output.label ? ` label="${escapeXml(output.label)}"` : ''}${output.typeRef ? ` typeRef="${output.typeRef}"` : ''}>${
          output.values ? `<outputValues id="${spec.id}_ov${i}"><text>${escapeXml(output.values)}</text></outputValues>` : ''
        }</output>`,
    )
    .join('');
  const rules = spec.rules
    .map(
      (rule, r) => `<rule id="${spec.id}_rule${r + 1}">
        ${rule.annotation ? `<description>${escapeXml(rule.annotation)}</description>` : ''}
        ${rule.inputs.map((text, i) => `<inputEntry id="${spec.id}_r${r}i${i}"><text>${escapeXml(text)}</text></inputEntry>`).join('')}
        ${rule.outputs.map((text, i) => `<outputEntry id="${spec.id}_r${r}o${i}"><text>${escapeXml(text)}</text></outputEntry>`).join('')}
      </rule>`,
    )
    .join('');
  return `<decision id="${spec.id}" name="${escapeXml(spec.name ?? spec.id)}">
    ${spec.versionTag ? `<extensionElements><zeebe:versionTag value="${spec.versionTag}"/></extensionElements>` : ''}
    ${requirements(spec.requires)}
    <decisionTable id="${spec.id}_table"${attrs}>${inputs}${outputs}${rules}</decisionTable>
  </decision>`;
}

export function literalDecision(spec: LiteralSpec): string {
  return `<decision id="${spec.id}" name="${escapeXml(spec.name ?? spec.id)}">
    <variable id="${spec.id}_var" name="${spec.id}"${spec.typeRef ? ` typeRef="${spec.typeRef}"` : ''}/>
    ${requirements(spec.requires)}
    <literalExpression id="${spec.id}_expr"><text>${escapeXml(spec.expression)}</text></literalExpression>
  </decision>`;
}

function requirements(ids: string[] | undefined): string {
  return (ids ?? [])
    .map((id) => `<informationRequirement id="req_${id}_${Math.random().toString(36).slice(2, 8)}"><requiredDecision href="#${id}"/></informationRequirement>`)
    .join('');
}
