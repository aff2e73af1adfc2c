import { describe, expect, it } from 'vitest';
import type { Decision } from './errors.js';
import { available, planAdjustment, reorderSuggestion } from './stock.js';

const codes = (d: Decision<unknown>): string[] => (d.ok ? [] : d.errors.map((e) => e.code));
const fieldOf = (d: Decision<unknown>): string[] | undefined => (d.ok ? undefined : d.errors[0]?.field);

// DOMAIN.md, "Stock": an adjustment may not take on hand below what is scheduled (INSUFFICIENT_STOCK).
describe('planAdjustment', () => {
  it.each([
    [{ onHand: 10, scheduled: 0 }, 5, 15],
    [{ onHand: 10, scheduled: 0 }, -10, 0],
    [{ onHand: 10, scheduled: 4 }, -6, 4], // down to exactly what is scheduled
    [{ onHand: 10, scheduled: 4 }, -1, 9],
    [{ onHand: 2, scheduled: 5 }, 1, 3], // already below (e.g. after a void): adding is fine
    [{ onHand: 0, scheduled: 0 }, 1_000, 1_000],
  ])('%j adjusted by %s → on hand %s', (stock, quantity, onHand) => {
    expect(planAdjustment(stock, quantity, 'cycle count')).toEqual({ ok: true, value: onHand });
  });

  it.each([
    [{ onHand: 10, scheduled: 4 }, -7],
    [{ onHand: 10, scheduled: 10 }, -1],
    [{ onHand: 0, scheduled: 1 }, -1],
    [{ onHand: 2, scheduled: 5 }, -1],
  ])('%j adjusted by %s → INSUFFICIENT_STOCK', (stock, quantity) => {
    const d = planAdjustment(stock, quantity, 'damaged');
    expect(codes(d)).toEqual(['INSUFFICIENT_STOCK']);
    expect(fieldOf(d)).toEqual(['quantity']);
  });

  it.each([0, 1.5, -0.5, Number.NaN, Number.POSITIVE_INFINITY])('quantity %s → INVALID_INPUT on quantity', (quantity) => {
    const d = planAdjustment({ onHand: 10, scheduled: 0 }, quantity, 'why');
    expect(codes(d)).toEqual(['INVALID_INPUT']);
    expect(fieldOf(d)).toEqual(['quantity']);
  });

  // The contract: adjustStock(productId, quantity, reason: String!)
  it.each([undefined, null, '', '   '])('reason %j → INVALID_INPUT on reason', (reason) => {
    const d = planAdjustment({ onHand: 10, scheduled: 0 }, 1, reason);
    expect(codes(d)).toEqual(['INVALID_INPUT']);
    expect(fieldOf(d)).toEqual(['reason']);
  });

  it('input values answer before quantities (INVALID_INPUT before INSUFFICIENT_STOCK)', () => {
    expect(codes(planAdjustment({ onHand: 10, scheduled: 10 }, -5, ''))).toEqual(['INVALID_INPUT']);
  });
});

// available = onHand − committed + onOrder
describe('available', () => {
  it.each([
    [10, 0, 0, 10],
    [10, 4, 0, 6],
    [10, 4, 5, 11],
    [0, 12, 5, -7],
    [3, 0, 20, 23],
  ])('on hand %s, committed %s, on order %s → %s', (onHand, committed, onOrder, expected) => {
    expect(available({ onHand, committed, onOrder })).toBe(expected);
  });
});

// Inventory reorder: minStock > 0 and available ≤ minStock; suggested = max(0, maxStock − available).
describe('reorderSuggestion', () => {
  it.each([
    [0, 100, -5, null], // minStock 0: never listed
    [-1, 100, -5, null],
    [10, 50, 11, null], // above the minimum
    [10, 50, 10, 40], // exactly at the minimum
    [10, 50, 3, 47],
    [10, 50, 0, 50],
    [10, 50, -7, 57], // more committed than on hand and on order
    [10, 5, 8, 0], // maxStock below available: never negative
    [10, 0, 10, 0],
  ])('min %s, max %s, available %s → %s', (minStock, maxStock, avail, expected) => {
    expect(reorderSuggestion({ minStock, maxStock, available: avail })).toBe(expected);
  });
});
