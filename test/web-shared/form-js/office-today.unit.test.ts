/**
 * The context of a form's expression with FEEL's today() the office's day (office-today-context.ts): put in where
 * the expression names it, and a form's own data key named today left as the form gave it.
 */
import { describe, expect, it } from 'vitest';
import { withOfficeToday } from '../../../web-shared/src/form-js/office-today-context.js';

const today = () => 'office day';

describe('withOfficeToday', () => {
  it('should put the office’s today into the context of an expression that names it', () => {
    const context = withOfficeToday('=date(出院日期) > today()', { 出院日期: '2026-03-03' }, today);
    expect(context).toEqual({ 出院日期: '2026-03-03', today });
  });

  it('should leave the context of an expression that does not name it as it is', () => {
    const data = { 出院日期: '2026-03-03' };
    expect(withOfficeToday('=出院日期 != null', data, today)).toBe(data);
  });

  it('should leave a form’s own data key named today as the form gave it', () => {
    // given a form whose data has a field named today
    const data = { today: '2026-01-01' };

    // then an expression naming it reads the field, not the office day
    expect(withOfficeToday('=today', data, today)).toEqual({ today: '2026-01-01' });
    // an empty field too: it is the form's
    expect(withOfficeToday('=today = null', { today: null }, today)).toEqual({ today: null });
  });
});
