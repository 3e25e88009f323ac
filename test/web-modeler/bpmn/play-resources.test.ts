import { describe, expect, it } from 'vitest';
import { linkedFiles } from '../../../web-modeler/src/bpmn/play-resources.js';
import type { BpmnModelerLike } from '../../../web-modeler/src/bpmn/modeler-types.js';

function modelerWith(values: Record<string, unknown>[][]): BpmnModelerLike {
  const elements = values.map((extensions) => ({ businessObject: { extensionElements: { values: extensions } } }));
  return { get: () => ({ getAll: () => [...elements, { businessObject: {} }] }), saveXML: async () => ({}) };
}

describe('linkedFiles (what Play deploys beside the diagram)', () => {
  it('should take the forms the diagram links and the decision tables it calls, nothing else', () => {
    // given
    const modeler = modelerWith([
      [{ $type: 'zeebe:FormDefinition', formId: 'fc10-application' }],
      [{ $type: 'zeebe:CalledDecision', decisionId: 'statutory-time-limit', resultVariable: 'timeLimit' }],
      [{ $type: 'zeebe:TaskDefinition', type: 'compute-deadline' }],
    ]);
    const context = {
      forms: [
        { formId: 'fc10-application', file: 'forms/fc10-application.form' },
        { formId: 'fc20-application', file: 'forms/fc20-application.form' },
      ],
      decisions: [
        { file: 'bpmn/statutory-time-limit.dmn', decisionIds: ['statutory-time-limit'] },
        { file: 'bpmn/maternity-leave-days.dmn', decisionIds: ['maternity-leave-days'] },
      ],
    } as unknown as Parameters<typeof linkedFiles>[1];

    // when
    const files = linkedFiles(modeler, context);

    // then
    expect(files).toEqual(['forms/fc10-application.form', 'bpmn/statutory-time-limit.dmn']);
  });
});
