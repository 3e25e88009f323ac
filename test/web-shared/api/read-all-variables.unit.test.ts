import { describe, expect, it } from 'vitest';
import type { SearchResult, Variable } from '../../../web-shared/src/api/camunda-types.js';
import { MOST_VARIABLES, readAllVariables } from '../../../web-shared/src/api/read-all-variables.js';

function variables(from: number, count: number): Variable[] {
  return Array.from({ length: count }, (_, index) => ({
    variableKey: String(from + index),
    name: `v${String(from + index).padStart(5, '0')}`,
    value: '1',
    scopeKey: '1',
    processInstanceKey: '1',
  }));
}

/** A server holding `total` variables that answers at most `most` of them a page. */
function server(total: number, most = Infinity) {
  const asked: (string | undefined)[] = [];
  const page = (after: string | undefined, limit: number): Promise<SearchResult<Variable>> => {
    asked.push(after);
    const from = after === undefined ? 0 : Number(after);
    const items = variables(from, Math.max(0, Math.min(limit, most, total - from)));
    return Promise.resolve({ items, page: { totalItems: total, endCursor: String(from + items.length), startCursor: String(from) } });
  };
  return { page, asked };
}

describe('reading all of a case\'s variables', () => {
  it('should read page by page until all are read', async () => {
    // given
    const { page, asked } = server(450);

    // when
    const read = await readAllVariables(page);

    // then
    expect(read.items).toHaveLength(450);
    expect(read.incompleteOf).toBeUndefined();
    expect(asked).toEqual([undefined, '200', '400']);
  });

  it('should stop at the bound and say how many there are', async () => {
    // when
    const read = await readAllVariables(server(MOST_VARIABLES + 5).page);

    // then
    expect(read.items).toHaveLength(MOST_VARIABLES);
    expect(read.incompleteOf).toBe(MOST_VARIABLES + 5);
  });

  it('should report a read incomplete when a page comes short while more are counted', async () => {
    // when: the server answers 150 a page of 320
    const read = await readAllVariables(server(320, 150).page);

    // then
    expect(read.items).toHaveLength(150);
    expect(read.incompleteOf).toBe(320);
  });
});
