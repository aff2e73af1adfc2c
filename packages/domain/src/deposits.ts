import { activityEvent } from './messages.js';
import { allow, ErrorCode, firstFailing, refuse, userError, type Decision, type UserError } from './errors.js';
import { divRoundHalfUp, formatMoney } from './money.js';
import type { DepositFacts, EventDraft, SalesOrderFacts } from './sales-order-decisions.js';
import { isOpenSalesOrder, orderFigures, stillToFollowOf, type StillToFollowItem } from './sales-orders.js';
import { lower, SALES_ORDER_STATUS_LABEL } from './words.js';

/**
 * Deposits (DOMAIN.md, "Deposits"): a deposit invoice (DEP-) bills an amount ahead of the goods; its
 * payments, less refunds, are the order's deposit paid, applied to later standard invoices by their
 * share, the completing invoice taking the rest.
 */

export interface DepositRequest {
  amountCents?: number | null;
  percent?: number | null;
}

/** A deposit needs an open order (INVALID_TRANSITION). */
export function checkDepositOrderOpen(order: Pick<SalesOrderFacts, 'number' | 'status'>): UserError[] {
  return isOpenSalesOrder(order.status)
    ? []
    : [userError(ErrorCode.INVALID_TRANSITION, `${order.number} is ${lower(SALES_ORDER_STATUS_LABEL[order.status])}; deposits are requested on open orders.`)];
}

/** Room for another deposit: the live deposits do not reach the order's total yet. */
export function checkDepositRoom(order: Pick<SalesOrderFacts, 'lines' | 'taxRateBasisPoints' | 'documents' | 'deposits'>, amountCents = 1, currency = 'USD'): UserError[] {
  const total = orderFigures(order.lines, order.taxRateBasisPoints, order.documents).totalCents;
  const room = total - order.deposits.liveTotalCents;
  if (room <= 0) return [userError(ErrorCode.INVALID_INPUT, 'Deposits already requested reach the order’s total.', ['input'])];
  if (amountCents > room) return [userError(ErrorCode.INVALID_INPUT, `At most ${formatMoney(room, currency)} more can be requested as a deposit on this order.`, ['input', 'amountCents'])];
  return [];
}

/**
 * requestDeposit (DOMAIN.md): exactly one of an amount (≥ 1 cent) and a percent (1–100 of the order's
 * total, half up); an open order; the live deposits stay within the order's total.
 */
export function decideRequestDeposit(order: SalesOrderFacts, request: DepositRequest): Decision<{ amountCents: number; events: EventDraft[]; stillToFollow: StillToFollowItem[] }> {
  const { amountCents, percent } = request;
  const currency = order.currency ?? 'USD';
  const total = orderFigures(order.lines, order.taxRateBasisPoints, order.documents).totalCents;
  const amount = amountCents ?? (percent != null ? Number(divRoundHalfUp(BigInt(total) * BigInt(percent), 100n)) : 0);
  const errors = firstFailing(
    () => ((amountCents == null) === (percent == null) ? [userError(ErrorCode.INVALID_INPUT, 'Give either an amount or a percent of the order.', ['input'])] : []),
    () => (amountCents != null && (!Number.isSafeInteger(amountCents) || amountCents < 1) ? [userError(ErrorCode.INVALID_INPUT, 'A deposit is a positive amount.', ['input', 'amountCents'])] : []),
    () => (percent != null && (!Number.isInteger(percent) || percent < 1 || percent > 100) ? [userError(ErrorCode.INVALID_INPUT, 'A percent is a whole number from 1 to 100.', ['input', 'percent'])] : []),
    () => checkDepositOrderOpen(order),
    () => (amount < 1 ? [userError(ErrorCode.INVALID_INPUT, 'That percent of the order comes to nothing.', ['input', 'percent'])] : []),
    () => checkDepositRoom(order, amount, currency),
  );
  if (errors.length) return refuse(...errors);
  // The goods the deposit is paid ahead of: the whole order still to follow, as it stands now.
  return allow({ amountCents: amount, stillToFollow: stillToFollowOf(order.lines), events: [activityEvent('invoice.deposit_requested', { deposit: null, salesOrder: order.number, amountCents: amount }, { currency })] });
}

/** What is available to an invoice: paid deposit not applied elsewhere, plus what it applies already. */
export function depositAvailableTo(deposits: DepositFacts, alreadyApplied: number): number {
  return Math.max(0, deposits.paidCents - deposits.appliedCents + alreadyApplied);
}

/**
 * The deposit a standard invoice applies (DOMAIN.md, "Deposits"): a named amount (0 to the cap, else
 * INVALID_INPUT), or by default its share round(paid × invoice subtotal / order subtotal), half up;
 * the invoice that completes the order applies all that is available to it. Always capped at what
 * is available to it and at its total.
 */
export function decideDepositApplied(input: {
  deposits: DepositFacts;
  alreadyApplied: number;
  invoiceSubtotalCents: number;
  invoiceTotalCents: number;
  orderSubtotalCents: number;
  completes: boolean;
  named: number | null | undefined;
  /** Paid on the invoice itself (edits of a partly paid OPEN invoice): deposit never covers what the client paid already. */
  invoicePaidCents?: number;
  currency?: string;
}): Decision<{ appliedCents: number; named: boolean }> {
  // Capped at what is left of its total after its own payments: applying more would leave a balance
  // below 0 that no credit memo made (deposit money shown as a refund owed, lost to later invoices).
  const cap = Math.max(0, Math.min(depositAvailableTo(input.deposits, input.alreadyApplied), input.invoiceTotalCents - (input.invoicePaidCents ?? 0)));
  if (input.named != null) {
    if (!Number.isSafeInteger(input.named) || input.named < 0 || input.named > cap)
      return refuse(userError(ErrorCode.INVALID_INPUT, `Apply between ${formatMoney(0, input.currency)} and ${formatMoney(cap, input.currency)} of the deposit.`, ['depositAppliedCents']));
    return allow({ appliedCents: input.named, named: true });
  }
  if (input.completes) return allow({ appliedCents: cap, named: false });
  const share =
    input.orderSubtotalCents <= 0 ? 0 : Number(divRoundHalfUp(BigInt(input.deposits.paidCents) * BigInt(Math.max(0, input.invoiceSubtotalCents)), BigInt(input.orderSubtotalCents)));
  return allow({ appliedCents: Math.min(cap, share), named: false });
}

/** An order with deposit paid and not applied is not cancelled: refund it first (INVALID_TRANSITION). */
export function checkNoDepositHeld(order: Pick<SalesOrderFacts, 'number' | 'deposits'>, currency = 'USD'): UserError[] {
  const held = order.deposits.paidCents - order.deposits.appliedCents;
  return held > 0
    ? [userError(ErrorCode.INVALID_TRANSITION, `${order.number} holds ${formatMoney(held, currency)} of paid deposit; refund it before cancelling the order.`, ['status'])]
    : [];
}
