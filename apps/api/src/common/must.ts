/**
 * The value the code around it guarantees (the one row a statement always returns, an element the
 * loop just put there): its absence is a programming error, thrown as one rather than read as
 * `undefined`. Not for what a client or the data can make absent: refuse those with a UserError.
 */
export function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`Expected ${what}, found nothing`);
  return value;
}
