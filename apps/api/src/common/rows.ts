import { BigIntType, ReferenceKind, type EntityClass, type EntityProperty } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Read rows served without the ORM (issue 13): a report's or a list's row is the plain object the
 * statement returned, shaped like its entity (the same property names, so the GraphQL type and its
 * default resolvers read it unchanged) — no entity built, no identity map, no merge. Its prototype
 * is the entity class's, so the entity's computed fields (balanceCents, overdue, pdfUrl …) and methods
 * answer, and type-graphql takes it for an instance (it would otherwise copy every row into a new
 * entity for each field resolver it passes through). What a row cannot answer by itself (a relation it was not read with, a permission that
 * reads the lines) its field resolver asks of the entity, loaded by id through the ORM's batching
 * (`entityOf`): the same decision as for an entity, one batched look-up when a query asks for it.
 * MikroORM stays for writes and the decisions that load before they write. A project's tree reads
 * rows that also carry their relations and collections (`treeRowOf`), so the entity's code runs on them.
 */
export const ROW = Symbol('row');

/** What a read row carries beside its fields: its foreign keys, the records read with it, extra facts (an order's figures). */
export interface RowFacts {
  refs: Record<string, string | null>;
  related: Record<string, object | null>;
  figures?: object;
  /**
   * A tree row (`treeRowOf`): its references and collections are objects shaped like the ORM's
   * (`ref.id`, `ref.loadOrFail()`, `collection.load()`, `getItems()`) and its prototype carries the
   * entity's methods as well as its getters, so the entity's own code reads it as it reads an entity.
   */
  tree?: boolean;
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

/**
 * The prototype of an entity's read rows: the entity class's prototype (so the entity's getters and
 * methods answer, and type-graphql's `@Root()` sees an instance and does not copy the row into a new
 * entity on every field) under a layer of plain writable slots, one per property. MikroORM has put
 * change-tracking setters on the class's prototype; a plain assignment to a row stops at its slot
 * and becomes the row's own property, so no setter runs (and assignment stays as fast as on any
 * object: Object.defineProperty per field cost a tenth of an overview).
 */
function rowPrototype(entity: EntityClass<object>, names: string[]): object {
  const slots: PropertyDescriptorMap = {};
  for (const name of names) slots[name] = { value: undefined, writable: true, enumerable: false, configurable: true };
  return Object.create(entity.prototype as object, { ...slots, [ROW]: { value: undefined, writable: true, enumerable: false, configurable: true } }) as object;
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
  m = { proto: rowPrototype(entity, meta.props.map((p) => p.name)), scalars, refs };
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
  // A tree row answers as its entity would: its relations and collections resolve like the ORM's.
  if (!isRow(root) || root[ROW].tree) return root;
  return em.getReference(entity, (root as unknown as { id: string }).id as never, { wrapped: true }).loadOrFail() as Promise<T>;
}

/**
 * A relation of a read row: the record read with it, else the entity loaded by its foreign key
 * (null when the key is null).
 */
export function relatedOf<T extends object>(em: EntityManager, root: Row<object>, name: string, entity: EntityClass<T>): Promise<T | null> | T | null {
  const facts = root[ROW];
  if (facts.tree) {
    const ref = (root as unknown as Record<string, RowRef<T> | null | undefined>)[name];
    return ref ? (ref.peek() ?? ref.loadOrFail()) : null;
  }
  if (name in facts.related) return facts.related[name] as T | null;
  const id = facts.refs[name];
  return id ? (em.getReference(entity, id as never, { wrapped: true }).loadOrFail() as Promise<T>) : null;
}

/** The rows of one read that point at each other (a project's tree): by entity name, then id. */
export type RowIndex = Map<string, Map<string, object>>;

/** An entity by name and id, through the ORM's batched reference loading. */
function loadById(em: EntityManager, entityName: string, id: string): Promise<unknown> {
  return (em.getReference(entityName as never, id as never, { wrapped: true }) as unknown as { loadOrFail(): Promise<unknown> }).loadOrFail();
}

/** A tree row's many-to-one: the row read with it when there is one, else the entity loaded by id (batched). */
export class RowRef<T extends object> {
  constructor(
    readonly id: string,
    private readonly em: EntityManager,
    private readonly entityName: string,
    private readonly index: RowIndex,
  ) {}

  /** The row read with it, if any. */
  peek(): T | undefined {
    return this.index.get(this.entityName)?.get(this.id) as T | undefined;
  }

  isInitialized(): boolean {
    return this.peek() !== undefined;
  }

  loadOrFail(): Promise<T> {
    const row = this.peek();
    return row ? Promise.resolve(row) : (loadById(this.em, this.entityName, this.id) as Promise<T>);
  }

  load(): Promise<T> {
    return this.loadOrFail();
  }

  unwrap(): T {
    const row = this.peek();
    if (!row) throw new Error(`${this.entityName} ${this.id} was not read with this row; load it`);
    return row;
  }

  getEntity(): T {
    return this.unwrap();
  }

  toJSON(): { id: string } {
    return { id: this.id };
  }
}

/** A tree row's one-to-many or many-to-many: the rows read with it, else its entity's collection loaded. */
export class RowCollection<T extends object> implements Iterable<T> {
  private items: T[] | undefined;

  constructor(
    private readonly em: EntityManager,
    private readonly ownerName: string,
    private readonly ownerId: string,
    private readonly name: string,
  ) {}

  hydrate(items: T[]): void {
    this.items = items;
  }

  isInitialized(): boolean {
    return this.items !== undefined;
  }

  getItems(): T[] {
    if (!this.items) throw new Error(`${this.ownerName}.${this.name} was not read with this row; load it`);
    return this.items;
  }

  async load(): Promise<this> {
    if (!this.items) {
      const owner = (await loadById(this.em, this.ownerName, this.ownerId)) as Record<string, { load(): Promise<{ getItems(): T[] }> }>;
      this.items = (await owner[this.name]!.load()).getItems();
    }
    return this;
  }

  count(): number {
    return this.getItems().length;
  }

  get length(): number {
    return this.getItems().length;
  }

  [Symbol.iterator](): Iterator<T> {
    return this.getItems()[Symbol.iterator]();
  }

  /** Its records' ids (a row logged or serialised must not walk into the EntityManager). */
  toJSON(): string[] {
    return (this.items ?? []).map((i) => (i as { id?: string }).id ?? '');
  }
}

interface TreeShape {
  proto: object;
  scalars: [string, string, Convert][];
  refs: [string, string, string][];
  collections: string[];
}

const treeShapes = new Map<string, TreeShape>();

function treeShapeOf(em: EntityManager, entity: EntityClass<object>): TreeShape {
  let shape = treeShapes.get(entity.name);
  if (shape) return shape;
  const meta = em.getMetadata().get(entity.name);
  const m = mapperOf(em, entity);
  const refs: TreeShape['refs'] = [];
  const collections: string[] = [];
  for (const prop of meta.props) {
    if ((prop.kind === ReferenceKind.MANY_TO_ONE || (prop.kind === ReferenceKind.ONE_TO_ONE && prop.owner)) && prop.fieldNames?.length === 1) refs.push([prop.name, prop.fieldNames[0]!, prop.type]);
    else if (prop.kind === ReferenceKind.ONE_TO_MANY || prop.kind === ReferenceKind.MANY_TO_MANY) collections.push(prop.name);
  }
  shape = { proto: m.proto, scalars: m.scalars, refs, collections };
  treeShapes.set(entity.name, shape);
  return shape;
}

/**
 * A table row (from the driver, or one of its rows as JSON) as a tree row of `entity`: the plain
 * fields of `rowOf`, references (`RowRef`) that answer from `index` (the rows read with it), and
 * collections (`RowCollection`) the reader fills with `hydrate`. Put in `index` under its id.
 */
export function treeRowOf<T extends object>(em: EntityManager, entity: EntityClass<T>, r: Record<string, unknown>, index: RowIndex): Row<T> {
  const shape = treeShapeOf(em, entity);
  const out = Object.create(shape.proto) as Record<string | symbol, unknown>;
  for (const [name, column, convert] of shape.scalars) out[name] = convert(r[column]);
  const refs: Record<string, string | null> = {};
  for (const [name, column, target] of shape.refs) {
    const id = (r[column] as string | null | undefined) ?? null;
    refs[name] = id;
    out[name] = id === null ? null : new RowRef(id, em, target, index);
  }
  for (const name of shape.collections) out[name] = new RowCollection(em, entity.name, out.id as string, name);
  out[ROW] = { refs, related: {}, tree: true } satisfies RowFacts;
  let byId = index.get(entity.name);
  if (!byId) index.set(entity.name, (byId = new Map()));
  byId.set(out.id as string, out);
  return out as Row<T>;
}
