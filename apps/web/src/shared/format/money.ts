/**
 * Money arrives as integer cents (SafeInt) and is only ever formatted here, never computed in floats.
 * `formatCents(123456, 'USD')` → "$1,234.56". Negative amounts keep their sign.
 */
export function formatCents(cents: number, currency = 'USD'): string {
  const negative = cents < 0;
  const absolute = Math.abs(cents);
  const whole = Math.trunc(absolute / 100);
  const fraction = String(absolute % 100).padStart(2, '0');
  const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }).format(whole);
  const symbol = currencySymbol(currency);
  return `${negative ? '−' : ''}${symbol}${grouped}.${fraction}`;
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

function currencySymbol(currency: string): string {
  switch (currency) {
    case 'USD':
    case 'CAD':
    case 'AUD':
      return '$';
    case 'EUR':
      return '€';
    case 'GBP':
      return '£';
    default:
      return `${currency} `;
  }
}
