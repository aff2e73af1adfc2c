import { describe, expect, it } from 'vitest';
import { inUsersWords } from './words.js';

// Old activity and notification messages (stored as text) read in today's words (issue 16).
describe('inUsersWords', () => {
  it.each([
    ['SO-1001 moved from OPEN to IN_PRODUCTION', 'SO-1001 moved from Open to In production'],
    ['PO-1003 moved from SHIPPED to READY_FOR_BILLING (everything received)', 'PO-1003 moved from Shipped to Ready for billing (everything received)'],
    ['Priya flagged PO-1001 PROBLEM on PRJ-1001 Spring', 'Priya flagged PO-1001 Problem on PRJ-1001 Spring'],
    ['PO-1001 flagged FOLLOW_UP (was OK)', 'PO-1001 flagged Follow up (was OK)'],
    ['Invoice created for SO-1001: 300 units, total 649500 cents', 'Invoice created for SO-1001: 300 units, total 6,495.00'],
    ['CM-1001: -2706 cents', 'CM-1001: -27.06'],
    ['Ada (@ada) edited: roles ADMIN, INVOICING_REP', 'Ada (@ada) edited: roles Admin, Invoicing rep'],
    // Today's words pass through as they are.
    ['SO-1001 moved from Open to In production', 'SO-1001 moved from Open to In production'],
    ['INV-1001: payment of $1,000.00, balance $3,059.38', 'INV-1001: payment of $1,000.00, balance $3,059.38'],
  ])('%j → %j', (stored, shown) => expect(inUsersWords(stored)).toBe(shown));
});
