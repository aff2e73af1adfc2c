import { describe, expect, it } from 'vitest';
import { handOffDone, type HandOffFacts } from './hand-offs.js';
import {
  ACTIVITY_KINDS,
  activityEvent,
  describeActivity,
  describeNotification,
  NOTIFICATION_MESSAGE_KINDS,
  notificationMessage,
  type ActivityKind,
  type ActivityParamsByKind,
  type NotificationMessageKind,
  type NotificationParamsByKind,
} from './messages.js';

const usd = { currency: 'USD' };
const eur = { currency: 'EUR' };

// What people must never read in a message (the architecture test's rule, issue 16).
const INTERNAL = /\b[A-Z]{2,}(_[A-Z]+)+\b|\bcents?\b|`|\b\d{4}-\d{2}-\d{2}\b|\bundefined\b/;

type ActivityCase = { [K in ActivityKind]: [K, ActivityParamsByKind[K], string] }[ActivityKind];

// Every activity kind, worded from the parameters it is stored with (issue 16: "The wording of every
// activity and notification kind from its stored parameters, table-tested").
const ACTIVITY: ActivityCase[] = [
  ['client.updated', { client: 'Acme', changes: ['name', 'payment terms 30 days'] }, 'Client Acme edited: name, payment terms 30 days'],
  ['supplier.updated', { supplier: 'Mugs Inc', changes: ['e-mail cleared'] }, 'Supplier Mugs Inc edited: e-mail cleared'],
  ['product.updated', { sku: 'MUG-11', changes: ['now taxable'] }, 'MUG-11 edited: now taxable'],
  ['product.stock_adjusted', { sku: 'WID-1', quantity: 1200, reason: 'count', onHand: 1260 }, 'WID-1 stock +1,200 (count): on hand 1,260'],
  ['product.stock_adjusted', { sku: 'WID-1', quantity: -5, reason: 'broken', onHand: 55 }, 'WID-1 stock -5 (broken): on hand 55'],
  ['user.updated', { name: 'Ada', handle: 'ada', changes: ['deactivated'] }, 'Ada (@ada) edited: deactivated'],
  ['project.created', { project: 'PRJ-1001', name: 'Spring promo', client: 'Acme' }, 'PRJ-1001 Spring promo created for Acme'],
  ['note.added', { actor: 'Priya', pinned: true, mentions: ['olga', 'ivan'] }, 'Priya added a pinned note mentioning @olga, @ivan'],
  ['note.added', { actor: 'Priya', pinned: false, mentions: [] }, 'Priya added a note'],
  ['note.edited', { actor: 'Priya' }, 'Priya edited a note'],
  ['note.deleted', { actor: 'Priya' }, 'Priya deleted a note'],
  ['note.pinned', { actor: 'Priya' }, 'Priya pinned a note'],
  ['note.unpinned', { actor: 'Priya' }, 'Priya unpinned a note'],
  ['follow_up.created', { actor: 'Priya', assignee: 'Ivan', about: 'PO-1001', dueOn: '2026-12-08', excerpt: 'tees' }, 'Priya asked Ivan to follow up on PO-1001 by Dec 8, 2026: “tees”'],
  ['follow_up.created', { actor: 'Priya', assignee: null, about: null, dueOn: '2026-12-08', excerpt: 'call' }, 'Priya asked themselves to follow up by Dec 8, 2026: “call”'],
  ['follow_up.completed', { actor: 'Ivan', excerpt: 'tees' }, 'Ivan completed a follow-up: “tees”'],
  ['purchase_order.created', { purchaseOrder: 'PO-1003', supplier: 'Mugs Inc' }, 'PO-1003 created for Mugs Inc'],
  ['purchase_order.stage_changed', { purchaseOrder: 'PO-1003', from: 'SHIPPED', to: 'READY_FOR_BILLING', reason: null }, 'PO-1003 moved from Shipped to Ready for billing'],
  ['purchase_order.stage_changed', { purchaseOrder: 'PO-1003', from: 'SHIPPED', to: 'CONFIRMED', reason: 'wrong click' }, 'PO-1003 moved from Shipped to Confirmed (wrong click)'],
  ['purchase_order.stage_changed', { purchaseOrder: 'PO-1003', from: 'CONFIRMED', to: 'SHIPPED', reason: null, received: true }, 'PO-1003 moved from Confirmed to Shipped (everything received)'],
  ['purchase_order.received', { purchaseOrder: 'PO-1003', units: 1 }, 'PO-1003: 1 unit received'],
  ['purchase_order.status_changed', { purchaseOrder: 'PO-1001', from: 'OK', to: 'FOLLOW_UP' }, 'PO-1001 flagged Follow up (was OK)'],
  ['sales_order.created', { salesOrder: 'SO-1001', lines: 2, charges: 1 }, 'SO-1001 created with 2 lines and 1 charge'],
  ['sales_order.created', { salesOrder: 'SO-1001', lines: 1, charges: 0 }, 'SO-1001 created with 1 line'],
  ['sales_order.status_changed', { salesOrder: 'SO-1001', from: 'OPEN', to: 'IN_PRODUCTION', reason: null }, 'SO-1001 moved from Open to In production'],
  ['sales_order.status_changed', { salesOrder: 'SO-1001', from: 'SHIPPED', to: 'READY_TO_BE_INVOICED', reason: 'tees late' }, 'SO-1001 moved from Shipped to Ready to be invoiced (tees late)'],
  ['sales_order.scheduled', { salesOrder: 'SO-1002', units: 60 }, 'SO-1002: 60 units scheduled from stock'],
  ['sales_order.quantity_cancelled', { salesOrder: 'SO-1001', line: 2, quantity: 20, reason: 'client' }, 'SO-1001 line 2: 20 cancelled (client)'],
  ['sales_order.quantity_cancelled', { salesOrder: 'SO-1001', line: null, quantity: 20, reason: 'client' }, 'SO-1001: 20 cancelled (client)'],
  ['sales_order.charge_added', { salesOrder: 'SO-1001', description: 'Freight', quantity: 1, unitPriceCents: 4500 }, 'SO-1001: Freight added (1 × $45.00)'],
  ['sales_order.locked', { salesOrder: 'SO-1001' }, 'SO-1001 is fully invoiced and locked'],
  ['sales_order.unlocked', { salesOrder: 'SO-1001' }, 'SO-1001 is unlocked'],
  ['invoice.created', { invoice: 'INV-1001', salesOrder: 'SO-1001', units: 300, totalCents: 649500 }, 'INV-1001 created for SO-1001: 300 units, total $6,495.00'],
  ['invoice.created', { invoice: null, salesOrder: 'SO-1001', units: 1, totalCents: 1250 }, 'Invoice created for SO-1001: 1 unit, total $12.50'],
  ['invoice.updated', { invoice: 'INV-1001', totalCents: 100, dueDate: '2027-01-06' }, 'INV-1001 edited: total $1.00, due Jan 6, 2027'],
  ['invoice.updated', { invoice: 'INV-1001', totalCents: null, dueDate: '2027-01-06' }, 'INV-1001 edited: due Jan 6, 2027'],
  ['invoice.voided', { invoice: 'INV-1001', reason: 'wrong client' }, 'INV-1001 voided (wrong client)'],
  ['invoice.payment_recorded', { invoice: 'INV-1001', amountCents: 100000, balanceCents: 305938, status: null }, 'INV-1001: payment of $1,000.00, balance $3,059.38'],
  ['invoice.payment_recorded', { invoice: 'INV-1001', amountCents: 305938, balanceCents: 0, status: 'PAID' }, 'INV-1001: payment of $3,059.38, balance $0.00, now paid'],
  ['invoice.refund_recorded', { invoice: 'INV-1001', amountCents: 2706 }, 'INV-1001: refund of $27.06'],
  ['invoice.paid', { invoice: 'INV-1001' }, 'INV-1001 is paid (credited)'],
  ['invoice.sent', { invoice: 'INV-1001', to: ['ap@acme.test', 'ceo@acme.test'] }, 'INV-1001 sent to ap@acme.test, ceo@acme.test'],
  ['invoice.exported', { invoice: 'INV-1001' }, 'INV-1001 exported to accounting'],
  ['invoice.deposit_requested', { deposit: 'DEP-1001', salesOrder: 'SO-1001', amountCents: 50000 }, 'DEP-1001: deposit of $500.00 requested on SO-1001'],
  ['invoice.deposit_requested', { deposit: null, salesOrder: 'SO-1001', amountCents: 50000 }, 'Deposit of $500.00 requested on SO-1001'],
  ['invoice.credited', { memo: 'CM-1001', invoice: 'INV-1001', units: 2, reinvoice: true, restocked: true, amountCents: 2706, reason: 'damaged' }, 'CM-1001 for INV-1001: 2 units taken back to invoice again, restocked, $27.06 (damaged)'],
  ['invoice.credited', { memo: null, invoice: 'INV-1001', units: 1, reinvoice: false, restocked: false, amountCents: 1353, reason: 'kept' }, 'Credit memo for INV-1001: 1 unit taken back, $13.53 (kept)'],
];

type NotificationCase = { [K in NotificationMessageKind]: [K, NotificationParamsByKind[K], string] }[NotificationMessageKind];

const NOTIFICATIONS: NotificationCase[] = [
  ['PURCHASE_ORDER_PROBLEM', { actor: 'Priya', purchaseOrder: 'PO-1001', status: 'PROBLEM', project: 'PRJ-1001', projectName: 'Spring promo' }, 'Priya flagged PO-1001 Problem on PRJ-1001 Spring promo'],
  ['PURCHASE_ORDER_PROBLEM', { actor: null, purchaseOrder: 'PO-1001', status: 'FOLLOW_UP', project: 'PRJ-1001', projectName: 'Spring promo' }, 'Baton flagged PO-1001 Follow up on PRJ-1001 Spring promo'],
  ['READY_TO_INVOICE', { actor: 'Priya', salesOrder: 'SO-1001', project: 'PRJ-1001', projectName: 'Spring promo' }, 'SO-1001 on PRJ-1001 Spring promo is ready to invoice (set by Priya)'],
  ['READY_TO_INVOICE', { actor: null, salesOrder: 'SO-1001', project: 'PRJ-1001', projectName: 'Spring promo' }, 'SO-1001 on PRJ-1001 Spring promo is ready to invoice'],
  ['SALES_ORDER_SHIPPED', { salesOrder: 'SO-1001', project: 'PRJ-1001', projectName: 'Spring promo' }, 'SO-1001 on PRJ-1001 Spring promo has shipped'],
  ['MENTION', { actor: 'Priya', project: 'PRJ-1001', projectName: 'Spring promo', excerpt: 'Only **500 mugs** shipped' }, 'Priya mentioned you on PRJ-1001 Spring promo: “Only **500 mugs** shipped”'],
  ['INVOICE_SENT', { actor: 'Ivan', invoice: 'INV-1001', to: ['ap@acme.test'] }, 'INV-1001 was sent to ap@acme.test by Ivan'],
  ['INVOICE_SENT', { actor: null, invoice: 'INV-1001', to: ['ap@acme.test'] }, 'INV-1001 was sent to ap@acme.test'],
  ['FOLLOW_UP_ASSIGNED', { actor: 'Priya', project: 'PRJ-1001', projectName: 'Spring promo', dueOn: '2026-12-08', excerpt: 'tees' }, 'Priya asked you to follow up on PRJ-1001 Spring promo by Dec 8, 2026: “tees”'],
  ['FOLLOW_UP_DUE', { project: 'PRJ-1001', projectName: 'Spring promo', dueOn: '2026-12-08', today: '2026-12-08', excerpt: 'tees' }, 'Your follow-up on PRJ-1001 Spring promo is due today: “tees”'],
  ['FOLLOW_UP_DUE', { project: 'PRJ-1001', projectName: 'Spring promo', dueOn: '2026-12-01', today: '2026-12-08', excerpt: 'tees' }, 'Your follow-up on PRJ-1001 Spring promo was due Dec 1, 2026: “tees”'],
];

describe('activity messages are worded from their kind and stored parameters', () => {
  it('the table names every activity kind', () => {
    expect(new Set(ACTIVITY.map(([kind]) => kind))).toEqual(new Set(ACTIVITY_KINDS));
  });

  it.each(ACTIVITY)('%s %j → %j', (kind, params, text) => {
    // As stored: through JSON, as the jsonb column gives it back.
    const stored: unknown = JSON.parse(JSON.stringify(params));
    expect(describeActivity(kind, stored, usd)).toBe(text);
    expect(text).not.toMatch(INTERNAL);
    // What is written when it happens reads the same.
    expect(activityEvent(kind, params as never, usd)).toEqual({ kind, params, message: text });
  });

  it('money is written in the organization currency when shown', () => {
    expect(describeActivity('invoice.created', { invoice: 'INV-1', salesOrder: 'SO-1001', units: 3, totalCents: 649500 }, eur)).toBe('INV-1 created for SO-1001: 3 units, total €6,495.00');
  });

  it('an unknown kind or parameters of another shape give no wording (the stored text is shown)', () => {
    expect(describeActivity('invoice.teleported', { invoice: 'INV-1' }, usd)).toBeNull();
    expect(describeActivity('invoice.created', null, usd)).toBeNull();
    expect(describeActivity('invoice.created', { units: 3 }, usd)).toBeNull();
    expect(describeActivity('purchase_order.stage_changed', { purchaseOrder: 'PO-1', from: 'NOWHERE', to: 'SHIPPED' }, usd)).toBeNull();
    expect(describeActivity('toString', {}, usd)).toBeNull();
  });
});

describe('notification messages are worded from their kind and stored parameters', () => {
  it('the table names every notification kind', () => {
    expect(new Set(NOTIFICATIONS.map(([kind]) => kind))).toEqual(new Set(NOTIFICATION_MESSAGE_KINDS));
  });

  it.each(NOTIFICATIONS)('%s %j → %j', (kind, params, text) => {
    expect(describeNotification(kind, JSON.parse(JSON.stringify(params)), usd)).toBe(text);
    expect(text).not.toMatch(INTERNAL);
    expect(notificationMessage(kind, params as never, usd)).toEqual({ params, message: text });
  });

  it('parameters of another shape give no wording', () => {
    expect(describeNotification('MENTION', { project: 'PRJ-1' }, usd)).toBeNull();
    expect(describeNotification('NOT_A_KIND', {}, usd)).toBeNull();
  });
});

describe('a hand-off is done when its action has been taken', () => {
  const so = (status: string, inInvoicingQueue: boolean) => ({ salesOrder: { status, inInvoicingQueue } }) as HandOffFacts;
  const po = (status: string, stage: string) => ({ status, stage }) as HandOffFacts['purchaseOrder'];
  it.each<[NotificationMessageKind, HandOffFacts, boolean]>([
    ['READY_TO_INVOICE', so('READY_TO_BE_INVOICED', true), false],
    ['READY_TO_INVOICE', so('BACKORDERED', true), false],
    ['READY_TO_INVOICE', so('BACKORDERED', false), true],
    ['READY_TO_INVOICE', so('INVOICED', false), true],
    ['READY_TO_INVOICE', so('CANCELLED', false), true],
    ['READY_TO_INVOICE', {}, false],
    ['PURCHASE_ORDER_PROBLEM', { purchaseOrder: po('PROBLEM', 'CONFIRMED') }, false],
    ['PURCHASE_ORDER_PROBLEM', { purchaseOrder: po('FOLLOW_UP', 'SHIPPED'), invoicedSince: false }, false],
    ['PURCHASE_ORDER_PROBLEM', { purchaseOrder: po('PROBLEM', 'CONFIRMED'), invoicedSince: true }, true],
    ['PURCHASE_ORDER_PROBLEM', { purchaseOrder: po('OK', 'CONFIRMED') }, true],
    ['PURCHASE_ORDER_PROBLEM', { purchaseOrder: po('PROBLEM', 'CLOSED') }, true],
    ['PURCHASE_ORDER_PROBLEM', { purchaseOrder: po('PROBLEM', 'CANCELLED') }, true],
    ['PURCHASE_ORDER_PROBLEM', { purchaseOrder: po('PROBLEM', 'SHIPPED'), ...so('INVOICED', false) }, true],
    ['PURCHASE_ORDER_PROBLEM', {}, false],
    ['SALES_ORDER_SHIPPED', so('SHIPPED', false), false],
    ['SALES_ORDER_SHIPPED', so('INVOICED', false), true],
    ['INVOICE_SENT', { invoice: { status: 'SENT_TO_CLIENT' } }, false],
    ['INVOICE_SENT', { invoice: { status: 'PAID' } }, true],
    ['INVOICE_SENT', { invoice: { status: 'VOID' } }, true],
    ['FOLLOW_UP_ASSIGNED', { followUp: { done: false } }, false],
    ['FOLLOW_UP_ASSIGNED', { followUp: { done: true } }, true],
    ['FOLLOW_UP_DUE', { followUp: { done: true } }, true],
    ['FOLLOW_UP_DUE', { followUp: null }, false],
    ['MENTION', { followUp: { done: true }, ...so('INVOICED', false) }, false],
  ])('%s %j → %s', (kind, facts, done) => expect(handOffDone(kind, facts)).toBe(done));

  it('covers every notification kind', () => {
    for (const kind of NOTIFICATION_MESSAGE_KINDS) expect(typeof handOffDone(kind, {})).toBe('boolean');
  });
});
