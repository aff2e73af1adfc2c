import { describe, expect, it } from 'vitest';
import { isValidHandle, mentionBeingTyped, mentionCandidates, mentionSpans, parseMentions } from './mentions.js';

const known = new Set(['ines', 'oscar', 'ana.perez', 'bob_2', 'x-y']);

describe('parseMentions', () => {
  it.each([
    ['@ines please invoice the 300', ['ines']],
    ['Hi @Ines and @OSCAR', ['ines', 'oscar']],
    ['@ines @ines @INES', ['ines']],
    ['(@ines), [@oscar]; "@ana.perez"', ['ines', 'oscar', 'ana.perez']],
    ['thanks @ines.', ['ines']],
    ['thanks @ines...', ['ines']],
    ['ping @x-y-', ['x-y']],
    ['@ana.perez.', ['ana.perez']],
    ['mail ines@ines.com or ap@oscar.example', []],
    ['a.@ines b_@ines c-@ines d1@ines', []],
    ['é@ines', []],
    ['@nobody here', []],
    ['@i is too short', []],
    ['@' + 'a'.repeat(33), []],
    ['line one\n@bob_2 on line two', ['bob_2']],
    ['@oscar:@ines', ['oscar', 'ines']],
    ['@@ines', ['ines']],
    ['no mentions at all', []],
    ['', []],
  ])('%j → %j', (body, expected) => expect(parseMentions(body, known)).toEqual(expected));
});

describe('mentionCandidates', () => {
  it('lists every well-formed handle, known or not', () => {
    expect(mentionCandidates('@Someone and @ines, not a@b.co')).toEqual(['someone', 'ines']);
  });
});

describe('mentionSpans: where each mention stands (the note renderer highlights these)', () => {
  it.each([
    ['@ines please', [{ start: 0, end: 5, handle: 'ines' }]],
    ['Hi @Ines.', [{ start: 3, end: 8, handle: 'ines' }]],
    ['a @x-y- b', [{ start: 2, end: 6, handle: 'x-y' }]],
    ['mail ines@ines.com', []],
    ['@i @' + 'a'.repeat(33), []],
    ['@oscar:@ines', [{ start: 0, end: 6, handle: 'oscar' }, { start: 7, end: 12, handle: 'ines' }]],
  ])('%j → %j', (text, spans) => expect(mentionSpans(text)).toEqual(spans));

  it('every span starts with the @ and covers the handle as written', () => {
    const text = 'ping @Ana.Perez, @bob_2 and @x-y.';
    for (const s of mentionSpans(text)) {
      expect(text[s.start]).toBe('@');
      expect(text.slice(s.start + 1, s.end).toLowerCase()).toBe(s.handle);
    }
  });
});

describe('mentionBeingTyped: the mention right before the caret (the autocomplete asks for it)', () => {
  it.each([
    ['@', 1, { start: 0, query: '' }],
    ['hello @in', 9, { start: 6, query: 'in' }],
    ['hello @in', 8, { start: 6, query: 'i' }],
    ['(@Ana.p', 7, { start: 1, query: 'Ana.p' }],
    ['mail ines@ex', 12, undefined],
    ['done @ines ', 11, undefined],
    ['no at sign', 10, undefined],
  ] as const)('%j at %s → %j', (text, caret, expected) => expect(mentionBeingTyped(text, caret)).toEqual(expected));
});

describe('isValidHandle: the one handle rule (users get such handles; mentions match them)', () => {
  it.each([
    ['ab', true],
    ['a', false],
    ['a'.repeat(32), true],
    ['a'.repeat(33), false],
    ['ana.perez', true],
    ['ana-', false],
    ['ana.', false],
    ['Ana', false],
    ['_x', true],
  ])('%j → %s', (handle, valid) => expect(isValidHandle(handle)).toBe(valid));
});
