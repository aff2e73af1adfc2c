import { checkName, normalizeEmail } from '@baton/domain';
import type { EntityManager } from '@mikro-orm/postgresql';
import { fail } from '../../common/errors.js';
import { checkOptionalEmail } from '../client/client.service.js';
import { Supplier } from './supplier.entity.js';

export async function createSupplier(em: EntityManager, input: { name: string; email?: string | null }): Promise<Supplier> {
  const errors = [...checkName(input.name, 'name'), ...checkOptionalEmail(input.email)];
  if (errors.length) fail(...errors);
  return em.create(Supplier, { name: input.name.trim(), email: input.email?.trim() ? normalizeEmail(input.email) : null });
}

export function listSuppliers(em: EntityManager): Promise<Supplier[]> {
  return em.find(Supplier, {}, { orderBy: { name: 'asc', id: 'asc' } });
}
