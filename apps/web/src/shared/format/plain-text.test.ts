import { describe, expect, it } from 'vitest';
import { plainText } from './plain-text';

describe('plainText: a note preview without markdown syntax', () => {
  it.each([
    ['Only **500 mugs** shipped', 'Only 500 mugs shipped'],
    ['Priya mentioned you on PRJ-1001 Spring: “Only **300 mugs** shipped, @oscar”', 'Priya mentioned you on PRJ-1001 Spring: “Only 300 mugs shipped, @oscar”'],
    ['__bold__ and *italic* and _also_', 'bold and italic and also'],
    ['see [the PO](https://example.test/po/1) and `PO-1001`', 'see the PO and PO-1001'],
    ['# Heading\n> quoted\n- one\n- two\n1. three', 'Heading quoted one two three'],
    ['~~gone~~ stays', 'gone stays'],
    ['2 * 3 * 4 and snake_case_name stay', '2 * 3 * 4 and snake_case_name stay'],
    ['$1,298.00 for 20 × Classic tee', '$1,298.00 for 20 × Classic tee'],
  ])('%j → %j', (markdown, text) => {
    expect(plainText(markdown)).toBe(text);
  });
});
