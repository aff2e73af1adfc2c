import { available, reorderSuggestion } from '@baton/domain';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Field, Int, ObjectType } from 'type-graphql';
import { badUserInput } from '../common/errors.js';
import { isId } from '../common/ids.js';
import type { Loaders } from '../common/loaders.js';
import { SafeIntScalar } from '../common/scalars.js';
import { Product } from '../modules/product/product.entity.js';
import { stockFigures } from '../modules/product/product.loaders.js';
import { SalesOrderLine } from '../modules/sales-order/sales-order-line.entity.js';
import { SalesOrder } from '../modules/sales-order/sales-order.entity.js';

// Row types are plain data (no field resolvers, no @Authorized, no middlewares): simpleResolvers lets
// graphql-js read their properties directly. A field that needs auth or a resolver must drop it.
@ObjectType({ simpleResolvers: true })
export class BackorderRow {
  @Field(() => SalesOrder) salesOrder!: SalesOrder;
  @Field(() => SalesOrderLine) line!: SalesOrderLine;
  @Field(() => Int) ordered!: number;
  @Field(() => Int) shipped!: number;
  @Field(() => Int) invoiced!: number;
  @Field(() => Int) backordered!: number;
  @Field(() => SafeIntScalar) backorderedCents!: number;
}

@ObjectType({ simpleResolvers: true })
export class BackorderReport {
  @Field(() => [BackorderRow]) rows!: BackorderRow[];
  @Field(() => Int) totalBackordered!: number;
  @Field(() => SafeIntScalar) totalBackorderedCents!: number;
}

@ObjectType({ simpleResolvers: true })
export class ProductBacklog {
  @Field(() => Product) product!: Product;
  @Field(() => Int) onHand!: number;
  @Field(() => Int, { description: 'Σ remaining over open sales order lines' }) openQuantity!: number;
  @Field(() => Int) backordered!: number;
  @Field(() => [SalesOrderLine], { description: 'the open lines, oldest order first' }) lines!: SalesOrderLine[];
}

@ObjectType({ simpleResolvers: true })
export class ReorderRow {
  @Field(() => Product) product!: Product;
  @Field(() => Int) onHand!: number;
  @Field(() => Int) committed!: number;
  @Field(() => Int) onOrder!: number;
  @Field(() => Int) available!: number;
  @Field(() => Int) minStock!: number;
  @Field(() => Int) maxStock!: number;
  @Field(() => Int, { description: 'max(0, maxStock − available)' }) suggestedQuantity!: number;
}

function optionalId(value: string | null | undefined, name: string): string | null {
  if (value == null) return null;
  if (!isId(value)) throw badUserInput(`${name} is not a valid id.`);
  return value;
}

async function byIds<T extends { id: string }>(em: EntityManager, entity: new () => T, ids: string[]): Promise<Map<string, T>> {
  const unique = [...new Set(ids)];
  const rows = unique.length ? await em.find(entity, { id: { $in: unique } } as never) : [];
  return new Map((rows as T[]).map((r) => [r.id, r]));
}

/** A row of the sales_order_line_figures view (the line figures, defined once in the database). */
interface LineRow {
  id: string;
  sales_order_id: string;
  product_id: string | null;
  unit_price_cents: string;
  invoiced: number;
  ordered: number;
  remaining: number;
  shipped: number;
  backordered: number;
}

/** The lines of open orders with their figures, joined to their order as `so` (its status, client, date). */
const OPEN_LINES = `sales_order_line_figures l join sales_order so on so.id = l.sales_order_id
  where l.organization_id = ? and so.status not in ('INVOICED', 'CANCELLED')`;

/**
 * DOMAIN.md, "Backorder report": lines with backordered > 0 of open orders with a live invoice;
 * with includeNotYetInvoiced also of open, partly fulfilled orders with no live invoice yet.
 * The order-level checks correlate on so.id, so they run once per order (under a Memoize), not per line.
 */
export async function backorderReport(
  em: EntityManager,
  organizationId: string,
  filter: { clientId?: string | null; productId?: string | null; includeNotYetInvoiced?: boolean | null } | null | undefined,
): Promise<BackorderReport> {
  const clientId = optionalId(filter?.clientId, 'clientId');
  const productId = optionalId(filter?.productId, 'productId');
  const rows = await em.getConnection().execute<LineRow[]>(
    `select l.id, l.sales_order_id, l.product_id, l.unit_price_cents, l.invoiced, l.ordered, l.remaining, l.shipped, l.backordered
     from ${OPEN_LINES} and l.backordered > 0
       and (?::uuid is null or so.client_id = ?::uuid) and (?::uuid is null or l.product_id = ?::uuid)
       and (exists (select 1 from invoice i where i.sales_order_id = so.id and i.status <> 'VOID')
            or (?::boolean and (select f.partly_fulfilled from sales_order_figures f where f.sales_order_id = so.id)))
     order by so.created_at, so.id, l.position`,
    [organizationId, clientId, clientId, productId, productId, filter?.includeNotYetInvoiced ?? false],
  );
  const [orders, lines] = await Promise.all([byIds(em, SalesOrder, rows.map((r) => r.sales_order_id)), byIds(em, SalesOrderLine, rows.map((r) => r.id))]);
  const result = rows.map((r) => ({
    salesOrder: orders.get(r.sales_order_id)!,
    line: lines.get(r.id)!,
    ordered: r.ordered,
    shipped: r.shipped,
    invoiced: r.invoiced,
    backordered: r.backordered,
    backorderedCents: r.backordered * Number(r.unit_price_cents),
  }));
  return {
    rows: result,
    totalBackordered: result.reduce((s, r) => s + r.backordered, 0),
    totalBackorderedCents: result.reduce((s, r) => s + r.backorderedCents, 0),
  };
}

/** DOMAIN.md, "Order backlog by product": open demand per product, its open lines oldest order first. */
export async function orderBacklogByProduct(em: EntityManager, organizationId: string, productIdArg: string | null | undefined): Promise<ProductBacklog[]> {
  const productId = optionalId(productIdArg, 'productId');
  const rows = await em.getConnection().execute<LineRow[]>(
    `select l.id, l.sales_order_id, l.product_id, l.unit_price_cents, l.invoiced, l.ordered, l.remaining, l.shipped, l.backordered
     from ${OPEN_LINES} and l.remaining > 0 and l.product_id is not null and (?::uuid is null or l.product_id = ?::uuid)
     order by so.created_at, so.id, l.position`,
    [organizationId, productId, productId],
  );
  const [products, lines] = await Promise.all([byIds(em, Product, rows.map((r) => r.product_id!)), byIds(em, SalesOrderLine, rows.map((r) => r.id))]);
  const groups = new Map<string, LineRow[]>();
  for (const r of rows) groups.set(r.product_id!, [...(groups.get(r.product_id!) ?? []), r]);
  return [...groups]
    .map(([id, group]) => {
      const product = products.get(id)!;
      return {
        product,
        onHand: product.onHand,
        openQuantity: group.reduce((s, r) => s + r.remaining, 0),
        backordered: group.reduce((s, r) => s + r.backordered, 0),
        lines: group.map((r) => lines.get(r.id)!),
      };
    })
    .sort((a, b) => a.product.sku.localeCompare(b.product.sku));
}

/** DOMAIN.md, "Inventory reorder report": inventoried, minStock > 0, available ≤ minStock. */
export async function inventoryReorderReport(em: EntityManager, loaders: Loaders, supplierIdArg: string | null | undefined): Promise<ReorderRow[]> {
  const supplierId = optionalId(supplierIdArg, 'supplierId');
  const products = await em.find(Product, { inventoried: true, minStock: { $gt: 0 }, ...(supplierId ? { supplier: supplierId } : {}) }, { orderBy: { sku: 'asc' } });
  // One batch: every load below is asked for before the loader runs.
  const figures = loaders.get(stockFigures);
  const rows = await Promise.all(products.map(async (product) => ({ product, f: await figures.load(product.id) })));
  return rows.flatMap(({ product, f }) => {
    const avail = available({ onHand: product.onHand, ...f });
    const suggested = reorderSuggestion({ minStock: product.minStock, maxStock: product.maxStock, available: avail });
    if (suggested === null) return [];
    return [{ product, onHand: product.onHand, committed: f.committed, onOrder: f.onOrder, available: avail, minStock: product.minStock, maxStock: product.maxStock, suggestedQuantity: suggested }];
  });
}
