import {
  activityEvent,
  NO_AMOUNTS,
  chargeLineOf,
  checkChargeLine,
  checkOrderLines,
  decideAddChargeLine,
  type ChargeLineInput,
  checkScheduleBatch,
  decideCancelQuantity,
  decideSalesOrderStatus,
  decideSchedule,
  notFound,
  NumberSeries,
  todayUtc,
  under,
  type Decision,
  type SalesOrderStatus,
} from '@baton/domain';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../../common/viewer.js';
import { fail } from '../../common/errors.js';
import { findById, findManyById, mustFind } from '../../common/lookup.js';
import { Invoice } from '../invoice/invoice.entity.js';
import { nextNumber } from '../numbering/numbering.service.js';
import { Product } from '../product/product.entity.js';
import { lockProducts, scheduledByProduct } from '../product/product.service.js';
import { Project } from '../project/project.entity.js';
import { SalesOrderLine } from './sales-order-line.entity.js';
import { SalesOrder } from './sales-order.entity.js';
import { changeStatus, linesOf, linesOfMany, lockSalesOrder, recordOrderEvents, salesOrderFacts, salesOrderFactsMany, setLocked } from './sales-order.state.js';

function decided<T>(d: Decision<T>, prefix: string[] = []): T {
  if (!d.ok) fail(...under(prefix, d.errors));
  return d.value;
}

export interface NewSalesOrder {
  projectId: string;
  inHandsDate?: string | null;
  taxRateBasisPoints?: number | null;
  lines: { productId: string; quantity: number; unitPriceCents?: number | null; description?: string | null }[];
  charges?: ChargeLineInput[] | null;
}

export async function createSalesOrder(em: EntityManager, viewer: Viewer, input: NewSalesOrder): Promise<SalesOrder> {
  const project = await mustFind(em, Project, input.projectId, ['input', 'projectId'], 'project');
  const products = await findManyById(em, Product, input.lines.map((l) => l.productId));
  const notFoundLines = products.flatMap((p, i) => (p ? [] : [notFound('product', ['input', 'lines', i, 'productId'])]));
  if (notFoundLines.length) fail(...notFoundLines);
  const lines = input.lines.flatMap((l, i) => {
    const product = products[i];
    return product
      ? [{ product, quantity: l.quantity, unitPriceCents: l.unitPriceCents ?? product.priceCents, description: (l.description ?? product.name).trim() }]
      : [];
  });
  const tax = input.taxRateBasisPoints ?? 0;
  const chargeInputs = input.charges ?? [];
  const chargeErrors = chargeInputs.flatMap((c, i) => checkChargeLine(c, ['charges', i]));
  const charges = chargeErrors.length ? [] : chargeInputs.map(chargeLineOf);
  const errors = under(['input'], [...checkOrderLines(lines, tax, charges.reduce((sum, c) => sum + c.quantity * c.unitPriceCents, 0)), ...chargeErrors]);
  if (errors.length) fail(...errors);

  const order = em.create(SalesOrder, {
    number: await nextNumber(em, viewer.organizationId, NumberSeries.SALES_ORDER),
    project,
    client: project.client,
    orderDate: todayUtc(),
    inHandsDate: input.inHandsDate ?? null,
    taxRateBasisPoints: tax,
  });
  lines.forEach((l, i) =>
    em.create(SalesOrderLine, {
      salesOrder: order,
      position: i + 1,
      product: l.product,
      inventoried: l.product.inventoried,
      description: l.description,
      quantity: l.quantity,
      unitPriceCents: l.unitPriceCents,
      taxable: l.product.taxable,
    }),
  );
  charges.forEach((c, i) => em.create(SalesOrderLine, { ...c, salesOrder: order, position: lines.length + i + 1, product: null, inventoried: false }));
  recordOrderEvents(em, order, [activityEvent('sales_order.created', { salesOrder: order.number, lines: lines.length, charges: charges.length }, NO_AMOUNTS)], viewer.userId);
  return order;
}

/** addChargeLine: freight, setup or a service on an open, unlocked order (its status follows what is now ready). */
export async function addChargeLine(em: EntityManager, viewer: Viewer, salesOrderId: string, input: ChargeLineInput): Promise<SalesOrder> {
  const order = await lockSalesOrder(em, salesOrderId, ['salesOrderId']);
  const lines = await linesOf(em, order);
  const d = decided(decideAddChargeLine(await salesOrderFacts(em, order, lines), input));
  const position = lines.reduce((max, l) => Math.max(max, l.position), 0) + 1;
  lines.push(em.create(SalesOrderLine, { ...d.line, salesOrder: order, position, product: null, inventoried: false }));
  recordOrderEvents(em, order, d.events, viewer.userId);
  return order;
}

/**
 * Each product's free stock (on hand − Σ scheduled), the products locked (the caller holds the
 * orders' locks: the lock order is PO → SO → product).
 */
async function lockFreeStock(em: EntityManager, lines: SalesOrderLine[][]): Promise<Map<string, number>> {
  const productIds = lines.flat().flatMap((l) => (l.inventoried && l.product ? [l.product.id] : []));
  const products = await lockProducts(em, productIds);
  const scheduled = await scheduledByProduct(em, products.keys());
  return new Map([...products].map(([id, p]) => [id, p.onHand - (scheduled.get(id) ?? 0)]));
}

/** Writes the allocations a decision made onto the lines. */
function allocate(lines: SalesOrderLine[], allocations: ReadonlyMap<string, number>): void {
  for (const l of lines) l.scheduled += allocations.get(l.id) ?? 0;
}

/** Schedules several orders, served in the order given; an order that gets nothing keeps its status. */
export async function scheduleSalesOrders(em: EntityManager, viewer: Viewer, ids: string[], single: boolean): Promise<SalesOrder[]> {
  const field = (i: number) => (single ? ['id'] : ['ids', String(i)]);
  const batch = checkScheduleBatch(ids);
  if (batch.length) fail(...batch);
  // Locks in id order (no deadlock between overlapping batches); served in the order given.
  const locked = new Map<string, SalesOrder>();
  for (const id of [...ids].sort()) {
    const order = await findById(em, SalesOrder, id, true);
    if (order) locked.set(id, order);
  }
  const missing = ids.flatMap((id, i) => (locked.has(id) ? [] : [notFound('sales order', field(i))]));
  if (missing.length) fail(...missing);
  const orders = ids.flatMap((id) => locked.get(id) ?? []);
  const withLines = await linesOfMany(em, orders);
  const free = await lockFreeStock(em, withLines.map((o) => o.lines));
  const d = decided(decideSchedule(await salesOrderFactsMany(em, withLines), free, single, field));
  withLines.forEach(({ order, lines }, i) => {
    const allocations = d.allocations[i];
    if (!allocations || allocations.size === 0) return;
    allocate(lines, allocations);
    recordOrderEvents(em, order, d.events[i] ?? [], viewer.userId);
    changeStatus(em, order, 'SCHEDULED', viewer.userId);
  });
  return orders;
}

export async function setSalesOrderStatus(
  em: EntityManager,
  viewer: Viewer,
  id: string,
  status: SalesOrderStatus,
  reason: string | null | undefined,
  expectedVersion: number | null | undefined,
): Promise<SalesOrder> {
  const order = await lockSalesOrder(em, id, ['id']);
  const lines = await linesOf(em, order);
  const facts = await salesOrderFacts(em, order, lines);
  const free = status === 'SCHEDULED' ? await lockFreeStock(em, [lines]) : new Map<string, number>();
  const d = decided(decideSalesOrderStatus(facts, status, viewer.roles, reason, free, expectedVersion));
  allocate(lines, d.allocations);
  if (d.releaseScheduled.length) {
    // A cancelled order gives back the stock allocated to it.
    const holding = lines.filter((l) => d.releaseScheduled.includes(l.id));
    await lockProducts(em, holding.flatMap((l) => (l.product ? [l.product.id] : [])));
    for (const l of holding) l.scheduled = 0;
  }
  // A cancelled order's unpaid deposit invoices are voided with it.
  for (const deposit of d.voidDeposits.length ? await em.find(Invoice, { id: { $in: d.voidDeposits }, salesOrder: order }) : []) {
    deposit.status = 'VOID';
    deposit.voidReason = `${order.number} was cancelled`;
  }
  recordOrderEvents(em, order, d.events, viewer.userId);
  changeStatus(em, order, d.to, viewer.userId, status === 'SCHEDULED' ? '' : (reason?.trim() ?? ''));
  return order;
}

export async function cancelSalesOrderQuantity(em: EntityManager, viewer: Viewer, lineId: string, quantity: number, reason: string): Promise<SalesOrder> {
  const found = await mustFind(em, SalesOrderLine, lineId, ['lineId'], 'sales order line');
  const order = await lockSalesOrder(em, found.salesOrder.id, ['lineId']);
  const lines = await linesOf(em, order);
  const d = decided(decideCancelQuantity(await salesOrderFacts(em, order, lines), found.id, quantity, reason));
  const line = lines.find((l) => l.id === d.lineId);
  if (!line) fail(notFound('sales order line', ['lineId']));
  if (d.releaseScheduled > 0 && line.product) await lockProducts(em, [line.product.id]);
  line.cancelled = d.cancelled;
  line.scheduled -= d.releaseScheduled;
  recordOrderEvents(em, order, d.events, viewer.userId);
  if (d.after) {
    changeStatus(em, order, d.after.status, null);
    setLocked(em, order, d.after.locked, null);
  }
  return order;
}
