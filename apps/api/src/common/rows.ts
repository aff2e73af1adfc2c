import { BigIntType, ReferenceKind, type EntityClass, type EntityMetadata, type EntityProperty } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Read rows served without the ORM (issue 13): a report's or a list's row is the plain object the
 * statement returned, shaped like its entity (the same property names, so the GraphQL type and its
 * default resolvers read it unchanged) — no entity built, no identity map, no merge. The entity's
 * computed fields (balanceCents, overdue, pdfUrl …) are the entity class's own getters, on the row's
 * prototype. What a row cannot answer by itself (a relation it was not read with, a permission that
 * reads the lines) its field resolver asks of the entity, loaded by id through the ORM's batching
 * (`entityOf`): the same decision as for an entity, one batched look-up when a query asks for it.
 * MikroORM stays for writes and the decisions that load before they write.
 */
export const ROW = Symbol('row');

/** What a read row carries beside its fields: its foreign keys, the records read with it, extra facts (an order's figures). */
export interface RowFacts {
  refs: Record<string, string | null>;
  related: Record<string, object | null>;
  figures?: object;
}

export type Row<T> = T & { [ROW]: RowFacts };

export function isRow<T extends object>(x: T): x is Row<T> {
  return (x as { [ROW]?: RowFacts })[ROW] !== undefined;
}

/** A `date` column as the driver or JSON gives it (text, or a Date at UTC midnight) → YYYY-MM-DD. */
export function dateText(v: unknown): string {
  return v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
}

type Convert = (v: unknown) => unknown;
interface Mapper {
  proto: object;
  scalars: [string, string, Convert][];
  refs: [string, string][];
}

const identity: Convert = (v) => v;
const toNumber: Convert = (v) => (v == null ? v : Number(v));
const toDate: Convert = (v) => (v == null || v instanceof Date ? v : new Date(v as string));
const toDateText: Convert = (v) => (v == null ? v : dateText(v));

function converter(prop: EntityProperty): Convert {
  if (prop.customType instanceof BigIntType) return toNumber;
  const type = String(prop.type).toLowerCase();
  if (type === 'date' || prop.columnTypes?.[0] === 'date') return toDateText;
  if (prop.runtimeType === 'Date') return toDate;
  return identity;
}

/** The entity class's own getters (not the ORM's), for the rows' prototype. */
function gettersOf(entity: EntityClass<object>, meta: EntityMetadata): PropertyDescriptorMap {
  const out: PropertyDescriptorMap = {};
  for (let proto = entity.prototype as object | null; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (name.startsWith('__') || name in out || name in meta.properties) continue;
      const desc = Object.getOwnPropertyDescriptor(proto, name);
      if (desc?.get) out[name] = { get: desc.get, enumerable: false, configurable: true };
    }
  }
  return out;
}

const mappers = new Map<string, Mapper>();

function mapperOf(em: EntityManager, entity: EntityClass<object>): Mapper {
  let m = mappers.get(entity.name);
  if (m) return m;
  const meta = em.getMetadata().get(entity.name);
  const scalars: Mapper['scalars'] = [];
  const refs: Mapper['refs'] = [];
  for (const prop of meta.props) {
    if (prop.persist === false || prop.lazy || prop.fieldNames?.length !== 1) continue;
    const column = prop.fieldNames[0]!;
    if (prop.kind === ReferenceKind.SCALAR) scalars.push([prop.name, column, converter(prop)]);
    else if (prop.kind === ReferenceKind.MANY_TO_ONE || (prop.kind === ReferenceKind.ONE_TO_ONE && prop.owner)) refs.push([prop.name, column]);
  }
  m = { proto: Object.create(Object.prototype, gettersOf(entity, meta)) as object, scalars, refs };
  mappers.set(entity.name, m);
  return m;
}

/**
 * A table row (from the driver, or one of its rows as JSON) as a plain read row of `entity`.
 * `related` holds the records read with it (themselves rows, or null for a null foreign key).
 */
export function rowOf<T extends object>(em: EntityManager, entity: EntityClass<T>, r: Record<string, unknown>, related: Record<string, object | null> = {}, figures?: object): Row<T> {
  const m = mapperOf(em, entity);
  const out = Object.create(m.proto) as Record<string | symbol, unknown>;
  for (const [name, column, convert] of m.scalars) out[name] = convert(r[column]);
  const refs: Record<string, string | null> = {};
  for (const [name, column] of m.refs) refs[name] = (r[column] as string | null | undefined) ?? null;
  out[ROW] = { refs, related, figures } satisfies RowFacts;
  return out as Row<T>;
}

/** The entity behind a read row (loaded by id, batched with the request's other look-ups), or the entity itself. */
export function entityOf<T extends object>(em: EntityManager, entity: EntityClass<T>, root: T): Promise<T> | T {
  if (!isRow(root)) return root;
  return em.getReference(entity, (root as unknown as { id: string }).id as never, { wrapped: true }).loadOrFail() as Promise<T>;
}

/**
 * A relation of a read row: the record read with it, else the entity loaded by its foreign key
 * (null when the key is null).
 */
export function relatedOf<T extends object>(em: EntityManager, root: Row<object>, name: string, entity: EntityClass<T>): Promise<T | null> | T | null {
  const facts = root[ROW];
  if (name in facts.related) return facts.related[name] as T | null;
  const id = facts.refs[name];
  return id ? (em.getReference(entity, id as never, { wrapped: true }).loadOrFail() as Promise<T>) : null;
}
