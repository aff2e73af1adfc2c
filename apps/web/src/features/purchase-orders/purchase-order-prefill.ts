/**
 * Reads `lines=productId:qty,productId:qty` (how the reorder report hands over its suggestions).
 * Malformed pairs and quantities below 1 are skipped rather than failing the whole page.
 */
export function parsePrefillLines(value: unknown): { productId: string; quantity: number }[] {
  const text = Array.isArray(value) ? value.join(',') : typeof value === 'string' ? value : '';
  return text
    .split(',')
    .map((pair) => pair.trim())
    .flatMap((pair) => {
      const match = /^([^:\s]+):(\d{1,9})$/.exec(pair);
      if (!match) return [];
      const quantity = Number(match[2]);
      return quantity > 0 ? [{ productId: match[1]!, quantity }] : [];
    });
}
