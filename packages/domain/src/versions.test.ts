import { describe, expect, it } from 'vitest';
import { checkVersion } from './versions.js';

describe('checkVersion', () => {
  it.each([
    [1, undefined, []],
    [1, null, []],
    [1, 1, []],
    [7, 7, []],
    [2, 1, [['CONFLICT', ['expectedVersion'], 'version 2, you saw 1']]],
    [1, 2, [['CONFLICT', ['expectedVersion'], 'version 1, you saw 2']]],
    [3, 0, [['CONFLICT', ['expectedVersion'], 'version 3, you saw 0']]],
  ])('current %s, expected %s → %j', (current, expected, errors) => {
    const result = checkVersion(current, expected, 'client');
    expect(result.map((e) => [e.code, e.field, /version \d+, you saw -?\d+/.exec(e.message)?.[0]])).toEqual(errors);
    for (const e of result) expect(e.message).toMatch(/^Someone else changed this client first .*reload and try again\.$/);
  });

  it('names the field it is given', () => {
    expect(checkVersion(2, 1, 'note', ['input', 'expectedVersion'])[0].field).toEqual(['input', 'expectedVersion']);
  });
});
