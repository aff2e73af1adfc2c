import { describe, expect, it } from 'vitest';
import { checkDateRange } from './filters.js';

describe('checkDateRange', () => {
  it.each([
    [null, null, 0],
    ['2026-12-01', null, 0],
    [undefined, '2026-12-01', 0],
    ['2026-12-01', '2026-12-01', 0],
    ['2026-11-30', '2026-12-01', 0],
    ['2026-12-02', '2026-12-01', 1],
  ])('%s … %s: %i refusal', (from, to, count) => {
    const errors = checkDateRange(from, to);
    expect(errors).toHaveLength(count);
    if (count) expect(errors[0]).toMatchObject({ message: 'The start date is after the end date.', field: ['to'] });
  });
});
