import { notFound } from '@baton/domain';
import { LockMode, type EntityName, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { fail } from './errors.js';
import { isId } from './ids.js';

/**
 * A record of the viewer's organization by id, or null: an id of another organization, a
 * malformed id and an unknown id all look the same (the tenant filter does the scoping).
 */
export async function findById<T extends object>(em: EntityManager, entity: EntityName<T>, id: unknown, lock = false): Promise<T | null> {
  if (!isId(id)) return null;
  return em.findOne(entity, { id } as FilterQuery<T>, lock ? { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true } : {});
}

/**
 * findById for many ids in ONE statement (not a query per id, and never two at once on a
 * transaction's connection): the records in the order of `ids`, null where findById would answer null.
 */
export async function findManyById<T extends { id: string }>(em: EntityManager, entity: EntityName<T>, ids: readonly unknown[], lock = false): Promise<(T | null)[]> {
  const wanted = [...new Set(ids.filter(isId))];
  const rows = wanted.length
    ? await em.find(entity, { id: { $in: wanted } } as unknown as FilterQuery<T>, lock ? { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true } : {})
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => (isId(id) ? (byId.get(id) ?? null) : null));
}

/** The same, refusing the mutation with NOT_FOUND on `field` when there is no such record. */
export async function mustFind<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  id: unknown,
  field: readonly (string | number)[],
  what: string,
  lock = false,
): Promise<T> {
  const found = await findById(em, entity, id, lock);
  if (!found) fail(notFound(what, field));
  return found;
}
