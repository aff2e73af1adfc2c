import { checkVersion, ErrorCode, firstFailing, refuse, allow, userError, type Decision, type UserError } from './errors.js';
import { LIMITS } from './limits.js';
import { ALLOWED, permissionOf, type Permission, type ViewerFacts } from './permissions.js';
import { checkAuthor } from './roles.js';

/** A note's body: 1 to 10,000 characters, not only spaces. */
export function checkNoteBody(body: string): UserError[] {
  return !body.trim() || body.length > LIMITS.noteBodyMax
    ? [userError(ErrorCode.INVALID_INPUT, `A note is 1 to ${LIMITS.noteBodyMax.toLocaleString('en-US')} characters.`, ['body'])]
    : [];
}

/** A note points at one purchase order, sales order or invoice at most (each already found on its project). */
export function checkNoteTarget(targets: number): UserError[] {
  return targets > 1 ? [userError(ErrorCode.INVALID_INPUT, 'A note points at one purchase order, sales order or invoice at most.', ['input'])] : [];
}

/** A target record of another project is as unknown as a missing one. */
export function targetNotOnProject(what: string, field: string): UserError {
  return userError(ErrorCode.NOT_FOUND, `No such ${what} on this project.`, ['input', field]);
}

export interface NoteFacts {
  authorId: string;
  version: number;
}

/**
 * Editing (and deleting) a note is its author's or an ADMIN's (FORBIDDEN, answered top-level), then
 * the version the editor saw (CONFLICT), then the body.
 */
export function decideEditNote(viewer: ViewerFacts, note: NoteFacts, body: string, expectedVersion?: number | null): Decision<{ body: string }> {
  const errors = firstFailing(
    () => checkAuthor(viewer, note.authorId, 'edits a note'),
    () => checkVersion(note.version, expectedVersion, 'note'),
    () => checkNoteBody(body),
  );
  return errors.length ? refuse(...errors) : allow({ body });
}

export function decideDeleteNote(viewer: ViewerFacts, note: NoteFacts): Decision<true> {
  const errors = checkAuthor(viewer, note.authorId, 'deletes a note');
  return errors.length ? refuse(...errors) : allow(true);
}

/** Note.can: edit and delete by the author or an ADMIN; pinning is everybody's. */
export function noteCan(note: Pick<NoteFacts, 'authorId'>, viewer: ViewerFacts): Record<'edit' | 'delete' | 'pin', Permission> {
  return {
    edit: permissionOf(() => checkAuthor(viewer, note.authorId, 'edits a note')),
    delete: permissionOf(() => checkAuthor(viewer, note.authorId, 'deletes a note')),
    pin: ALLOWED,
  };
}
