import { ALLOWED, can, type Permission } from './permissions.js';
import type { Role } from './roles.js';

/** Project.can (the contract's ProjectCan): notes and follow-ups are everybody's. */
export function projectCan(roles: readonly Role[]): Record<'addNote' | 'createSalesOrder' | 'createFollowUp', Permission> {
  return {
    addNote: ALLOWED,
    createFollowUp: ALLOWED,
    createSalesOrder: can(roles, 'manageSalesOrders', 'create sales orders'),
  };
}
