import { describe, expect, it } from 'vitest';
import { anythingReady, somethingRemains, statusFactsOf, stillToBuy, type LineState } from './sales-orders.js';

const line = (patch: Partial<LineState>): LineState => ({
  id: 'l',
  quantity: 10,
  cancelled: 0,
  invoiced: 0,
  scheduled: 0,
  received: 0,
  inventoried: false,
  unitPriceCents: 100,
  ...patch,
});

describe('somethingRemains / anythingReady', () => {
  it.each([
    [[line({})], true, false],
    [[line({ invoiced: 10 })], false, false],
    [[line({ cancelled: 4, invoiced: 6 })], false, false],
    [[line({ received: 3 })], true, true],
    [[line({ inventoried: true, scheduled: 2 })], true, true],
    [[line({ invoiced: 10 }), line({ received: 1 })], true, true],
    [[], false, false],
  ])('%j → remains %s, ready %s', (lines, remains, ready) => {
    expect(somethingRemains(lines)).toBe(remains);
    expect(anythingReady(lines)).toBe(ready);
  });
});

describe('statusFactsOf', () => {
  it('reads invoiced, remaining and the PO flag from the lines', () => {
    expect(statusFactsOf('OPEN', [line({ invoiced: 2 })], true)).toEqual({ status: 'OPEN', anythingInvoiced: true, anyPurchaseOrderSubmitted: true, somethingRemains: true });
    expect(statusFactsOf('BACKORDERED', [line({ invoiced: 10 })], false)).toEqual({ status: 'BACKORDERED', anythingInvoiced: true, anyPurchaseOrderSubmitted: false, somethingRemains: false });
  });
});

describe('stillToBuy', () => {
  it.each([
    [{ quantity: 500, cancelled: 0 }, 0, 500],
    [{ quantity: 500, cancelled: 100 }, 0, 400],
    [{ quantity: 500, cancelled: 100 }, 300, 100],
    [{ quantity: 500, cancelled: 0 }, 600, 0],
  ])('%j with %i on live POs → %i', (l, bought, expected) => expect(stillToBuy(l, bought)).toBe(expected));
});
