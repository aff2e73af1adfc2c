import { describe, expect, it } from 'vitest';
import { parsePrefillLines } from './purchase-order-prefill';

describe('parsePrefillLines', () => {
  it('reads productId:qty pairs', () => {
    expect(parsePrefillLines('p1:40, p2:5')).toEqual([
      { productId: 'p1', quantity: 40 },
      { productId: 'p2', quantity: 5 },
    ]);
  });

  it('skips what it cannot read', () => {
    expect(parsePrefillLines('p1:0,p2:-3,p3,p4:2.5,:4,p5:7')).toEqual([{ productId: 'p5', quantity: 7 }]);
    expect(parsePrefillLines(undefined)).toEqual([]);
    expect(parsePrefillLines(['p1:1', 'p2:2'])).toEqual([
      { productId: 'p1', quantity: 1 },
      { productId: 'p2', quantity: 2 },
    ]);
  });
});
