/**
 * bpmnlint `recommended` as `npm run lint` runs it, with every rule bundled (a static resolver), so the same
 * linter runs in Node and in the web modeler. Changes to the preset:
 *
 * - off: what @camunda/linting already runs (`bpmnlint:correctness`, `start-event-required` via camunda-compat,
 *   `no-bpmndi` via its plugin), so nothing is reported twice;
 * - off: `no-inclusive-gateway` — Camunda 8.8 executes inclusive gateways (fork and join);
 * - warn: `no-gateway-join-fork` — Zeebe runs a gateway that joins and forks; splitting it is only clearer;
 * - `label-required` stays on; lint-bpmn.ts keeps only the labels that matter.
 */
import { Linter } from 'bpmnlint';
import correctness from 'bpmnlint/config/correctness';
import recommended from 'bpmnlint/config/recommended';
import StaticResolver from 'bpmnlint/lib/resolver/static-resolver';
import adHocSubProcess from 'bpmnlint/rules/ad-hoc-sub-process';
import conditionalFlows from 'bpmnlint/rules/conditional-flows';
import endEventRequired from 'bpmnlint/rules/end-event-required';
import eventBasedGateway from 'bpmnlint/rules/event-based-gateway';
import eventSubProcessTypedStartEvent from 'bpmnlint/rules/event-sub-process-typed-start-event';
import fakeJoin from 'bpmnlint/rules/fake-join';
import global from 'bpmnlint/rules/global';
import labelRequired from 'bpmnlint/rules/label-required';
import linkEvent from 'bpmnlint/rules/link-event';
import noBpmndi from 'bpmnlint/rules/no-bpmndi';
import noComplexGateway from 'bpmnlint/rules/no-complex-gateway';
import noDisconnected from 'bpmnlint/rules/no-disconnected';
import noDuplicateSequenceFlows from 'bpmnlint/rules/no-duplicate-sequence-flows';
import noGatewayJoinFork from 'bpmnlint/rules/no-gateway-join-fork';
import noImplicitEnd from 'bpmnlint/rules/no-implicit-end';
import noImplicitSplit from 'bpmnlint/rules/no-implicit-split';
import noImplicitStart from 'bpmnlint/rules/no-implicit-start';
import noInclusiveGateway from 'bpmnlint/rules/no-inclusive-gateway';
import noOverlappingElements from 'bpmnlint/rules/no-overlapping-elements';
import singleBlankStartEvent from 'bpmnlint/rules/single-blank-start-event';
import singleEventDefinition from 'bpmnlint/rules/single-event-definition';
import startEventRequired from 'bpmnlint/rules/start-event-required';
import subProcessBlankStartEvent from 'bpmnlint/rules/sub-process-blank-start-event';
import superfluousGateway from 'bpmnlint/rules/superfluous-gateway';
import superfluousLabel from 'bpmnlint/rules/superfluous-label';
import superfluousTermination from 'bpmnlint/rules/superfluous-termination';
import type { ModdleElement } from './moddle-element.js';

export interface BpmnlintReport {
  id?: string;
  message: string;
  category: string;
}

export type BpmnlintReports = Record<string, BpmnlintReport[]>;

export interface RecommendedLinter {
  lint(definitions: ModdleElement): Promise<BpmnlintReports>;
}

const RULES: Record<string, unknown> = {
  'ad-hoc-sub-process': adHocSubProcess,
  'conditional-flows': conditionalFlows,
  'end-event-required': endEventRequired,
  'event-based-gateway': eventBasedGateway,
  'event-sub-process-typed-start-event': eventSubProcessTypedStartEvent,
  'fake-join': fakeJoin,
  global,
  'label-required': labelRequired,
  'link-event': linkEvent,
  'no-bpmndi': noBpmndi,
  'no-complex-gateway': noComplexGateway,
  'no-disconnected': noDisconnected,
  'no-duplicate-sequence-flows': noDuplicateSequenceFlows,
  'no-gateway-join-fork': noGatewayJoinFork,
  'no-implicit-end': noImplicitEnd,
  'no-implicit-split': noImplicitSplit,
  'no-implicit-start': noImplicitStart,
  'no-inclusive-gateway': noInclusiveGateway,
  'no-overlapping-elements': noOverlappingElements,
  'single-blank-start-event': singleBlankStartEvent,
  'single-event-definition': singleEventDefinition,
  'start-event-required': startEventRequired,
  'sub-process-blank-start-event': subProcessBlankStartEvent,
  'superfluous-gateway': superfluousGateway,
  'superfluous-label': superfluousLabel,
  'superfluous-termination': superfluousTermination,
};

export function recommendedLinter(): RecommendedLinter {
  const cache: Record<string, unknown> = { 'config:bpmnlint/recommended': recommended };
  for (const [name, rule] of Object.entries(RULES)) cache[`rule:bpmnlint/${name}`] = rule;
  const covered = Object.keys(correctness.rules);
  const rules = {
    ...Object.fromEntries([...covered, 'start-event-required', 'no-bpmndi'].map((rule) => [rule, 'off'])),
    'no-inclusive-gateway': 'off',
    'no-gateway-join-fork': 'warn',
  };
  return new Linter({ config: { extends: 'bpmnlint:recommended', rules }, resolver: new StaticResolver(cache) }) as RecommendedLinter;
}
