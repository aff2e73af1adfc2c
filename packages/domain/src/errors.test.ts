import { describe, expect, it } from 'vitest';
import { checkVersion } from './errors.js';

describe('checkVersion: an edit that names the version its author saw', () => {
  it.each([
    [1, undefined, []],
    [1, null, []],
    [1, 1, []],
    [7, 7, []],
    [2, 1, [['CONFLICT', ['expectedVersion']]]],
    [1, 2, [['CONFLICT', ['expectedVersion']]]],
    [3, 0, [['CONFLICT', ['expectedVersion']]]],
  ])('current %s, expected %s → %j', (current, expected, errors) => {
    const result = checkVersion(current, expected, 'client');
    expect(result.map((e) => [e.code, e.field])).toEqual(errors);
    // In the users' words: no version numbers, what to do next.
    for (const e of result) expect(e.message).toBe('Someone else changed this client since you opened it; reload to see their change, then try again.');
  });

  it('names the field it is given', () => {
    expect(checkVersion(2, 1, 'note', ['input', 'expectedVersion'])[0]?.field).toEqual(['input', 'expectedVersion']);
  });
});
