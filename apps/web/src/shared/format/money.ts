import { formatMoney } from '@baton/domain';

/**
 * Money arrives as integer cents (SafeInt) and is formatted as the API and its PDFs do (@baton/domain's
 * formatMoney), never computed in floats: `formatCents(123456, 'USD')` → "$1,234.56".
 */
export function formatCents(cents: number, currency = 'USD'): string {
  return formatMoney(cents, currency);
}

/** "12.50" → 1250; "" or malformed → undefined. Exact: parses the text, never multiplies floats. */
export function parseCents(text: string): number | undefined {
  const match = /^\s*(-)?(\d{1,13})(?:\.(\d{0,2}))?\s*$/.exec(text.replace(/[$,]/g, ''));
  if (!match) return undefined;
  const [, minus, whole, fraction = ''] = match;
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return minus ? -cents : cents;
}

/** Cents as plain decimal text for inputs: 1250 → "12.50". */
export function centsToInput(cents: number): string {
  const negative = cents < 0;
  const absolute = Math.abs(cents);
  return `${negative ? '-' : ''}${Math.trunc(absolute / 100)}.${String(absolute % 100).padStart(2, '0')}`;
}
