import { NumberSeries } from './numbers.js';

/** What a global search finds: a project, an order, an invoice of one of its kinds, or a client. */
export const SearchResultKind = {
  PROJECT: 'PROJECT',
  SALES_ORDER: 'SALES_ORDER',
  PURCHASE_ORDER: 'PURCHASE_ORDER',
  INVOICE: 'INVOICE',
  DEPOSIT: 'DEPOSIT',
  CREDIT_MEMO: 'CREDIT_MEMO',
  CLIENT: 'CLIENT',
} as const;
export type SearchResultKind = (typeof SearchResultKind)[keyof typeof SearchResultKind];

/** How a search result names what it found (the palette's badge). */
export const SEARCH_RESULT_KIND_LABEL: Record<SearchResultKind, string> = {
  PROJECT: 'Project',
  SALES_ORDER: 'Sales order',
  PURCHASE_ORDER: 'Purchase order',
  INVOICE: 'Invoice',
  DEPOSIT: 'Deposit invoice',
  CREDIT_MEMO: 'Credit memo',
  CLIENT: 'Client',
};

/** Fewer characters match too much to be worth a query (and no trigram index serves them). */
export const SEARCH_MIN_LENGTH = 2;
export const SEARCH_MAX_RESULTS = 25;
export const SEARCH_MAX_LENGTH = 100;

/** What a search query looks for, lower-cased; null when it is too short to search. */
export interface SearchTerms {
  /** the whole query: an exact number ("so-1001") ranks first */
  exact: string;
  /** a number starting with the query ("so-10" → SO-1001) */
  numberPrefix: string;
  /**
   * the number part after the series ("1001" → SO-1001, PRJ-1001, INV-1001…): the query's digits,
   * when the query is only digits; null otherwise
   */
  serialPrefix: string | null;
  /** a name containing the query ("acme" → "Acme Promo") */
  nameContains: string;
}

/** The series prefixes of every number, lower-cased (so-, po-, inv-…). */
export const SEARCH_NUMBER_SERIES: readonly string[] = Object.values(NumberSeries).map((s) => s.toLowerCase());

export function searchTerms(query: string): SearchTerms | null {
  const q = query.trim().replace(/\s+/g, ' ').toLowerCase().slice(0, SEARCH_MAX_LENGTH);
  if (q.length < SEARCH_MIN_LENGTH) return null;
  return { exact: q, numberPrefix: q, serialPrefix: /^\d+$/.test(q) ? q : null, nameContains: q };
}

/** How many results to return for the `first` a caller asked for: at least 1, at most SEARCH_MAX_RESULTS. */
export function searchLimit(first: number | null | undefined): number {
  const n = first ?? 10;
  return Math.max(1, Math.min(SEARCH_MAX_RESULTS, Math.trunc(n)));
}
