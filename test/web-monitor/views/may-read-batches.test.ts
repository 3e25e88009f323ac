import { describe, expect, it } from 'vitest';
import { mayReadBatches } from '../../../web-monitor/src/views/may-read-batches.js';

describe('who may read batch operations', () => {
  it('should go by the roles granted BATCH READ, not by access to every component', () => {
    expect(mayReadBatches({ roles: ['clerk'], authorizedComponents: ['*'] })).toBe(false);
    expect(mayReadBatches({ roles: ['manager'], authorizedComponents: ['operate'] })).toBe(true);
    expect(mayReadBatches({ roles: ['admin'], authorizedComponents: ['*'] })).toBe(true);
    expect(mayReadBatches({ roles: ['analyst'], authorizedComponents: ['operate'] })).toBe(false);
  });
});
