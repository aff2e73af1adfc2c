import { ALLOWED, can, type Permission } from './permissions.js';
import type { Role } from './roles.js';

/** Project.can (the contract's ProjectCan, less createFollowUp which the follow-ups issue adds). */
export function projectCan(roles: readonly Role[]): Record<'addNote' | 'createSalesOrder', Permission> {
  return {
    addNote: ALLOWED,
    createSalesOrder: can(roles, 'manageSalesOrders', 'create sales orders'),
  };
}
