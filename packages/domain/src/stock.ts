import { allow, ErrorCode, refuse, userError, type Decision } from './errors.js';
import { MAX_ON_HAND, MAX_QUANTITY } from './limits.js';


/** Receiving `quantity` more must keep on hand within MAX_ON_HAND. */
export function checkStockRoom(onHand: number, quantity: number, field: readonly (string | number)[]): Decision<true> {
  return onHand + quantity > MAX_ON_HAND
    ? refuse(userError(ErrorCode.INVALID_INPUT, `On hand would exceed ${MAX_ON_HAND.toLocaleString('en-US')}.`, field))
    : allow(true);
}

/** An adjustment may not take on hand below what is scheduled (DOMAIN.md, "Stock"). */
export function planAdjustment(stock: { onHand: number; scheduled: number }, quantity: number, reason: string | null | undefined): Decision<number> {
  if (!Number.isInteger(quantity) || quantity === 0 || Math.abs(quantity) > MAX_QUANTITY)
    return refuse(userError(ErrorCode.INVALID_INPUT, 'Adjust by a whole number other than 0 (+ adds, − removes).', ['quantity']));
  if (!reason?.trim() || reason.length > 500) return refuse(userError(ErrorCode.INVALID_INPUT, 'Say why the stock changes (up to 500 characters).', ['reason']));
  const onHand = stock.onHand + quantity;
  if (onHand > MAX_ON_HAND) return refuse(userError(ErrorCode.INVALID_INPUT, `On hand would exceed ${MAX_ON_HAND.toLocaleString('en-US')}.`, ['quantity']));
  if (quantity < 0 && onHand < stock.scheduled) {
    return refuse(
      userError(ErrorCode.INSUFFICIENT_STOCK, `On hand cannot go below the ${stock.scheduled} scheduled to orders (it would be ${onHand}).`, ['quantity']),
    );
  }
  return allow(onHand);
}

/** DOMAIN.md: committed = Σ (scheduled + backordered) on open orders; available = onHand − committed + onOrder. */
export function available(s: { onHand: number; committed: number; onOrder: number }): number {
  return s.onHand - s.committed + s.onOrder;
}

/** Inventory reorder: minStock > 0 and available ≤ minStock; suggested = max(0, maxStock − available). */
export function reorderSuggestion(p: { minStock: number; maxStock: number; available: number }): number | null {
  if (p.minStock <= 0 || p.available > p.minStock) return null;
  return Math.max(0, p.maxStock - p.available);
}
