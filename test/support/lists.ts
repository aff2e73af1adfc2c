// Checked access to the lists a test builds or reads back. A fixture or a query that is not the
// shape the test assumed is a broken test: it fails here, saying so, rather than reading on with
// `undefined`.

/** A tuple of N elements of T (N a small literal; a plain `number` gives T[]). */
export type Tuple<T, N extends number, R extends T[] = []> = number extends N ? T[] : R['length'] extends N ? R : Tuple<T, N, [T, ...R]>;

/** The list as a tuple of exactly `n` elements (a fixture made of n records, a query answering n rows). */
export function exactly<T, N extends number>(items: readonly T[], n: N, what = 'items'): Tuple<T, N> {
  if (items.length !== n) throw new Error(`Expected ${n} ${what}, got ${items.length}`);
  return [...items] as Tuple<T, N>;
}

/** The only element: the row of an aggregate, the one record a query names. */
export function one<T>(items: readonly T[], what = 'row'): T {
  return exactly(items, 1, what)[0];
}

/** The pairs of two lists that go together element by element (a fixture's specs and what the API made of them). */
export function zip<A, B>(as: readonly A[], bs: readonly B[]): [A, B][] {
  if (as.length !== bs.length) throw new Error(`Expected lists of one length, got ${as.length} and ${bs.length}`);
  return as.map((a, i) => [a, bs[i] as B]);
}

/** The element at a generated index, wrapping around a fixture's list (which is never empty). */
export function cycle<T>(items: readonly T[], index: number): T {
  const item = items[index % items.length];
  if (item === undefined) throw new Error(`cycle: no element ${index} of an empty list`);
  return item;
}

/** The first element of a list the test knows is not empty. */
export function first<T>(items: readonly T[], what = 'items'): T {
  const item = items[0];
  if (item === undefined) throw new Error(`Expected some ${what}, got none`);
  return item;
}

/** The last element of a list the test knows is not empty. */
export function last<T>(items: readonly T[], what = 'items'): T {
  const item = items.at(-1);
  if (item === undefined) throw new Error(`Expected some ${what}, got none`);
  return item;
}
