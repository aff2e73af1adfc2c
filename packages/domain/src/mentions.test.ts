import { describe, expect, it } from 'vitest';
import { mentionCandidates, parseMentions } from './mentions.js';

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
