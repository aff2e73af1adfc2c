// What a mention is (where it may start, which handles) is @baton/domain's `mentionBeingTyped`;
// these only pick and insert the people offered while one is typed.

/** A user who can be mentioned in a note. */
export interface MentionCandidate {
  id: string;
  name: string;
  handle: string;
  active: boolean;
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
