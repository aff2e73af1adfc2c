import { activityEvent } from './messages.js';
import { depositAvailableTo } from './deposits.js';
import { allow, ErrorCode, firstFailing, refuse, userError, type Decision, type UserError } from './errors.js';
import { balanceOf, withDocument, type InvoiceFacts } from './invoice-facts.js';
import type { InvoiceStatus } from './invoices.js';
import { LIMITS, MAX_QUANTITY } from './limits.js';
import { creditTax, formatMoney } from './money.js';
import type { DepositFacts, EventDraft, SalesOrderFacts } from './sales-order-decisions.js';
import { isCharge, orderFigures, orderLineQuantities, type LineState, type OrderDocuments, type OrderFigures, type SalesOrderStatus } from './sales-orders.js';
import { INVOICE_STATUS_PHRASE } from './words.js';

/**
 * Credit memos and refunds (DOMAIN.md, "Credit memos and refunds"): a credit memo (CM-) takes back
 * units of one issued standard invoice, with negative money; the order's quantities, status and
 * lock follow; stocked goods may come back to on hand; the invoice's balance falls and may go below
 * 0, a refund then owed.
 */

export interface CreditMemoLineRequest {
  invoiceLineId: string;
  quantity: number;
}

export interface CreditMemoInput {
  lines: readonly CreditMemoLineRequest[];
  reason: string | null | undefined;
  /** The units become remaining again (else they are cancelled too). */
  reinvoice?: boolean | null;
  /** Stocked goods come back to on hand (default). */
  restock?: boolean | null;
}

export interface CreditMemoLineDraft {
  invoiceLineId: string;
  salesOrderLineId: string;
  position: number;
  description: string;
  /** Positive: the units taken back. */
  quantity: number;
  unitPriceCents: number;
  /** Negative. */
  totalCents: number;
  taxable: boolean;
  /** Units coming back to on hand. */
  restocked: number;
}

export interface CreditMemoDecision {
  lines: CreditMemoLineDraft[];
  /** All negative. */
  subtotalCents: number;
  taxableCents: number;
  taxCents: number;
  totalCents: number;
  /** Each order line after. */
  orderLines: LineState[];
  /** Change of on hand per sales order line id (restocked units). */
  stock: Map<string, number>;
  /** The order after: re-invoicing unlocks it and makes it BACKORDERED; otherwise as it was. */
  orderStatus: SalesOrderStatus;
  orderLocked: boolean;
  figures: OrderFigures;
  documents: OrderDocuments;
  /** The credited invoice after. */
  invoice: { creditedCents: number; status: InvoiceStatus; balanceCents: number };
  stillToFollow: { salesOrderLineId: string; description: string; remaining: number; backordered: number }[];
  events: EventDraft[];
}

/** A credit memo is taken on an issued standard invoice: not a deposit or a credit memo, not OPEN (edit it instead), not VOID. */
export function checkCreditable(invoice: Pick<InvoiceFacts, 'kind' | 'status'>): UserError[] {
  if (invoice.kind !== 'STANDARD') return [userError(ErrorCode.INVALID_TRANSITION, 'Credit memos are taken on invoices of order lines, not on deposits or credit memos.')];
  if (invoice.status === 'OPEN') return [userError(ErrorCode.INVALID_TRANSITION, 'This invoice is still open: edit it instead of crediting it.')];
  if (invoice.status === 'VOID') return [userError(ErrorCode.INVALID_TRANSITION, 'This invoice is void; nothing on it can be credited.')];
  return [];
}

/** Something is left to credit: some line has units not yet taken back (OVER_CREDIT). */
export function checkSomethingToCredit(invoice: { lines: readonly { quantity: number; credited: number }[] }): UserError[] {
  return invoice.lines.some((l) => l.quantity > l.credited) ? [] : [userError(ErrorCode.OVER_CREDIT, 'Every unit of this invoice has been credited already.')];
}

/**
 * createCreditMemo (DOMAIN.md): lines of that invoice (NOT_FOUND), a reason and whole quantities of at
 * least 1, each line once (INVALID_INPUT), an issued standard invoice (INVALID_TRANSITION), each
 * quantity ≤ what is left to credit on its line (OVER_CREDIT). The memo carries the invoice's prices
 * and rate; its tax is taken over the invoice's credits (the memo taking the last units takes the
 * rest of the invoice's tax).
 */
export function decideCreditMemo(invoice: InvoiceFacts, order: SalesOrderFacts, input: CreditMemoInput): Decision<CreditMemoDecision> {
  const byId = new Map(invoice.lines.map((l) => [l.id, l]));
  const reinvoice = input.reinvoice ?? false;
  const restock = input.restock ?? true;
  const errors = firstFailing(
    () => input.lines.flatMap((r, i) => (byId.has(r.invoiceLineId) ? [] : [userError(ErrorCode.NOT_FOUND, 'That line is not on this invoice.', ['lines', i, 'invoiceLineId'])])),
    () => (!input.reason?.trim() ? [userError(ErrorCode.INVALID_INPUT, 'Say why the units are credited.', ['reason'])] : []),
    () => ((input.reason ?? '').length > LIMITS.reasonMax ? [userError(ErrorCode.INVALID_INPUT, `A reason is at most ${LIMITS.reasonMax} characters.`, ['reason'])] : []),
    () => (input.lines.length === 0 ? [userError(ErrorCode.INVALID_INPUT, 'Name at least one line to credit.', ['lines'])] : []),
    () => {
      const seen = new Set<string>();
      return input.lines.flatMap((r, i) => {
        if (seen.has(r.invoiceLineId)) return [userError(ErrorCode.INVALID_INPUT, 'Name each line once.', ['lines', i, 'invoiceLineId'])];
        seen.add(r.invoiceLineId);
        return Number.isInteger(r.quantity) && r.quantity >= 1 && r.quantity <= MAX_QUANTITY
          ? []
          : [userError(ErrorCode.INVALID_INPUT, 'A quantity to credit is a whole number of at least 1.', ['lines', i, 'quantity'])];
      });
    },
    () => checkCreditable(invoice),
    () =>
      input.lines.flatMap((r, i) => {
        const l = byId.get(r.invoiceLineId);
        if (!l) return [];
        const left = l.quantity - l.credited;
        return r.quantity > left
          ? [userError(ErrorCode.OVER_CREDIT, left > 0 ? `Only ${left} of this line are left to credit.` : 'This line is credited in full already.', ['lines', i, 'quantity'])]
          : [];
      }),
  );
  if (errors.length) return refuse(...errors);

  const soLines = new Map(order.lines.map((l) => [l.id, l]));
  const drafts: CreditMemoLineDraft[] = input.lines.flatMap((r) => {
    const l = byId.get(r.invoiceLineId);
    if (!l) return [];
    const so = soLines.get(l.salesOrderLineId);
    const stocked = !!so && so.inventoried && !isCharge(so.kind);
    return [
      {
        invoiceLineId: l.id,
        salesOrderLineId: l.salesOrderLineId,
        position: l.position,
        description: l.description,
        quantity: r.quantity,
        unitPriceCents: l.unitPriceCents,
        totalCents: -r.quantity * l.unitPriceCents,
        taxable: l.taxable,
        restocked: stocked && restock ? r.quantity : 0,
      },
    ];
  });
  const subtotal = drafts.reduce((s, d) => s + d.quantity * d.unitPriceCents, 0);
  const taxable = drafts.reduce((s, d) => s + (d.taxable ? d.quantity * d.unitPriceCents : 0), 0);
  const credits = new Map(drafts.map((d) => [d.invoiceLineId, d.quantity]));
  const takesTheLast = invoice.lines.every((l) => l.credited + (credits.get(l.id) ?? 0) >= l.quantity);
  const tax = creditTax(order.taxRateBasisPoints, { taxCents: invoice.taxCents, creditedTaxCents: invoice.creditedTaxCents, taxableCreditedBeforeCents: invoice.creditedTaxableCents }, taxable, takesTheLast);
  // 0 − x, not −x: a memo of nothing taxable carries 0 cents of tax, never the float −0.
  const memo = { subtotalCents: 0 - subtotal, taxableCents: 0 - taxable, taxCents: 0 - tax, totalCents: 0 - (subtotal + tax) };

  const stock = new Map<string, number>();
  const perLine = new Map<string, { units: number; restocked: number }>();
  for (const d of drafts) {
    const p = perLine.get(d.salesOrderLineId) ?? { units: 0, restocked: 0 };
    perLine.set(d.salesOrderLineId, { units: p.units + d.quantity, restocked: p.restocked + d.restocked });
  }
  const orderLines = order.lines.map((l) => {
    const p = perLine.get(l.id);
    if (!p) return l;
    if (p.restocked) stock.set(l.id, p.restocked);
    const goods = !isCharge(l.kind);
    const released = l.released ?? (l.inventoried ? l.invoiced : 0);
    // Units not restocked stay with the client: re-invoiced they are ready at once, otherwise written off.
    const keptWrittenOff = !reinvoice && goods ? p.units - p.restocked : 0;
    return {
      ...l,
      invoiced: l.invoiced - p.units,
      cancelled: reinvoice ? l.cancelled : l.cancelled + p.units,
      released: released - p.restocked,
      writtenOff: (l.writtenOff ?? 0) + keptWrittenOff,
    };
  });
  const documents = withDocument(order.documents, memo);
  const figures = orderFigures(orderLines, order.taxRateBasisPoints, documents);
  const reopens = reinvoice && order.status !== 'CANCELLED';
  const creditedCents = invoice.creditedCents - memo.totalCents;
  const balanceCents = balanceOf({ ...invoice, creditedCents });
  const q = orderLineQuantities(orderLines);
  const units = drafts.reduce((s, d) => s + d.quantity, 0);
  return allow({
    lines: drafts,
    ...memo,
    orderLines,
    stock,
    orderStatus: reopens ? 'BACKORDERED' : order.status,
    orderLocked: reopens ? false : order.locked,
    figures,
    documents,
    invoice: { creditedCents, status: balanceCents === 0 ? 'PAID' : invoice.status, balanceCents },
    stillToFollow: orderLines
      .map((l, i) => ({ l, q: q[i] }))
      .flatMap(({ l, q }) => (q && q.remaining > 0 ? [{ salesOrderLineId: l.id, description: l.description ?? '', remaining: q.remaining, backordered: q.backordered }] : []))
      .sort((a, b) => b.backordered - a.backordered),
    events: [
      activityEvent(
        'invoice.credited',
        { memo: null, invoice: invoice.number, units, reinvoice, restocked: drafts.some((d) => d.restocked), amountCents: -memo.totalCents, reason: (input.reason ?? '').trim() },
        { currency: order.currency ?? 'USD' },
      ),
    ],
  });
}

/**
 * What a refund may pay back (DOMAIN.md): on a standard invoice, its negative balance; on a deposit
 * invoice, its paid amount less refunds, as far as it is not applied to invoices; never on a credit memo.
 */
export function refundable(invoice: Parameters<typeof balanceOf>[0] & { status: InvoiceStatus }, deposits: DepositFacts): number {
  if (invoice.kind === 'CREDIT_MEMO' || invoice.status === 'VOID') return 0;
  if (invoice.kind === 'DEPOSIT') return Math.max(0, Math.min(invoice.paidCents - invoice.refundedCents, depositAvailableTo(deposits, 0)));
  return Math.max(0, -balanceOf(invoice));
}

/** A refund goes on a standard or deposit invoice that is not void (INVALID_TRANSITION) and has something to pay back (INVALID_INPUT). */
export function checkRefundable(invoice: Parameters<typeof balanceOf>[0] & { status: InvoiceStatus }, deposits: DepositFacts): UserError[] {
  if (invoice.kind === 'CREDIT_MEMO') return [userError(ErrorCode.INVALID_TRANSITION, 'A credit memo takes no refunds; refund its invoice.')];
  if (invoice.status === 'VOID') return [userError(ErrorCode.INVALID_TRANSITION, `This invoice ${INVOICE_STATUS_PHRASE.VOID}; it takes no refunds.`)];
  if (refundable(invoice, deposits) <= 0)
    return [userError(ErrorCode.INVALID_INPUT, invoice.kind === 'DEPOSIT' ? 'Nothing paid on this deposit is left unapplied.' : 'Nothing is owed back on this invoice.', ['amountCents'])];
  return [];
}

/** recordRefund (DOMAIN.md): 1 to what may be paid back; a standard invoice at balance 0 after it is PAID. */
export function decideRefund(
  invoice: Parameters<typeof balanceOf>[0] & { number: string; status: InvoiceStatus },
  amountCents: number,
  reference: string | null | undefined,
  deposits: DepositFacts,
  currency = 'USD',
): Decision<{ refundedCents: number; status: InvoiceStatus; events: EventDraft[] }> {
  const most = refundable(invoice, deposits);
  const errors = firstFailing(
    () => (reference != null && reference.length > LIMITS.referenceMax ? [userError(ErrorCode.INVALID_INPUT, `A reference is at most ${LIMITS.referenceMax} characters.`, ['reference'])] : []),
    () => (!Number.isSafeInteger(amountCents) || amountCents <= 0 ? [userError(ErrorCode.INVALID_INPUT, 'A refund is a positive amount.', ['amountCents'])] : []),
    () => checkRefundable(invoice, deposits),
    () => (amountCents > most ? [userError(ErrorCode.INVALID_INPUT, `At most ${formatMoney(most, currency)} can be refunded on this invoice.`, ['amountCents'])] : []),
  );
  if (errors.length) return refuse(...errors);
  const refundedCents = invoice.refundedCents + amountCents;
  const balance = balanceOf({ ...invoice, refundedCents });
  const status: InvoiceStatus = invoice.kind === 'STANDARD' && balance === 0 ? 'PAID' : invoice.status;
  return allow({ refundedCents, status, events: [activityEvent('invoice.refund_recorded', { invoice: invoice.number, amountCents }, { currency })] });
}
