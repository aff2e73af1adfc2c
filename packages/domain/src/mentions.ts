/**
 * `@handle` mentions (DOMAIN.md, "Notes, mentions, notifications") — the one parser and the one
 * handle rule, used by the API (who is notified, what the note shows highlighted) and the web (the
 * autocomplete of a mention being typed). The `@` starts the text or follows a character that is not
 * a letter, digit, `.`, `_` or `-` (so e-mail addresses are not mentions); a handle is 2–32 of a–z,
 * 0–9, `_`, `.`, `-`, matched case-insensitively; a trailing `.` or `-` is not part of it; unknown
 * handles stay text.
 */
export { NOTE_BODY_MAX } from './limits.js';

export const HANDLE_MIN = 2;
export const HANDLE_MAX = 32;

/** What may precede the `@` of a mention: the start, or a character that is not part of an address or handle. */
const LEAD = '(?<![\\p{L}\\p{N}._-])';
/** The run of characters after an `@` (letters beyond a–z are read, then refused, so "@josé" is no mention of "jos"). */
const RUN = '[\\p{L}\\p{N}_.-]';

const MENTION = new RegExp(`${LEAD}@(${RUN}+)`, 'gu');
const TYPING = new RegExp(`${LEAD}@(${RUN}{0,${HANDLE_MAX}})$`, 'u');
const HANDLE = new RegExp(`^[a-z0-9_.-]{${HANDLE_MIN - 1},${HANDLE_MAX - 1}}[a-z0-9_]$`);

/** A handle a user may have: 2–32 of a–z, 0–9, `_`, `.`, `-`, not ending in `.` or `-`. */
export function isValidHandle(handle: string): boolean {
  return HANDLE.test(handle);
}

export interface MentionSpan {
  /** Where the `@` is. */
  start: number;
  /** Just after the handle (a trailing `.` or `-` is left out). */
  end: number;
  /** Lower-cased. */
  handle: string;
}

/** Every well-formed mention in `text`, in order, with where it stands. */
export function mentionSpans(text: string): MentionSpan[] {
  const spans: MentionSpan[] = [];
  for (const match of text.matchAll(MENTION)) {
    const written = (match[1] ?? '').replace(/[.-]+$/, '');
    const handle = written.toLowerCase();
    if (!isValidHandle(handle)) continue;
    const start = match.index ?? 0;
    spans.push({ start, end: start + 1 + written.length, handle });
  }
  return spans;
}

/** Every well-formed handle in `body`, lower-cased, each once, in order of first appearance. */
export function mentionCandidates(body: string): string[] {
  return [...new Set(mentionSpans(body).map((s) => s.handle))];
}

/** The known handles mentioned in `body`, lower-cased, each once, in order of first appearance. */
export function parseMentions(body: string, knownHandles: ReadonlySet<string>): string[] {
  return mentionCandidates(body).filter((h) => knownHandles.has(h));
}

/** The mention being typed right before the caret, if any: where its `@` is and what follows it so far. */
export function mentionBeingTyped(text: string, caret: number): { start: number; query: string } | undefined {
  const match = TYPING.exec(text.slice(0, caret));
  if (!match) return undefined;
  const query = match[1] ?? '';
  return { start: caret - query.length - 1, query };
}
