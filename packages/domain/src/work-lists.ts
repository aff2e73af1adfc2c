import { addDays } from './dates.js';
import { balanceOf } from './invoice-facts.js';
import type { InvoiceKind, InvoiceStatus } from './invoices.js';
import type { SalesOrderStatus } from './sales-orders.js';

/** What the invoicing queue reads about an order (DOMAIN.md, "Work lists"). */
export interface QueueFacts {
  status: SalesOrderStatus;
  /** Some goods line has something ready to invoice. */
  anythingReady: boolean;
  /** Some goods line still has something to invoice. */
  goodsRemain: boolean;
  /** Some charge line is ready to invoice. */
  chargesReady: boolean;
}

/**
 * The invoicing queue: every open order that is READY_TO_BE_INVOICED, has goods ready to invoice, or
 * has only charges left and they are ready.
 */
export function inInvoicingQueue(o: QueueFacts): boolean {
  if (o.status === 'INVOICED' || o.status === 'CANCELLED') return false;
  return o.status === 'READY_TO_BE_INVOICED' || o.anythingReady || (!o.goodsRemain && o.chargesReady);
}

/** An order's place in the queue as last announced, or as it is now. */
export interface QueueState {
  status: SalesOrderStatus;
  inQueue: boolean;
  readyToInvoiceCents: number;
  /** readyToInvoice of each goods line, by line id. */
  lineReady: Readonly<Record<string, number>>;
}

/**
 * What a write did to an order's place in the queue, from its state before (null: never announced)
 * and after: whether the queue changed for it (it entered, changed in or left), and whether some
 * goods line got newly ready units (READY_TO_INVOICE for its invoicing rep).
 */
export function queueChange(before: QueueState | null, after: QueueState): { announce: boolean; newlyReady: boolean } {
  const was = before ?? { status: after.status, inQueue: false, readyToInvoiceCents: 0, lineReady: {} };
  const newlyReady = Object.entries(after.lineReady).some(([id, ready]) => ready > (was.lineReady[id] ?? 0));
  const changed = was.inQueue !== after.inQueue || was.readyToInvoiceCents !== after.readyToInvoiceCents || was.status !== after.status;
  return { announce: (was.inQueue || after.inQueue) && changed, newlyReady };
}

/** The receivables aging buckets (DOMAIN.md, "Reports"). */
export type AgingBucket = 'current' | 'days1To30' | 'days31To60' | 'days61To90' | 'over90';
export const AGING_BUCKETS: readonly AgingBucket[] = ['current', 'days1To30', 'days31To60', 'days61To90', 'over90'];

/** Days from `from` to `to` (YYYY-MM-DD, UTC), positive when `to` is later. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The bucket of a balance due on `dueDate`, at `asOf`: current while not yet due (due today is current). */
export function agingBucket(dueDate: string, asOf: string): AgingBucket {
  const late = daysBetween(dueDate, asOf);
  if (late <= 0) return 'current';
  if (late <= 30) return 'days1To30';
  if (late <= 60) return 'days31To60';
  if (late <= 90) return 'days61To90';
  return 'over90';
}

/**
 * The buckets as due-date bounds at `asOf` (for SQL): a due date on or after `current` is current,
 * on or after `days1To30` at most 30 days late, and so on; before `days61To90`, over 90 days late.
 * Equal to agingBucket for every due date (work-lists.test.ts).
 */
export function agingBounds(asOf: string): { current: string; days1To30: string; days31To60: string; days61To90: string } {
  return { current: asOf, days1To30: addDays(asOf, -30), days31To60: addDays(asOf, -60), days61To90: addDays(asOf, -90) };
}

/** An invoice aging counts: a standard or deposit invoice, sent or exported, with a positive balance. */
export function agesAsReceivable(i: Parameters<typeof balanceOf>[0] & { kind: InvoiceKind; status: InvoiceStatus }): boolean {
  return (i.kind === 'STANDARD' || i.kind === 'DEPOSIT') && (i.status === 'SENT_TO_CLIENT' || i.status === 'EXPORTED') && balanceOf(i) > 0;
}
