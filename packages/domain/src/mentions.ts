/**
 * `@handle` mentions (DOMAIN.md, "Notes, mentions, notifications"): the `@` starts the text or
 * follows a character that is not a letter, digit, `.`, `_` or `-` (so e-mail addresses are not
 * mentions); a handle is 2–32 of a–z, 0–9, `_`, `.`, `-`, matched case-insensitively; a trailing `.`
 * or `-` is not part of it; unknown handles stay text.
 */
const MENTION = /(?<![\p{L}\p{N}._-])@([\p{L}\p{N}_.-]+)/gu;

/** Every well-formed handle in `body`, lower-cased, each once, in order of first appearance. */
export function mentionCandidates(body: string): string[] {
  const found: string[] = [];
  for (const match of body.matchAll(MENTION)) {
    const handle = (match[1] ?? '').replace(/[.-]+$/, '').toLowerCase();
    if (handle.length < 2 || handle.length > 32 || !/^[a-z0-9_.-]+$/.test(handle)) continue;
    if (!found.includes(handle)) found.push(handle);
  }
  return found;
}

/** The known handles mentioned in `body`, lower-cased, each once, in order of first appearance. */
export function parseMentions(body: string, knownHandles: ReadonlySet<string>): string[] {
  return mentionCandidates(body).filter((h) => knownHandles.has(h));
}

export const NOTE_BODY_MAX = 10_000;
