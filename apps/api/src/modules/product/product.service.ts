import { activityEvent, NO_AMOUNTS, checkNewProduct, checkProductValues, decideAdjustment, formatMoney, planInventoriedChange, skuTaken } from '@baton/domain';
import { LockMode, ref } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../../common/viewer.js';
import { checkVersion, fail } from '../../common/errors.js';
import { mustFind } from '../../common/lookup.js';
import { must } from '../../common/must.js';
import { likePattern } from '../../common/pagination.js';
import { recordActivity } from '../activity/activity.service.js';
import { Organization } from '../../common/organization.entity.js';
import { Supplier } from '../supplier/supplier.entity.js';
import { Product } from './product.entity.js';
import { StockMovement, type StockMovementKind } from './stock-movement.entity.js';

export interface NewProduct {
  sku: string;
  name: string;
  inventoried: boolean;
  priceCents: number;
  costCents: number;
  supplierId?: string | null;
  minStock?: number | null;
  maxStock?: number | null;
  taxable?: boolean | null;
}

export async function createProduct(em: EntityManager, input: NewProduct): Promise<Product> {
  const supplier = input.supplierId != null ? await mustFind(em, Supplier, input.supplierId, ['supplierId'], 'supplier') : null;
  const sku = input.sku.trim();
  const minStock = input.minStock ?? 0;
  const maxStock = input.maxStock ?? 0;
  const errors = checkNewProduct({ sku, name: input.name, priceCents: input.priceCents, costCents: input.costCents, minStock, maxStock });
  if (errors.length) fail(...errors);
  if ((await em.count(Product, { sku })) > 0) fail(skuTaken(sku));
  return em.create(Product, {
    sku,
    name: input.name.trim(),
    inventoried: input.inventoried,
    priceCents: input.priceCents,
    costCents: input.costCents,
    supplier,
    minStock,
    maxStock,
    taxable: input.taxable ?? true,
  });
}

export function listProducts(em: EntityManager, search?: string | null): Promise<Product[]> {
  const s = search?.trim();
  const where = s ? { $or: [{ sku: { $ilike: likePattern(s) } }, { name: { $ilike: likePattern(s) } }] } : {};
  return em.find(Product, where, { orderBy: { sku: 'asc' } });
}

/**
 * Locks products for a stock decision, in id order (so two transactions never wait on each other
 * in a cycle). Every change of on hand or of a line's scheduled quantity holds these locks.
 */
export async function lockProducts(em: EntityManager, ids: Iterable<string>): Promise<Map<string, Product>> {
  const unique = [...new Set(ids)].sort();
  if (unique.length === 0) return new Map();
  const products = await em.find(Product, { id: { $in: unique } }, { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { id: 'asc' }, refresh: true });
  return new Map(products.map((p) => [p.id, p]));
}

/** Σ scheduled per product over every sales order line (only open orders hold allocations). */
export async function scheduledByProduct(em: EntityManager, productIds: Iterable<string>): Promise<Map<string, number>> {
  const ids = [...new Set(productIds)];
  const result = new Map(ids.map((id) => [id, 0]));
  if (ids.length === 0) return result;
  const rows = await em.getConnection().execute<{ product_id: string; scheduled: string }[]>(
    `select product_id, sum(scheduled) as scheduled from sales_order_line where product_id in (?) and scheduled > 0 group by product_id`,
    [ids],
    'all',
    em.getTransactionContext(),
  );
  for (const r of rows) result.set(r.product_id, Number(r.scheduled));
  return result;
}

/** Moves stock: a ledger row and on hand in step. The caller holds the product's lock. */
export function moveStock(
  em: EntityManager,
  product: Product,
  quantity: number,
  kind: StockMovementKind,
  details: { reason?: string | null; documentId?: string | null; actorId: string | null },
): void {
  if (quantity === 0) return;
  product.onHand += quantity;
  em.create(StockMovement, { product, quantity, kind, reason: details.reason ?? null, documentId: details.documentId ?? null, actor: details.actorId });
}

export async function adjustStock(em: EntityManager, viewer: Viewer, productId: string, quantity: number, reason: string): Promise<Product> {
  await mustFind(em, Product, productId, ['productId'], 'product');
  const product = (await lockProducts(em, [productId])).get(productId)!;
  const scheduled = (await scheduledByProduct(em, [productId])).get(productId) ?? 0;
  const decision = decideAdjustment(product, scheduled, quantity, reason);
  if (!decision.ok) fail(...decision.errors);
  moveStock(em, product, quantity, 'ADJUSTMENT', { reason: reason.trim(), actorId: viewer.userId });
  recordActivity(em, {
    ...activityEvent('product.stock_adjusted', { sku: product.sku, quantity, reason: reason.trim(), onHand: product.onHand }, NO_AMOUNTS),
    entityId: product.id,
    actorId: viewer.userId,
  });
  return product;
}

export interface ProductEdit {
  productId: string;
  name?: string | null;
  priceCents?: number | null;
  costCents?: number | null;
  /** undefined keeps the preferred supplier, null clears it */
  supplierId?: string | null;
  minStock?: number | null;
  maxStock?: number | null;
  inventoried?: boolean | null;
  taxable?: boolean | null;
  expectedVersion?: number | null;
}

/** How many open sales order lines and open purchase order lines name the product. */
async function openUse(em: EntityManager, productId: string): Promise<{ salesOrderLines: number; purchaseOrderLines: number }> {
  const [row] = await em.getConnection().execute<{ so: string; po: string }[]>(
    `select (select count(*) from sales_order_line l join sales_order so on so.id = l.sales_order_id
             where l.product_id = ? and so.status not in ('INVOICED', 'CANCELLED')) as so,
            (select count(*) from purchase_order_line pl join purchase_order po on po.id = pl.purchase_order_id
             where pl.product_id = ? and po.stage not in ('CLOSED', 'CANCELLED')) as po`,
    [productId, productId],
    'all',
    em.getTransactionContext(),
  );
  const counts = must(row, 'the counts row');
  return { salesOrderLines: Number(counts.so), purchaseOrderLines: Number(counts.po) };
}

/**
 * Edits a product under its stock lock (the same lock every stock change holds), so the
 * inventoried switch is decided on figures no other transaction can move meanwhile. Prices apply
 * to lines added from now on; existing order lines keep theirs.
 */
export async function updateProduct(em: EntityManager, viewer: Viewer, input: ProductEdit): Promise<Product> {
  await mustFind(em, Product, input.productId, ['input', 'productId'], 'product');
  const product = (await lockProducts(em, [input.productId])).get(input.productId)!;
  const supplier =
    input.supplierId === undefined ? undefined : input.supplierId === null ? null : await mustFind(em, Supplier, input.supplierId, ['input', 'supplierId'], 'supplier');
  checkVersion(product.version, input.expectedVersion, 'product');
  const next = {
    name: input.name ?? product.name,
    priceCents: input.priceCents ?? product.priceCents,
    costCents: input.costCents ?? product.costCents,
    minStock: input.minStock ?? product.minStock,
    maxStock: input.maxStock ?? product.maxStock,
  };
  const errors = checkProductValues(next, ['input']);
  if (errors.length) fail(...errors);
  if (input.inventoried != null && input.inventoried !== product.inventoried) {
    const use = await openUse(em, product.id);
    const decision = planInventoriedChange(
      { inventoried: product.inventoried, onHand: product.onHand, openSalesOrderLines: use.salesOrderLines, openPurchaseOrderLines: use.purchaseOrderLines },
      input.inventoried,
      ['input'],
    );
    if (!decision.ok) fail(...decision.errors);
  }

  const changed: string[] = [];
  const name = next.name.trim();
  if (name !== product.name) changed.push('name');
  product.name = name;
  const words = { priceCents: 'price', costCents: 'cost', minStock: 'minimum stock', maxStock: 'maximum stock' } as const;
  const money = ['priceCents', 'costCents'].some((f) => next[f as 'priceCents'] !== product[f as 'priceCents']);
  // Prices read in the organization's currency, as everywhere else.
  const currency = money ? (await em.findOneOrFail(Organization, viewer.organizationId)).currency : 'USD';
  const shown = (field: keyof typeof words, value: number) => (field === 'priceCents' || field === 'costCents' ? formatMoney(value, currency) : String(value));
  for (const field of ['priceCents', 'costCents', 'minStock', 'maxStock'] as const) {
    if (next[field] !== product[field]) changed.push(`${words[field]} ${shown(field, product[field])} → ${shown(field, next[field])}`);
    product[field] = next[field];
  }
  if (input.taxable != null && input.taxable !== product.taxable) {
    changed.push(input.taxable ? 'now taxable' : 'now not taxable');
    product.taxable = input.taxable;
  }
  if (supplier !== undefined && (supplier?.id ?? null) !== (product.supplier?.id ?? null)) {
    changed.push(supplier ? `preferred supplier ${supplier.name}` : 'preferred supplier cleared');
    product.supplier = supplier ? ref(supplier) : null;
  }
  if (input.inventoried != null && input.inventoried !== product.inventoried) {
    changed.push(input.inventoried ? 'now inventoried' : 'now drop-ship');
    product.inventoried = input.inventoried;
  }
  if (changed.length) recordActivity(em, { ...activityEvent('product.updated', { sku: product.sku, changes: changed }, NO_AMOUNTS), entityId: product.id, actorId: viewer.userId });
  return product;
}
