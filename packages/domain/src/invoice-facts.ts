import type { InvoiceKind, InvoiceStatus } from './invoices.js';
import { isCharge, type LineState, type OrderDocuments } from './sales-orders.js';

/** One line of an issued document, as the money rules read it. */
export interface InvoiceLineFacts {
  id: string;
  salesOrderLineId: string;
  position: number;
  description: string;
  quantity: number;
  unitPriceCents: number;
  taxable: boolean;
  /** Units credit memos took back. */
  credited: number;
  /** Units that left stock on this line (inventoried goods not already with the client). */
  released: number;
}

/** What the invoice rules read about one document (standard invoice, deposit or credit memo). */
export interface InvoiceFacts {
  number: string;
  kind: InvoiceKind;
  status: InvoiceStatus;
  invoiceDate: string;
  dueDate: string;
  subtotalCents: number;
  taxableCents: number;
  taxCents: number;
  totalCents: number;
  paidCents: number;
  depositAppliedCents: number;
  /** The applied deposit was named by a person (it stays until renamed) rather than its share. */
  depositAppliedNamed: boolean;
  /** −Σ totals of its credit memos (a positive amount). */
  creditedCents: number;
  /** What its credit memos took back: Σ taxable credited and Σ tax credited (positive amounts). */
  creditedTaxableCents: number;
  creditedTaxCents: number;
  refundedCents: number;
  version: number;
  lines: readonly InvoiceLineFacts[];
}

/** Its quantities per sales order line id. */
export function quantitiesOf(invoice: Pick<InvoiceFacts, 'lines'>): Map<string, number> {
  return new Map(invoice.lines.map((l) => [l.salesOrderLineId, l.quantity]));
}

/**
 * An invoice's balance (DOMAIN.md, "Money"): total − paid − deposit applied − credited + refunded;
 * below 0 a refund is owed; a credit memo's is always 0.
 */
export function balanceOf(invoice: Pick<InvoiceFacts, 'kind' | 'totalCents' | 'paidCents' | 'depositAppliedCents' | 'creditedCents' | 'refundedCents'>): number {
  if (invoice.kind === 'CREDIT_MEMO') return 0;
  return invoice.totalCents - invoice.paidCents - invoice.depositAppliedCents - invoice.creditedCents + invoice.refundedCents;
}

/** An invoice is overdue when sent or exported, with a balance above 0, due before today. */
export function isOverdue(invoice: Parameters<typeof balanceOf>[0] & { status: InvoiceStatus; dueDate: string }, today: string): boolean {
  return (invoice.status === 'SENT_TO_CLIENT' || invoice.status === 'EXPORTED') && balanceOf(invoice) > 0 && invoice.dueDate < today;
}

/** The documents of an order with one document's amounts added (or, with sign −1, taken away). */
export function withDocument(documents: OrderDocuments, doc: { totalCents: number; taxableCents: number; taxCents: number }, sign: 1 | -1 = 1): OrderDocuments {
  return {
    invoicedCents: documents.invoicedCents + sign * doc.totalCents,
    taxableCents: documents.taxableCents + sign * doc.taxableCents,
    taxCents: documents.taxCents + sign * doc.taxCents,
  };
}

/** Units of an inventoried goods line the client already holds without being billed for them (credited for re-invoicing, kept). */
export function keptUnits(l: LineState): number {
  if (!l.inventoried || isCharge(l.kind)) return 0;
  return Math.max(0, (l.released ?? l.invoiced) - (l.writtenOff ?? 0) - l.invoiced);
}

/**
 * A line after `delta` units move onto an invoice (delta > 0: units the client holds are taken first
 * and move no stock, the rest leave stock and scheduled) or off it (delta < 0: the units this
 * invoice released, `releasedOnInvoice`, return to on hand first). `stock` is the change of on hand.
 */
export function moveOntoInvoice(l: LineState, delta: number, releasedOnInvoice: number): { line: LineState; stock: number; releasedOnInvoice: number } {
  if (delta === 0) return { line: l, stock: 0, releasedOnInvoice };
  const stocked = l.inventoried && !isCharge(l.kind);
  const released = l.released ?? (l.inventoried ? l.invoiced : 0);
  if (delta > 0) {
    const leaving = stocked ? Math.max(0, delta - keptUnits(l)) : 0;
    return {
      line: { ...l, invoiced: l.invoiced + delta, scheduled: stocked ? l.scheduled - leaving : l.scheduled, released: released + leaving },
      stock: -leaving,
      releasedOnInvoice: releasedOnInvoice + leaving,
    };
  }
  const back = stocked ? Math.min(-delta, releasedOnInvoice) : 0;
  return { line: { ...l, invoiced: l.invoiced + delta, released: released - back }, stock: back, releasedOnInvoice: releasedOnInvoice - back };
}
