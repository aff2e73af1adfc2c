import { ErrorCode, userError, type UserError } from './errors.js';

/**
 * Documents people edit carry a `version`; an edit may name the one its author saw
 * (`expectedVersion`) and is refused with CONFLICT when that is no longer current, so a concurrent
 * edit is never silently overwritten (DOMAIN.md, "Order of checks": after NOT_FOUND and the author
 * check, before the input's values). No expected version: the edit applies as before.
 */
export function checkVersion(
  current: number,
  expected: number | null | undefined,
  what: string,
  field: readonly (string | number)[] = ['expectedVersion'],
): UserError[] {
  if (expected == null || expected === current) return [];
  return [userError(ErrorCode.CONFLICT, `Someone else changed this ${what} first (version ${current}, you saw ${expected}); reload and try again.`, field)];
}
