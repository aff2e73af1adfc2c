import { describe, expect, it } from 'vitest';
import { taxCents, totalsOf } from './invoice-money';

describe('invoice money preview', () => {
  it.each([
    [10_000, 825, 825],
    [1, 5_000, 1], // 0.5 rounds up
    [1, 4_999, 0],
    [12_345, 725, 895], // 894.999… → 895 (half up on the exact value 895.0125)
    [0, 825, 0],
    [10_000, 0, 0],
  ])('tax on %i cents at %i bp is %i', (subtotal, rate, expected) => {
    expect(taxCents(subtotal, rate)).toBe(expected);
  });

  it('adds lines in integer cents', () => {
    expect(totalsOf([{ quantity: 3, unitPriceCents: 1999 }, { quantity: 1, unitPriceCents: 1 }], 825)).toEqual({
      subtotalCents: 5998,
      taxCents: 495,
      totalCents: 6493,
    });
  });
});
