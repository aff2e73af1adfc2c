import { describe, expect, it } from 'vitest';
import { nextStep, type InvoiceStepFacts, type PurchaseOrderStepFacts, type SalesOrderStepFacts } from './next-steps.js';

const yes = { allowed: true };
const no = { allowed: false };

// SO-1001 of workflow A: 500 mugs shipped (ready), 200 tees late.
const order = (over: Partial<SalesOrderStepFacts> = {}): SalesOrderStepFacts => ({
  id: 'so1',
  number: 'SO-1001',
  readyToInvoiceCents: 129_800,
  lines: [
    { kind: 'GOODS', description: 'Ceramic mug', readyToInvoice: 20, backordered: 0 },
    { kind: 'GOODS', description: 'Classic tee', readyToInvoice: 0, backordered: 0 },
  ],
  can: { createInvoice: no, schedule: no, createPurchaseOrders: no },
  ...over,
});

const po = (over: Partial<PurchaseOrderStepFacts> = {}): PurchaseOrderStepFacts => ({
  id: 'po1',
  number: 'PO-1001',
  stage: 'CONFIRMED',
  status: 'OK',
  hasProject: true,
  lines: [{ description: 'Classic tee', outstanding: 200 }],
  nextStages: ['SHIPPED', 'READY_FOR_BILLING', 'BILLED', 'CLOSED', 'CANCELLED', 'SUBMITTED'],
  can: { setStage: no, setStatus: no, receive: no },
  ...over,
});

const invoice = (over: Partial<InvoiceStepFacts> = {}): InvoiceStepFacts => ({
  id: 'inv1',
  number: 'INV-1002',
  kind: 'STANDARD',
  status: 'OPEN',
  totalCents: 129_800,
  balanceCents: 129_800,
  can: { send: no, recordPayment: no, recordRefund: no },
  ...over,
});

describe('nextStep: a sales order', () => {
  const table: [string, SalesOrderStepFacts, string | null, string | null][] = [
    ['something ready, the viewer may invoice', order({ can: { createInvoice: yes } }), '20 × Ceramic mug ready to invoice · $1,298.00', 'Create invoice'],
    [
      'ready on several lines',
      order({
        lines: [
          { kind: 'GOODS', description: 'Ceramic mug', readyToInvoice: 20, backordered: 0 },
          { kind: 'GOODS', description: 'Classic tee', readyToInvoice: 300, backordered: 0 },
        ],
        can: { createInvoice: yes },
      }),
      '320 units ready to invoice · $1,298.00',
      'Create invoice',
    ],
    [
      'only a charge ready',
      order({ lines: [{ kind: 'SETUP', description: 'Setup', readyToInvoice: 1, backordered: 0 }], readyToInvoiceCents: 5_000, can: { createInvoice: yes } }),
      'Charges ready to invoice · $50.00',
      'Create invoice',
    ],
    ['the same order for a viewer who may not invoice: nothing', order(), null, null],
    ['stock on hand to schedule', order({ can: { createInvoice: no, schedule: yes } }), 'Stock on hand can fill this order', 'Schedule stock'],
    ['drop-ship goods to buy', order({ can: { createInvoice: no, schedule: no, createPurchaseOrders: yes } }), 'Drop-ship goods still to buy', 'Create purchase orders'],
    ['invoicing comes before scheduling', order({ can: { createInvoice: yes, schedule: yes, createPurchaseOrders: yes } }), '20 × Ceramic mug ready to invoice · $1,298.00', 'Create invoice'],
  ];
  it.each(table)('%s', (_, facts, label, actionLabel) => {
    const step = nextStep('salesOrder', facts);
    expect(step?.label ?? null).toBe(label);
    expect(step?.actionLabel ?? null).toBe(actionLabel);
    if (step) expect(step.record).toEqual({ kind: 'salesOrder', id: 'so1', number: 'SO-1001' });
  });

  it('says plainly that a backordered order is billed only for what is ready', () => {
    const step = nextStep(
      'salesOrder',
      order({
        lines: [
          { kind: 'GOODS', description: 'Ceramic mug', readyToInvoice: 500, backordered: 0 },
          { kind: 'GOODS', description: 'Classic tee', readyToInvoice: 0, backordered: 200 },
        ],
        can: { createInvoice: yes },
      }),
    );
    expect(step?.detail).toBe('Only the ready goods are billed; still waiting for goods: 200 × Classic tee.');
  });

  it('money in the organization’s currency', () => {
    expect(nextStep('salesOrder', order({ can: { createInvoice: yes } }), 'EUR')?.label).toBe('20 × Ceramic mug ready to invoice · €1,298.00');
  });
});

describe('nextStep: a purchase order', () => {
  const table: [string, PurchaseOrderStepFacts, string | null, string | null][] = [
    ['flagged Problem, the viewer manages POs: tag the reps', po({ status: 'PROBLEM', can: { setStage: yes, setStatus: yes, receive: yes } }), 'PO-1001 flagged Problem: tag the reps', 'Add a note'],
    ['flagged Follow up', po({ status: 'FOLLOW_UP', can: { setStage: yes, setStatus: yes } }), 'PO-1001 flagged Follow up: tag the reps', 'Add a note'],
    ['flagged, but a stock PO (no project for a note): receive', po({ status: 'PROBLEM', hasProject: false, can: { setStage: yes, setStatus: yes, receive: yes } }), '200 × Classic tee outstanding on PO-1001', 'Receive'],
    ['flagged, seen by an invoicing rep: nothing', po({ status: 'PROBLEM' }), null, null],
    ['goods outstanding, the viewer may receive', po({ can: { setStage: yes, setStatus: yes, receive: yes } }), '200 × Classic tee outstanding on PO-1001', 'Receive'],
    ['nothing outstanding: the next stage forward', po({ stage: 'SHIPPED', lines: [{ description: 'Classic tee', outstanding: 0 }], nextStages: ['READY_FOR_BILLING', 'BILLED', 'CLOSED', 'CONFIRMED'], can: { setStage: yes, setStatus: yes, receive: yes } }), 'PO-1001 is shipped', '→ Ready for billing'],
    ['only moves back are open: nothing', po({ stage: 'CLOSED', nextStages: [], can: { setStage: no, setStatus: yes, receive: no } }), null, null],
    ['a stage forward without lines known', po({ lines: undefined, can: { setStage: yes, setStatus: yes } }), 'PO-1001 is confirmed', '→ Shipped'],
  ];
  it.each(table)('%s', (_, facts, label, actionLabel) => {
    const step = nextStep('purchaseOrder', facts);
    expect(step?.label ?? null).toBe(label);
    expect(step?.actionLabel ?? null).toBe(actionLabel);
  });

  it('names the stage it moves to', () => {
    expect(nextStep('purchaseOrder', po({ lines: undefined, can: { setStage: yes, setStatus: yes } }))?.stage).toBe('SHIPPED');
  });
});

describe('nextStep: an invoice', () => {
  const table: [string, InvoiceStepFacts, string | null, string | null][] = [
    ['open, the viewer may send', invoice({ can: { send: yes, recordPayment: yes, recordRefund: no } }), 'Invoice INV-1002 ready to send · $1,298.00', 'Send'],
    ['a deposit to send', invoice({ kind: 'DEPOSIT', number: 'DEP-1001', totalCents: 20_000, can: { send: yes, recordPayment: yes, recordRefund: no } }), 'Deposit invoice DEP-1001 ready to send · $200.00', 'Send'],
    ['open, seen by an order rep: nothing', invoice(), null, null],
    ['sent with a balance: record the payment', invoice({ status: 'SENT_TO_CLIENT', balanceCents: 29_800, can: { send: yes, recordPayment: yes, recordRefund: no } }), '$298.00 still due on INV-1002', 'Record payment'],
    ['a refund owed', invoice({ status: 'PAID', balanceCents: -2_000, can: { send: yes, recordPayment: no, recordRefund: yes } }), 'A refund of $20.00 is owed on INV-1002', 'Record refund'],
    ['paid: nothing', invoice({ status: 'PAID', balanceCents: 0, can: { send: yes, recordPayment: no, recordRefund: no } }), null, null],
    ['void: nothing', invoice({ status: 'VOID', can: { send: no, recordPayment: no, recordRefund: no } }), null, null],
  ];
  it.each(table)('%s', (_, facts, label, actionLabel) => {
    const step = nextStep('invoice', facts);
    expect(step?.label ?? null).toBe(label);
    expect(step?.actionLabel ?? null).toBe(actionLabel);
  });
});

describe('nextStep: a project takes its most pressing record', () => {
  it('a flagged PO before an order ready to invoice, and says how many more', () => {
    const step = nextStep('project', {
      salesOrders: [order({ can: { createInvoice: yes } })],
      purchaseOrders: [po({ status: 'PROBLEM', lines: undefined, can: { setStage: yes, setStatus: yes } })],
      invoices: [],
    });
    expect(step?.label).toBe('PO-1001 flagged Problem: tag the reps');
    expect(step?.detail).toMatch(/1 other step on this project\.$/);
  });

  it('names the record when its own words do not', () => {
    const step = nextStep('project', { salesOrders: [order({ can: { createInvoice: yes } })], purchaseOrders: [po()], invoices: [invoice()] });
    expect(step).toMatchObject({ label: 'SO-1001: 20 × Ceramic mug ready to invoice · $1,298.00', action: 'createInvoice', record: { kind: 'salesOrder', id: 'so1' }, detail: null });
  });

  it('nothing for a viewer with nothing to do on any record', () => {
    expect(nextStep('project', { salesOrders: [order()], purchaseOrders: [po({ status: 'PROBLEM' })], invoices: [invoice()] })).toBeNull();
  });
});
