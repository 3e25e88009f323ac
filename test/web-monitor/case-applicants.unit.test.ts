/**
 * The applicants of a list of cases (web-monitor/src/case-applicants.ts) from the variables /v2 answers: a name
 * stored as anything but text, or cut short, names nobody instead of breaking the list.
 */
import { describe, expect, it } from 'vitest';
import type { Variable } from '../../web-shared/src/api/camunda-types.js';
import type { V2Client } from '../../web-shared/src/api/v2-client.js';
import { applicantsOf } from '../../web-monitor/src/case-applicants.js';

const variable = (processInstanceKey: string, name: string, value: string): Variable => ({ variableKey: `${processInstanceKey}-${name}`, name, value, scopeKey: processInstanceKey, processInstanceKey });

/** A /v2 that answers every variables search with `items`. */
const answering = (items: Variable[]) => ({ searchVariables: () => Promise.resolve({ items, page: { totalItems: items.length } }) }) as unknown as V2Client;

describe('the applicants of a list of cases', () => {
  it('should take a name held as text, trimmed, and the unit’s where the person’s is not text', async () => {
    // given
    const client = answering([
      variable('1', 'personName', '" 韩永福 "'),
      variable('2', 'personName', '{"name":"韩永福"}'),
      variable('2', 'unitName', '"西宁市城东区某公司"'),
      variable('3', 'personName', '"韩永'),
      variable('4', 'personName', '630102199001011234'),
      variable('5', 'personName', 'null'),
    ]);

    // when
    const applicants = await applicantsOf(client, ['1', '2', '3', '4', '5']);

    // then a value cut short, a number or null names nobody
    expect([...applicants]).toEqual([
      ['1', '韩永福'],
      ['2', '西宁市城东区某公司'],
    ]);
  });
});
