import { isLiveInvoice } from '@baton/domain';
import type { InvoiceStatus } from '@/gql/graphql';

export interface ChartInvoice {
  invoiceDate: string;
  status: InvoiceStatus;
  totalCents: number;
  salesOrder: { id: string; remainingCents: number };
}

export interface MonthFigures {
  /** YYYY-MM */
  month: string;
  /** Σ totals of the month's live invoices. */
  invoicedCents: number;
  /** Σ remaining balances of the orders whose latest invoice (among the rows) falls in the month. */
  remainingCents: number;
}

/**
 * Groups invoices by the month of their invoice date, oldest month first. An order's remaining
 * balance is counted once, in the month of its latest invoice, so the months add up to the
 * orders' balance. Integer cents throughout.
 */
export function invoicedVsRemainingByMonth(invoices: readonly ChartInvoice[]): MonthFigures[] {
  const months = new Map<string, MonthFigures>();
  const latestBySalesOrder = new Map<string, { date: string; remainingCents: number }>();
  const monthOf = (date: string) => date.slice(0, 7);
  const figures = (month: string) => {
    let entry = months.get(month);
    if (!entry) {
      entry = { month, invoicedCents: 0, remainingCents: 0 };
      months.set(month, entry);
    }
    return entry;
  };

  for (const invoice of invoices) {
    const entry = figures(monthOf(invoice.invoiceDate));
    if (isLiveInvoice(invoice.status)) entry.invoicedCents += invoice.totalCents;
    const seen = latestBySalesOrder.get(invoice.salesOrder.id);
    if (!seen || invoice.invoiceDate > seen.date) {
      latestBySalesOrder.set(invoice.salesOrder.id, { date: invoice.invoiceDate, remainingCents: invoice.salesOrder.remainingCents });
    }
  }
  for (const { date, remainingCents } of latestBySalesOrder.values()) figures(monthOf(date)).remainingCents += remainingCents;

  return [...months.values()].sort((a, b) => a.month.localeCompare(b.month));
}

/** "2026-03" → "Mar 2026". */
export function formatMonth(month: string): string {
  const [year, number] = month.split('-').map(Number);
  const names = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return year && number ? `${names[number - 1]} ${year}` : month;
}
