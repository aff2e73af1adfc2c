import type { ErrorCode, UserError } from './errors.js';
import { checkRole, type Action, type Role } from './roles.js';

/**
 * What the viewer may do with a record (DOMAIN.md, "What the viewer may do"). `allowed` when the
 * viewer may call the mutation, the record's state admits it and some input would pass; otherwise
 * the code the call would answer first and why, in the user's words.
 */
export interface Permission {
  allowed: boolean;
  code: ErrorCode | null;
  reason: string | null;
}

export const ALLOWED: Permission = Object.freeze({ allowed: true, code: null, reason: null });

export function denied(error: UserError): Permission {
  return { allowed: false, code: error.code, reason: error.message };
}

/** The first refusal among the checks, run in order, as a Permission. */
export function permissionOf(...checks: (() => readonly UserError[])[]): Permission {
  for (const check of checks) {
    const [first] = check();
    if (first) return denied(first);
  }
  return ALLOWED;
}

/**
 * A record action's permission: the role first (FORBIDDEN), then the state checks the mutation
 * runs, in its order (author, transition, lock, "nothing to do").
 */
export function can(roles: readonly Role[], action: Action, doing: string, ...state: (() => readonly UserError[])[]): Permission {
  return permissionOf(() => checkRole(roles, action, doing), ...state);
}

/** The viewer as the rules see them. */
export interface ViewerFacts {
  userId: string;
  roles: readonly Role[];
}

/** Actions that belong to no record (the contract's ViewerCan): the role decides. */
export function viewerCan(roles: readonly Role[]) {
  return {
    createUser: can(roles, 'manageUsers', 'add users'),
    createClient: can(roles, 'manageClients', 'add clients'),
    createSupplier: can(roles, 'manageSuppliers', 'add suppliers'),
    createProduct: can(roles, 'manageProducts', 'add products'),
    adjustStock: can(roles, 'adjustStock', 'adjust stock'),
    createProject: can(roles, 'manageProjects', 'create projects'),
    createPurchaseOrder: can(roles, 'managePurchaseOrders', 'create purchase orders'),
    exportInvoices: can(roles, 'exportInvoices', 'export invoices'),
    scheduleSalesOrders: can(roles, 'schedule', 'schedule orders from stock'),
    followInvoicingQueue: can(roles, 'manageInvoices', 'follow the invoicing queue live'),
    updateOrganization: can(roles, 'manageOrganization', 'change the organization settings'),
  };
}
export type ViewerCan = ReturnType<typeof viewerCan>;
