import { notFound, under, type Decision, type InvoiceFacts, type LineState, type SalesOrderFacts } from '@baton/domain';
import type { EntityManager } from '@mikro-orm/postgresql';
import { fail } from '../../common/errors.js';
import { findById, mustFind } from '../../common/lookup.js';
import { lockProducts, moveStock } from '../product/product.service.js';
import type { SalesOrderLine } from '../sales-order/sales-order-line.entity.js';
import type { SalesOrder } from '../sales-order/sales-order.entity.js';
import { linesOf, lockSalesOrder, salesOrderFacts } from '../sales-order/sales-order.state.js';
import { InvoiceLine } from './invoice-line.entity.js';
import { Invoice } from './invoice.entity.js';

/** The decision's value, or the mutation refused with its errors (fields under `prefix`). */
export function decided<T>(d: Decision<T>, prefix: string[] = []): T {
  if (!d.ok) fail(...under(prefix, d.errors));
  return d.value;
}

/** What the invoice rules read about a document: its amounts, credits, deposit and lines. */
export async function invoiceFacts(em: EntityManager, invoice: Invoice): Promise<InvoiceFacts> {
  const lines = await em.find(InvoiceLine, { invoice }, { orderBy: { position: 'asc' }, refresh: true });
  return {
    number: invoice.number,
    kind: invoice.kind,
    status: invoice.status,
    invoiceDate: invoice.invoiceDate,
    dueDate: invoice.dueDate,
    subtotalCents: invoice.subtotalCents,
    taxableCents: invoice.taxableSubtotalCents,
    taxCents: invoice.taxCents,
    totalCents: invoice.totalCents,
    paidCents: invoice.paidCents,
    depositAppliedCents: invoice.depositAppliedCents,
    depositAppliedNamed: invoice.depositAppliedNamed,
    creditedCents: invoice.creditedCents,
    creditedTaxableCents: invoice.creditedTaxableCents,
    creditedTaxCents: invoice.creditedTaxCents,
    refundedCents: invoice.refundedCents,
    version: invoice.version,
    lines: lines.map((l) => ({
      id: l.id,
      salesOrderLineId: l.salesOrderLine.id,
      position: l.position,
      description: l.description,
      quantity: l.quantity,
      unitPriceCents: l.unitPriceCents,
      taxable: l.taxable,
      credited: l.credited,
      released: l.released,
    })),
  };
}

/** The order, locked, with its lines and the facts its rules read. */
export async function lockedOrder(em: EntityManager, id: unknown, field: string[]): Promise<{ order: SalesOrder; lines: SalesOrderLine[]; facts: SalesOrderFacts }> {
  const order = await lockSalesOrder(em, id, field);
  const lines = await linesOf(em, order);
  return { order, lines, facts: await salesOrderFacts(em, order, lines) };
}

/** A document and its order, locked in the usual order (sales order first, then the document). */
export async function lockInvoice(em: EntityManager, id: unknown, field: string[]) {
  const found = await mustFind(em, Invoice, id, field, 'invoice');
  const { order, lines, facts } = await lockedOrder(em, found.salesOrder.id, field);
  const invoice = await findById(em, Invoice, found.id, true);
  if (!invoice) fail(notFound('invoice', field));
  return { invoice, order, lines, orderFacts: facts, facts: await invoiceFacts(em, invoice) };
}

/** Writes each order line's counters as the decision left them. */
export function writeOrderLines(lines: SalesOrderLine[], after: readonly LineState[]): void {
  const byId = new Map(after.map((l) => [l.id, l]));
  for (const line of lines) {
    const a = byId.get(line.id);
    if (!a) continue;
    line.invoiced = a.invoiced;
    line.cancelled = a.cancelled;
    line.scheduled = a.scheduled;
    line.released = a.released ?? line.released;
    line.writtenOff = a.writtenOff ?? line.writtenOff;
  }
}

/**
 * Moves on hand as the decision says (per sales order line: negative leaves stock, positive comes
 * back), on the ledger, the products locked here, after the order (the lock order: PO, SO, product).
 */
export async function moveOrderStock(
  em: EntityManager,
  lines: SalesOrderLine[],
  stock: ReadonlyMap<string, number>,
  document: { id: string; number: string },
  actorId: string,
): Promise<void> {
  const moving = lines.filter((l) => l.product && (stock.get(l.id) ?? 0) !== 0);
  const products = await lockProducts(em, moving.flatMap((l) => (l.product ? [l.product.id] : [])));
  for (const line of moving) {
    const q = stock.get(line.id) ?? 0;
    const product = line.product ? products.get(line.product.id) : undefined;
    if (!product) continue;
    if (q < 0) moveStock(em, product, q, 'RELEASE', { documentId: document.id, actorId, reason: `released on ${document.number}` });
    else moveStock(em, product, q, 'RETURN', { documentId: document.id, actorId, reason: `returned from ${document.number}` });
  }
}
