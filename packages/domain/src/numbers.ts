/** Human document numbers, per organization: PRJ-1001, SO-1001, PO-1001, INV-1001, DEP-1001, CM-1001. */
export const NumberSeries = { PROJECT: 'PRJ', SALES_ORDER: 'SO', PURCHASE_ORDER: 'PO', INVOICE: 'INV', DEPOSIT: 'DEP', CREDIT_MEMO: 'CM' } as const;
export type NumberSeries = (typeof NumberSeries)[keyof typeof NumberSeries];

export const FIRST_NUMBER = 1001;

export function formatNumber(series: NumberSeries, n: number): string {
  return `${series}-${n}`;
}
