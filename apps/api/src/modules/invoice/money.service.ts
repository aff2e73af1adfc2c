import { activityEvent, NO_AMOUNTS, decideCreditMemo, decideRefund, decideRequestDeposit, notFound, NumberSeries, orderFigures, todayUtc, under, type CreditMemoDecision, type CreditMemoLineRequest, type Decision, type DepositRequest } from '@baton/domain';
import type { EntityManager } from '@mikro-orm/postgresql';
import { findById, mustFind } from '../../common/lookup.js';
import { SalesOrder } from '../sales-order/sales-order.entity.js';
import type { Viewer } from '../../common/viewer.js';
import { recordActivity } from '../activity/activity.service.js';
import { raiseHandOff } from '../notification/hand-off.js';
import { nextNumber } from '../numbering/numbering.service.js';
import { changeStatus, linesOf, recordOrderEvents, salesOrderFacts, setLocked } from '../sales-order/sales-order.state.js';
import { InvoiceLine } from './invoice-line.entity.js';
import { takeParties } from './invoice.document.js';
import { Invoice } from './invoice.entity.js';
import { decided, invoiceFacts, lockedOrder, lockInvoice, moveOrderStock, writeOrderLines } from './invoice.state.js';
import { Refund } from './refund.entity.js';

/**
 * Deposits, credit memos and refunds (DOMAIN.md): each loads its facts under the order's lock (the
 * lock order PO → SO → product), makes one domain decision and writes it.
 */

export interface NewDeposit extends DepositRequest {
  salesOrderId: string;
}

/** requestDeposit: a DEP- invoice of one amount, no lines, no tax, due on its date. */
export async function requestDeposit(em: EntityManager, viewer: Viewer, input: NewDeposit): Promise<Invoice> {
  const { order, facts } = await lockedOrder(em, input.salesOrderId, ['input', 'salesOrderId']);
  const d = decided(decideRequestDeposit(facts, input));
  const date = todayUtc();
  const deposit = em.create(Invoice, {
    number: await nextNumber(em, viewer.organizationId, NumberSeries.DEPOSIT),
    kind: 'DEPOSIT',
    salesOrder: order,
    project: order.project,
    client: order.client,
    invoiceDate: date,
    dueDate: date,
    subtotalCents: d.amountCents,
    taxableSubtotalCents: 0,
    taxCents: 0,
    totalCents: d.amountCents,
    // The goods it is paid ahead of, as they stood.
    stillToFollow: d.stillToFollow,
  });
  await takeParties(em, deposit, viewer.organizationId, order.client.id);
  recordOrderEvents(em, order, d.events.map((e) => ({ ...e, message: e.message.replace(/^Deposit/, `${deposit.number}: deposit`), params: e.params && { ...e.params, deposit: deposit.number } })), viewer.userId, deposit.id);
  return deposit;
}

export interface NewCreditMemo {
  invoiceId: string;
  lines: CreditMemoLineRequest[];
  reason: string;
  reinvoice?: boolean | null;
  restock?: boolean | null;
}

/**
 * createCreditMemo: a CM- document with negative money taking units back from one issued standard
 * invoice; the order's lines, status, lock and stock follow; the invoice's credited amount and
 * balance follow (PAID at 0). Two memos on one invoice at once queue on the order's lock.
 */
export async function createCreditMemo(em: EntityManager, viewer: Viewer, input: NewCreditMemo): Promise<Invoice> {
  const { invoice, order, lines, orderFacts, facts } = await lockInvoice(em, input.invoiceId, ['input', 'invoiceId']);
  const d = decided(decideCreditMemo(facts, orderFacts, input), ['input']);
  const date = todayUtc();
  const memo = em.create(Invoice, {
    number: await nextNumber(em, viewer.organizationId, NumberSeries.CREDIT_MEMO),
    kind: 'CREDIT_MEMO',
    creditedInvoice: invoice,
    reason: (input.reason ?? '').trim(),
    salesOrder: order,
    project: order.project,
    client: order.client,
    invoiceDate: date,
    dueDate: date,
    subtotalCents: d.subtotalCents,
    taxableSubtotalCents: d.taxableCents,
    taxCents: d.taxCents,
    totalCents: d.totalCents,
    orderInvoicedAfterCents: d.figures.invoicedCents,
    orderRemainingAfterCents: d.figures.remainingCents,
    stillToFollow: d.stillToFollow,
  });
  await takeParties(em, memo, viewer.organizationId, order.client.id);
  const invoiceLines = new Map((await em.find(InvoiceLine, { invoice }, { refresh: true })).map((l) => [l.id, l]));
  for (const l of d.lines) {
    const credited = invoiceLines.get(l.invoiceLineId);
    if (!credited) continue;
    credited.credited += l.quantity;
    em.create(InvoiceLine, {
      invoice: memo,
      position: l.position,
      salesOrderLine: credited.salesOrderLine,
      creditedLine: credited,
      description: l.description,
      quantity: l.quantity,
      unitPriceCents: l.unitPriceCents,
      totalCents: l.totalCents,
      taxable: l.taxable,
    });
  }
  invoice.creditedCents = d.invoice.creditedCents;
  invoice.creditedTaxableCents -= d.taxableCents;
  invoice.creditedTaxCents -= d.taxCents;
  const from = invoice.status;
  invoice.status = d.invoice.status;
  writeOrderLines(lines, d.orderLines);
  await moveOrderStock(em, lines, d.stock, memo, viewer.userId);
  recordOrderEvents(em, order, d.events.map((e) => ({ ...e, message: e.message.replace(/^Credit memo/, `${memo.number}`), params: e.params && { ...e.params, memo: memo.number } })), viewer.userId, memo.id);
  if (from !== invoice.status) recordActivity(em, { ...activityEvent('invoice.paid', { invoice: invoice.number }, NO_AMOUNTS), projectId: order.project.id, entityId: invoice.id, actorId: null });
  setLocked(em, order, d.orderLocked, null);
  changeStatus(em, order, d.orderStatus, null);
  // Units credited for re-invoicing that the client kept are ready again: the invoicing rep hears of it.
  if (input.reinvoice && d.figures.anythingReady) raiseHandOff(em, { kind: 'READY_TO_INVOICE', salesOrderId: order.id, actorId: viewer.userId });
  return memo;
}

export interface NewRefund {
  invoiceId: string;
  amountCents: number;
  refundedOn?: string | null;
  reference?: string | null;
}

/** recordRefund: money paid back on a negative balance, or on a deposit not applied. */
export async function recordRefund(em: EntityManager, viewer: Viewer, input: NewRefund): Promise<Invoice> {
  const found = await mustFind(em, Invoice, input.invoiceId, ['input', 'invoiceId'], 'invoice');
  const { invoice, order, lines } = await lockInvoice(em, found.id, ['input', 'invoiceId']);
  const facts = await salesOrderFacts(em, order, lines);
  const d = decided(decideRefund(invoice, input.amountCents, input.reference, facts.deposits, facts.currency), ['input']);
  em.create(Refund, { invoice, amountCents: input.amountCents, refundedOn: input.refundedOn ?? todayUtc(), reference: input.reference?.trim() || null, actor: viewer.userId });
  invoice.refundedCents = d.refundedCents;
  invoice.status = d.status;
  for (const e of d.events) recordActivity(em, { ...e, projectId: invoice.project.id, entityId: invoice.id, actorId: viewer.userId });
  return invoice;
}

// ── previews: the same decisions, nothing written ──

export interface DepositPreview {
  amountCents: number;
  /** The order's total, and the live deposits' total with this one. */
  orderTotalCents: number;
  depositsAfterCents: number;
}

/** What `requestDeposit` would make now, or its refusals. */
export async function previewDeposit(em: EntityManager, input: NewDeposit): Promise<Decision<DepositPreview>> {
  const order = await findById(em, SalesOrder, input.salesOrderId);
  if (!order) return { ok: false, errors: [notFound('sales order', ['input', 'salesOrderId'])] };
  const facts = await salesOrderFacts(em, order, await linesOf(em, order));
  const d = decideRequestDeposit(facts, input);
  if (!d.ok) return d;
  const total = orderFigures(facts.lines, facts.taxRateBasisPoints, facts.documents).totalCents;
  return { ok: true, value: { amountCents: d.value.amountCents, orderTotalCents: total, depositsAfterCents: facts.deposits.liveTotalCents + d.value.amountCents } };
}

/** What `createCreditMemo` would make now, or its refusals. */
export async function previewCreditMemo(em: EntityManager, input: NewCreditMemo): Promise<Decision<CreditMemoDecision>> {
  const invoice = await findById(em, Invoice, input.invoiceId);
  if (!invoice) return { ok: false, errors: [notFound('invoice', ['input', 'invoiceId'])] };
  const order = await em.findOneOrFail(SalesOrder, invoice.salesOrder.id);
  const facts = await salesOrderFacts(em, order, await linesOf(em, order));
  const d = decideCreditMemo(await invoiceFacts(em, invoice), facts, input);
  return d.ok ? d : { ok: false, errors: under(['input'], d.errors) };
}
