/** A user who can be mentioned in a note. */
export interface MentionCandidate {
  id: string;
  name: string;
  handle: string;
  active: boolean;
}

// The rule of DOMAIN.md: `@` starts the text or follows a character that is not a letter, digit,
// `.`, `_` or `-` (so e-mail addresses are not mentions). Here the handle is still being typed.
const TYPING_MENTION = /(^|[^\p{L}\p{N}._-])@([a-z0-9_.-]{0,32})$/iu;

/** The mention being typed right before the caret, if any: where its `@` is and what follows it. */
export function mentionAt(text: string, caret: number): { start: number; query: string } | undefined {
  const match = TYPING_MENTION.exec(text.slice(0, caret));
  if (!match) return undefined;
  const query = match[2] ?? '';
  return { start: caret - query.length - 1, query };
}

/** Active users whose handle, or a word of whose name, starts with the query; handles first. */
export function matchMentions(users: readonly MentionCandidate[], query: string, limit = 8): MentionCandidate[] {
  const q = query.toLowerCase();
  const active = users.filter((u) => u.active);
  const byHandle = active.filter((u) => u.handle.toLowerCase().startsWith(q));
  const byName = active.filter((u) => !byHandle.includes(u) && u.name.toLowerCase().split(/\s+/).some((word) => word.startsWith(q)));
  return [...byHandle, ...byName].slice(0, limit);
}

/** The text with the typed mention replaced by `@handle ` and where the caret goes after it. */
export function insertMention(text: string, start: number, caret: number, handle: string): { text: string; caret: number } {
  const inserted = `@${handle} `;
  const after = text.slice(caret).replace(/^ /, '');
  return { text: text.slice(0, start) + inserted + after, caret: start + inserted.length };
}
