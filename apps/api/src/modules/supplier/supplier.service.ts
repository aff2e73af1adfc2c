import { activityEvent, NO_AMOUNTS, checkName, checkPartyEdit, normalizeEmail } from '@baton/domain';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../../common/viewer.js';
import { checkVersion, fail } from '../../common/errors.js';
import { mustFind } from '../../common/lookup.js';
import { recordActivity } from '../activity/activity.service.js';
import { checkOptionalEmail, storedEmail } from '../client/client.service.js';
import { Supplier } from './supplier.entity.js';

export async function createSupplier(em: EntityManager, input: { name: string; email?: string | null }): Promise<Supplier> {
  const errors = [...checkName(input.name, 'name'), ...checkOptionalEmail(input.email)];
  if (errors.length) fail(...errors);
  return em.create(Supplier, { name: input.name.trim(), email: input.email?.trim() ? normalizeEmail(input.email) : null });
}

export function listSuppliers(em: EntityManager): Promise<Supplier[]> {
  return em.find(Supplier, {}, { orderBy: { name: 'asc', id: 'asc' } });
}

export interface SupplierEdit {
  supplierId: string;
  name?: string | null;
  email?: string | null;
  expectedVersion?: number | null;
}

export async function updateSupplier(em: EntityManager, viewer: Viewer, input: SupplierEdit): Promise<Supplier> {
  const supplier = await mustFind(em, Supplier, input.supplierId, ['input', 'supplierId'], 'supplier', true);
  checkVersion(supplier.version, input.expectedVersion, 'supplier', ['input', 'expectedVersion']);
  const errors = checkPartyEdit({ name: input.name, email: input.email }, ['input']);
  if (errors.length) fail(...errors);
  const changed: string[] = [];
  if (input.name != null && input.name.trim() !== supplier.name) {
    supplier.name = input.name.trim();
    changed.push('name');
  }
  if (input.email !== undefined && storedEmail(input.email) !== (supplier.email ?? null)) {
    supplier.email = storedEmail(input.email);
    changed.push(supplier.email ? `e-mail ${supplier.email}` : 'e-mail cleared');
  }
  if (changed.length) recordActivity(em, { ...activityEvent('supplier.updated', { supplier: supplier.name, changes: changed }, NO_AMOUNTS), entityId: supplier.id, actorId: viewer.userId });
  return supplier;
}
