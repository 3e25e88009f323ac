import { describe, expect, it } from 'vitest';
import { exampleData } from '../../../web-modeler/src/bpmn/example-data.js';

describe('exampleData (Play start data)', () => {
  it('should give a text field a value its pattern accepts, so the task forms of the case validate', () => {
    // given
    const schema = {
      components: [
        { type: 'textfield', key: 'totalExpenses', validate: { pattern: '^(0|[1-9]\\d*)(\\.\\d{1,2})?$' } },
        { type: 'textfield', key: 'phone', validate: { pattern: '^1\\d{10}$' } },
        { type: 'textfield', key: 'personName' },
        { type: 'textfield', key: 'idNumber', validate: { pattern: '^\\d{17}[\\dX]$' } },
        { type: 'textfield', key: 'odd', validate: { pattern: '(' } },
      ],
    };

    // when
    const data = exampleData(schema);

    // then
    expect(data).toEqual({ totalExpenses: '100.00', phone: '13800000000', personName: '示例', idNumber: '630103196503152014', odd: '示例' });
  });
});
