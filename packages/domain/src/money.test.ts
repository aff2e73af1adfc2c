import { describe, expect, it } from 'vitest';
import { centsToDecimal, divRoundHalfUp, taxCents, totals } from './money.js';

// DOMAIN.md, "Money": taxCents = round(subtotalCents × taxRateBasisPoints / 10 000), half up; no floating point.
describe('taxCents', () => {
  it.each([
    [0, 825, 0],
    [1000, 0, 0],
    [1000, 825, 83], // 82.5 → 83
    [3000, 825, 248], // 247.5 → 248
    [1001, 825, 83], // 82.5825
    [999, 825, 82], // 82.4175
    [5, 1000, 1], // 0.5 → 1
    [4, 1000, 0], // 0.4
    [15, 1000, 2], // 1.5 → 2
    [25, 1000, 3], // 2.5 → 3
    [14, 1000, 1], // 1.4
    [4, 1250, 1], // 0.5 → 1
    [3, 1250, 0], // 0.375
    [1, 4999, 0], // 0.4999
    [1, 5000, 1], // 0.5 → 1
    [1, 5001, 1], // 0.5001
    [3, 5000, 2], // 1.5 → 2
    [1, 10_000, 1],
    [12_345, 10_000, 12_345], // 100 %
    [39_800, 825, 3284], // 3283.5 → 3284
    [135_313, 725, 9810], // 9810.1925
    [200, 25, 1], // 0.5 → 1
    [199, 25, 0], // 0.4975
  ])('%s at %s bp → %s', (subtotal, bp, expected) => {
    expect(taxCents(subtotal, bp)).toBe(expected);
  });

  // Values where subtotal × rate leaves the safe integers: naive float arithmetic rounds these wrong.
  it.each([
    [9_007_199_254_740_991, 5000, 4_503_599_627_370_496], // …495.5 → …496 (float gives …495)
    [9_007_199_254_740_988, 5000, 4_503_599_627_370_494], // exactly …494 (float gives …495)
    [9_007_199_254_740_986, 2500, 2_251_799_813_685_247], // …246.5 → …247 (float gives …246)
    [9_007_199_254_740_991, 825, 743_093_938_516_132], // 743093938516131.7575
    [999_999_999_999_999, 825, 82_500_000_000_000], // 82499999999999.9175
    [999_999_999_999_999, 10_000, 999_999_999_999_999],
    [1_000_000_000_000_000, 1, 100_000_000_000],
  ])('large: %s at %s bp → %s exactly', (subtotal, bp, expected) => {
    expect(taxCents(subtotal, bp)).toBe(expected);
  });
});

describe('divRoundHalfUp', () => {
  it.each([
    [0n, 10n, 0n],
    [4n, 10n, 0n],
    [5n, 10n, 1n],
    [6n, 10n, 1n],
    [14n, 10n, 1n],
    [15n, 10n, 2n],
    [25n, 10n, 3n],
    [7n, 2n, 4n],
    [10n, 2n, 5n],
  ])('%s / %s → %s', (n, d, q) => expect(divRoundHalfUp(n, d)).toBe(q));
});

describe('totals', () => {
  it.each([
    ['no lines', [], 825, 0, 0, 0],
    ['one line, no tax', [{ quantity: 3, unitPriceCents: 1999 }], 0, 5997, 0, 5997],
    ['tax on the subtotal, half up', [{ quantity: 3, unitPriceCents: 333 }, { quantity: 2, unitPriceCents: 1 }], 825, 1001, 83, 1084],
    ['tax on the subtotal, not per line (5 + 5 at 10 % → 1)', [{ quantity: 5, unitPriceCents: 1 }, { quantity: 5, unitPriceCents: 1 }], 1000, 10, 1, 11],
    ['0-quantity lines add nothing', [{ quantity: 0, unitPriceCents: 999 }, { quantity: 1, unitPriceCents: 1000 }], 825, 1000, 83, 1083],
    ['300 of 500 at 1.99 with 8.25 %', [{ quantity: 300, unitPriceCents: 199 }], 825, 59_700, 4925, 64_625],
    ['100 % tax', [{ quantity: 2, unitPriceCents: 50 }], 10_000, 100, 100, 200],
  ] as [string, { quantity: number; unitPriceCents: number }[], number, number, number, number][])('%s', (_label, lines, bp, subtotalCents, tax, totalCents) => {
    expect(totals(lines, bp)).toEqual({ subtotalCents, taxCents: tax, totalCents });
  });
});

// Reports: "CSV money is decimal text from the integer cents with two decimals and no separators (135313 → 1353.13)".
describe('centsToDecimal', () => {
  it.each([
    [135_313, '1353.13'],
    [5, '0.05'],
    [0, '0.00'],
    [-5, '-0.05'],
    [10, '0.10'],
    [99, '0.99'],
    [100, '1.00'],
    [101, '1.01'],
    [-100, '-1.00'],
    [-135_313, '-1353.13'],
    [100_000_000, '1000000.00'],
    [123_456_789_012, '1234567890.12'],
    [9_007_199_254_740_991, '90071992547409.91'],
    [-9_007_199_254_740_991, '-90071992547409.91'],
  ])('%s → %s', (cents, text) => expect(centsToDecimal(cents)).toBe(text));
});
