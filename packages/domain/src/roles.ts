import { ErrorCode, userError, type UserError } from './errors.js';
import { listing, ROLE_PEOPLE } from './words.js';

export const Role = {
  ADMIN: 'ADMIN',
  ORDER_REP: 'ORDER_REP',
  PRODUCTION_REP: 'PRODUCTION_REP',
  INVOICING_REP: 'INVOICING_REP',
  ACCOUNTANT: 'ACCOUNTANT',
  PURCHASING: 'PURCHASING',
} as const;
export type Role = (typeof Role)[keyof typeof Role];
export const ROLES: readonly Role[] = Object.values(Role);

/**
 * Who may do what beyond reading (DOMAIN.md, "Who uses it"). ADMIN may do everything and is
 * therefore not listed. Actions open to every signed-in user (notes, own notifications, own
 * preferences, logOut) are `everyone`.
 */
export const PERMISSIONS = {
  manageUsers: [],
  /** The organization's own settings: name, address, remit-to, invoice terms. */
  manageOrganization: [],
  manageClients: [Role.ORDER_REP],
  manageProjects: [Role.ORDER_REP],
  manageSalesOrders: [Role.ORDER_REP],
  cancelQuantity: [Role.ORDER_REP],
  manageSuppliers: [Role.PURCHASING],
  manageProducts: [Role.PURCHASING],
  adjustStock: [Role.PURCHASING],
  schedule: [Role.PURCHASING],
  managePurchaseOrders: [Role.PRODUCTION_REP, Role.PURCHASING],
  manageInvoices: [Role.INVOICING_REP, Role.ACCOUNTANT],
  exportInvoices: [Role.ACCOUNTANT, Role.INVOICING_REP],
  recordPayments: [Role.ACCOUNTANT, Role.INVOICING_REP],
  setSalesOrderStatus: [Role.ORDER_REP, Role.PRODUCTION_REP, Role.PURCHASING],
  deposits: [Role.INVOICING_REP, Role.ACCOUNTANT],
  creditMemos: [Role.INVOICING_REP, Role.ACCOUNTANT],
  chargeLines: [Role.ORDER_REP, Role.INVOICING_REP],
} as const satisfies Record<string, readonly Role[]>;
export type Action = keyof typeof PERMISSIONS;

/** The roles that may perform `action`, ADMIN included. */
export function rolesFor(action: Action): Role[] {
  return [Role.ADMIN, ...PERMISSIONS[action]];
}

export function may(roles: readonly Role[], action: Action): boolean {
  const allowed = rolesFor(action);
  return roles.some((r) => allowed.includes(r));
}

/**
 * FORBIDDEN in the user's words when no role of the viewer may do `action`: "Only invoicing reps and
 * accountants create invoices." (`doing` is the plain verb phrase of the specific thing asked.)
 */
export function checkRole(roles: readonly Role[], action: Action, doing: string): UserError[] {
  if (may(roles, action)) return [];
  const who = PERMISSIONS[action].map((r) => ROLE_PEOPLE[r]);
  return [userError(ErrorCode.FORBIDDEN, who.length ? `Only ${listing(who)} ${doing}.` : `Only admins ${doing}.`)];
}

/** The author-or-ADMIN rule (notes): FORBIDDEN for anyone else. */
export function checkAuthor(viewer: { userId: string; roles: readonly Role[] }, authorId: string, doing: string): UserError[] {
  return viewer.userId === authorId || viewer.roles.includes(Role.ADMIN) ? [] : [userError(ErrorCode.FORBIDDEN, `Only its author or an admin ${doing}.`)];
}
