/** A permission as every `can` field returns it (PermissionFieldsFragment is one). */
export interface PermissionLike {
  allowed: boolean;
  code?: string | null;
  reason?: string | null;
}

/** Nothing is allowed until the server has said so. */
export const NOT_YET: PermissionLike = { allowed: false, code: null, reason: null };

/**
 * Whether an action the viewer may not take is still worth showing, disabled with its reason: it is
 * when the record's state stands in the way (nothing ready yet, locked, …), not when the viewer's
 * role may never take it (FORBIDDEN), which would only clutter their screen.
 */
export function worthExplaining(permission: PermissionLike): boolean {
  return !permission.allowed && permission.code !== 'FORBIDDEN' && !!permission.reason;
}
