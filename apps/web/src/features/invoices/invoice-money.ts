/**
 * The invoice editor's live preview, computed as the API does (DOMAIN.md, "Money"): integer cents,
 * tax = round(subtotal × basis points / 10 000) half up, in BigInt so nothing passes through floats.
 * The server's figures stay the truth once saved; this only previews them.
 */
export function taxCents(subtotalCents: number, taxRateBasisPoints: number): number {
  if (subtotalCents <= 0 || taxRateBasisPoints <= 0) return 0;
  const numerator = BigInt(subtotalCents) * BigInt(taxRateBasisPoints);
  const quotient = numerator / 10_000n;
  return Number((numerator % 10_000n) * 2n >= 10_000n ? quotient + 1n : quotient);
}

export interface MoneyTotals {
  subtotalCents: number;
  taxCents: number;
  totalCents: number;
}

/** Σ quantity × unit price, its tax and the total. */
export function totalsOf(lines: readonly { quantity: number; unitPriceCents: number }[], taxRateBasisPoints: number): MoneyTotals {
  const subtotalCents = lines.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0);
  const tax = taxCents(subtotalCents, taxRateBasisPoints);
  return { subtotalCents, taxCents: tax, totalCents: subtotalCents + tax };
}
