import { describe, expect, it } from 'vitest';
import { addDays, formatDate, todayUtc } from './dates.js';
import { FIRST_NUMBER, formatNumber } from './numbers.js';

// "Today is the UTC date."
describe('todayUtc', () => {
  it.each([
    ['2024-03-01T23:30:00-05:00', '2024-03-02'], // evening in New York is already tomorrow in UTC
    ['2024-03-02T00:30:00+02:00', '2024-03-01'], // just after midnight in Athens is still yesterday in UTC
    ['2024-12-31T23:59:59.999Z', '2024-12-31'],
    ['2025-01-01T00:00:00.000Z', '2025-01-01'],
    ['2024-02-29T12:00:00Z', '2024-02-29'],
  ])('%s → %s', (instant, date) => {
    expect(todayUtc(new Date(instant))).toBe(date);
  });
});

describe('addDays', () => {
  it.each([
    ['2024-01-31', 1, '2024-02-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2024-12-31', 1, '2025-01-01'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2025-01-01', -1, '2024-12-31'],
    ['2024-03-10', 0, '2024-03-10'],
    ['2024-03-09', 1, '2024-03-10'], // across a US daylight-saving change: still whole days
    ['2024-10-26', 2, '2024-10-28'], // across a European one
    ['2024-01-01', 366, '2025-01-01'],
  ])('%s + %s → %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });
});

// "Numbers (PRJ-, SO-, PO-, INV-)"
describe('formatNumber', () => {
  it.each([
    ['PRJ', 1001, 'PRJ-1001'],
    ['SO', 1042, 'SO-1042'],
    ['PO', 2210, 'PO-2210'],
    ['INV', 1001, 'INV-1001'],
  ] as const)('%s %s → %s', (series, n, text) => {
    expect(formatNumber(series, n)).toBe(text);
  });

  it('numbers start at 1001', () => expect(formatNumber('SO', FIRST_NUMBER)).toBe('SO-1001'));
});

// One way to write a date, on screens, in messages, e-mails and PDFs (issue 16).
describe('formatDate', () => {
  it.each([
    ['2026-12-07', 'Dec 7, 2026'],
    ['2026-01-31', 'Jan 31, 2026'],
    ['2024-02-29T23:00:00Z', 'Feb 29, 2024'], // the calendar day as written, never shifted by a zone
    [null, '—'],
    ['', '—'],
    ['not a date', 'not a date'],
    ['2026-13-01', '2026-13-01'],
  ])('%j → %j', (date, words) => expect(formatDate(date)).toBe(words));
});
