import { describe, expect, it } from 'vitest';
import { formatMonth, invoicedVsRemainingByMonth, type ChartInvoice } from './invoices-by-month';

const inv = (invoiceDate: string, totalCents: number, salesOrderId: string, remainingCents: number, status: ChartInvoice['status'] = 'OPEN'): ChartInvoice => ({
  invoiceDate,
  status,
  totalCents,
  salesOrder: { id: salesOrderId, remainingCents },
});

describe('invoicedVsRemainingByMonth', () => {
  it('sums invoices per month, oldest first, and counts an order’s remaining once, in its latest invoice’s month', () => {
    const months = invoicedVsRemainingByMonth([
      inv('2026-11-03', 20_000, 'so-1', 5_000),
      inv('2026-10-30', 10_001, 'so-2', 0),
      inv('2026-10-02', 30_000, 'so-1', 5_000),
      inv('2026-09-15', 7_000, 'so-3', 1_234, 'VOID'),
    ]);
    expect(months).toEqual([
      { month: '2026-09', invoicedCents: 0, remainingCents: 1_234 },
      { month: '2026-10', invoicedCents: 40_001, remainingCents: 0 },
      { month: '2026-11', invoicedCents: 20_000, remainingCents: 5_000 },
    ]);
  });

  it('is empty without invoices', () => {
    expect(invoicedVsRemainingByMonth([])).toEqual([]);
  });

  it('names months', () => {
    expect(formatMonth('2026-03')).toBe('Mar 2026');
  });
});
