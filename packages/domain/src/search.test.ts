import { describe, expect, it } from 'vitest';
import { SEARCH_MAX_RESULTS, searchLimit, searchTerms } from './search.js';

describe('searchTerms', () => {
  it.each([
    ['SO-1001', { exact: 'so-1001', numberPrefix: 'so-1001', serialPrefix: null, nameContains: 'so-1001' }],
    ['  1001 ', { exact: '1001', numberPrefix: '1001', serialPrefix: '1001', nameContains: '1001' }],
    ['Acme   Promo', { exact: 'acme promo', numberPrefix: 'acme promo', serialPrefix: null, nameContains: 'acme promo' }],
  ])('reads %j', (query, terms) => {
    expect(searchTerms(query)).toEqual(terms);
  });

  it('does not search for fewer than two characters', () => {
    expect(searchTerms('')).toBeNull();
    expect(searchTerms('  s ')).toBeNull();
    expect(searchTerms('so')).not.toBeNull();
  });

  it('caps the query length', () => {
    expect(searchTerms('x'.repeat(500))?.exact).toHaveLength(100);
  });
});

describe('searchLimit', () => {
  it.each([
    [undefined, 10],
    [null, 10],
    [0, 1],
    [-3, 1],
    [5, 5],
    [1000, SEARCH_MAX_RESULTS],
  ])('%j → %j', (first, limit) => {
    expect(searchLimit(first)).toBe(limit);
  });
});
