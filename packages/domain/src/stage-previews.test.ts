import { describe, expect, it } from 'vitest';
import { decideStageChange, type LinkedOrderFacts, type PurchaseOrderFacts } from './purchase-order-decisions.js';
import type { LineState } from './sales-orders.js';
import { stageChangeEffect } from './stage-previews.js';

// PO-1001 of workflow A: 500 mugs received, 200 tees outstanding, for SO-1001.
const po: PurchaseOrderFacts = {
  number: 'PO-1001',
  stage: 'CONFIRMED',
  status: 'PROBLEM',
  version: 3,
  hasProject: true,
  lines: [
    { id: 'pl1', productId: 'mug', quantity: 500, received: 500, salesOrderLineId: 'sl1' },
    { id: 'pl2', productId: 'tee', quantity: 200, received: 0, salesOrderLineId: 'sl2' },
  ],
};
const described = { number: po.number, lines: [{ id: 'pl1', description: 'Ceramic mug' }, { id: 'pl2', description: 'Classic tee' }] };
const line = (id: string, quantity: number, received: number, invoiced: number): LineState => ({ id, quantity, cancelled: 0, invoiced, received, scheduled: 0, inventoried: false, unitPriceCents: 100 });
const order: LinkedOrderFacts = { status: 'BACKORDERED', lines: [line('sl1', 500, 500, 500), line('sl2', 200, 0, 0)], otherStages: [] };

function effect(to: Parameters<typeof decideStageChange>[1], reason: string | null = null) {
  const d = decideStageChange(po, to, reason, 3, order);
  if (!d.ok) throw new Error(d.errors[0]?.message);
  return stageChangeEffect(described, to, d.value, 'SO-1001');
}

describe('stageChangeEffect: what a stage move will do, from the decision the mutation runs', () => {
  it('a jump to Ready for billing receives what is outstanding and releases the order', () => {
    const e = effect('READY_FOR_BILLING');
    expect(e.summary).toBe('This moves PO-1001 to Ready for billing, receives 200 × Classic tee and sets SO-1001 Ready to be invoiced.');
    expect(e.received).toEqual([{ purchaseOrderLineId: 'pl2', description: 'Classic tee', quantity: 200 }]);
    expect(e.salesOrderStatusAfter).toBe('READY_TO_BE_INVOICED');
  });

  it('a move back says what stays', () => {
    const e = effect('SUBMITTED', 'supplier re-opened it');
    expect(e.summary).toBe('This moves PO-1001 back to Submitted; what was received stays received and SO-1001 is left as it is.');
    expect(e.received).toEqual([]);
  });

  it('a move that receives nothing says so', () => {
    const e = stageChangeEffect(described, 'BILLED', { backward: false, receive: new Map(), orderStatuses: [] }, 'SO-1001');
    expect(e.summary).toBe('This moves PO-1001 to Billed; nothing is received and no sales order changes.');
  });
});
