/**
 * Money is integer cents everywhere. Tax is computed with BigInt so subtotal × basis points never
 * leaves the exact integers, then rounded half up (DOMAIN.md, "Money").
 */
export const MAX_SAFE_CENTS = Number.MAX_SAFE_INTEGER;

/** round(numerator / denominator), half away from zero, for non-negative integers. */
export function divRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  const q = numerator / denominator;
  const r = numerator % denominator;
  return r * 2n >= denominator ? q + 1n : q;
}

/** round(subtotal × rate / 10 000), half up (0 for 0 or less). */
export function taxCents(subtotalCents: number, taxRateBasisPoints: number): number {
  if (subtotalCents <= 0 || taxRateBasisPoints <= 0) return 0;
  return Number(divRoundHalfUp(BigInt(subtotalCents) * BigInt(taxRateBasisPoints), 10_000n));
}

/** The tax of a taxable amount: round(taxable × rate), half up. */
export const roundTax = taxCents;

/**
 * Running-total rounding (DOMAIN.md, "Money"): the tax of a standard invoice with `ownTaxableCents`
 * is round(taxable of the order's other live documents + its own, × rate) − Σ tax of the others,
 * never below 0. Invoices made one after another then carry their own rounded tax or one cent from
 * it, and the one that completes the order brings the documents exactly to the order's tax.
 */
export function runningTax(taxRateBasisPoints: number, others: { taxableCents: number; taxCents: number }, ownTaxableCents: number): number {
  return Math.max(0, taxCents(others.taxableCents + ownTaxableCents, taxRateBasisPoints) - others.taxCents);
}

/**
 * The tax a credit memo takes back, as a positive amount (DOMAIN.md, "Money"): over its own invoice,
 * round(taxable credited so far, this memo included, × rate) − round(taxable credited before × rate);
 * the memo that takes back the last units takes back exactly the rest of the invoice's tax; never
 * more than the invoice carried.
 */
export function creditTax(
  taxRateBasisPoints: number,
  invoice: { taxCents: number; creditedTaxCents: number; taxableCreditedBeforeCents: number },
  taxableNowCents: number,
  takesTheLastUnits: boolean,
): number {
  const left = Math.max(0, invoice.taxCents - invoice.creditedTaxCents);
  if (takesTheLastUnits) return left;
  const tax = taxCents(invoice.taxableCreditedBeforeCents + taxableNowCents, taxRateBasisPoints) - taxCents(invoice.taxableCreditedBeforeCents, taxRateBasisPoints);
  return Math.min(left, Math.max(0, tax));
}

export interface Totals {
  subtotalCents: number;
  taxCents: number;
  totalCents: number;
}

/** Subtotal of quantity × unit price lines, its tax and the total. */
export function totals(lines: readonly { quantity: number; unitPriceCents: number }[], taxRateBasisPoints: number): Totals {
  const subtotalCents = lines.reduce((sum, l) => sum + l.quantity * l.unitPriceCents, 0);
  const tax = taxCents(subtotalCents, taxRateBasisPoints);
  return { subtotalCents, taxCents: tax, totalCents: subtotalCents + tax };
}

/** Decimal text of cents with two decimals and no separators: 135313 → "1353.13", -5 → "-0.05". */
export function centsToDecimal(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Exact decimal text of an amount of cents, from the integer: 135313n → "1353.13". */
export function centsText(cents: number | bigint): string {
  const v = BigInt(cents);
  const sign = v < 0n ? '-' : '';
  const abs = v < 0n ? -v : v;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** Money as people read it: 135313 → "$1,353.13" (the organization's currency; exact, never through a float). */
export function formatMoney(cents: number | bigint, currency = 'USD'): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(centsText(cents) as unknown as number);
}
