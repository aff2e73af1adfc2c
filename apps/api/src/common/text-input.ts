/**
 * Text as it arrives (GraphQL variables and literals, download parameters) is made consistent
 * before anything uses or echoes it: Unicode NFC (what the database stores is what the answer
 * shows, and "é" typed two ways is one name), and text that cannot be stored as sent is refused
 * rather than silently altered: NUL (PostgreSQL text cannot hold it) and lone UTF-16 surrogates
 * (not text at all: stored, they became U+FFFD while the answer echoed the original).
 */

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `text` cannot be taken as it is, or null. */
export function malformedTextReason(text: string): string | null {
  if (text.includes('\u0000')) return 'Text may not contain the NUL character (\\u0000).';
  if (LONE_SURROGATE.test(text)) return 'Text may not contain a lone UTF-16 surrogate (malformed Unicode).';
  return null;
}

/** The first reason any string inside `value` (deeply) is malformed, or null. */
export function malformedText(value: unknown): string | null {
  if (typeof value === 'string') return malformedTextReason(value);
  if (Array.isArray(value)) {
    for (const item of value) {
      const reason = malformedText(item);
      if (reason) return reason;
    }
    return null;
  }
  if (value && typeof value === 'object') return malformedText(Object.values(value));
  return null;
}

/** `value` with every string inside it (deeply, keys too) in Unicode NFC; other values unchanged. */
export function normalizeText<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFC') as T;
  if (Array.isArray(value)) return value.map(normalizeText) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.normalize('NFC'), normalizeText(v)])) as T;
  }
  return value;
}
