import {
  afterCancelled,
  checkOrderLines,
  ErrorCode,

  isOpenSalesOrder,
  lineQuantities,
  NumberSeries,
  somethingRemains,
  planCancel,
  planSalesOrderStatusChange,
  planSchedule,
  statusFactsOf,
  todayUtc,
  userError,
  type SalesOrderStatus,
  type StatusFacts,
} from '@baton/domain';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../../common/viewer.js';
import { checkVersion, fail } from '../../common/errors.js';
import { findById, findManyById, mustFind } from '../../common/lookup.js';
import { recordActivity } from '../activity/activity.service.js';
import { Invoice } from '../invoice/invoice.entity.js';
import { nextNumber } from '../numbering/numbering.service.js';
import { Product } from '../product/product.entity.js';
import { lockProducts, scheduledByProduct } from '../product/product.service.js';
import { Project } from '../project/project.entity.js';
import { SalesOrderLine } from './sales-order-line.entity.js';
import { SalesOrder } from './sales-order.entity.js';
import { changeStatus, linesOf, linesOfMany, lockSalesOrder, purchaseOrderSummary, setLocked } from './sales-order.state.js';

export interface NewSalesOrder {
  projectId: string;
  inHandsDate?: string | null;
  taxRateBasisPoints?: number | null;
  lines: { productId: string; quantity: number; unitPriceCents?: number | null; description?: string | null }[];
}

export async function createSalesOrder(em: EntityManager, viewer: Viewer, input: NewSalesOrder): Promise<SalesOrder> {
  const project = await mustFind(em, Project, input.projectId, ['input', 'projectId'], 'project');
  const products = await findManyById(em, Product, input.lines.map((l) => l.productId));
  const notFound = products.flatMap((p, i) => (p ? [] : [userError(ErrorCode.NOT_FOUND, 'No such product.', ['input', 'lines', i, 'productId'])]));
  if (notFound.length) fail(...notFound);
  const lines = input.lines.map((l, i) => ({
    product: products[i]!,
    quantity: l.quantity,
    unitPriceCents: l.unitPriceCents ?? products[i]!.priceCents,
    description: (l.description ?? products[i]!.name).trim(),
  }));
  const tax = input.taxRateBasisPoints ?? 0;
  const errors = checkOrderLines(lines, tax).map((e) => ({ ...e, field: ['input', ...(e.field ?? [])] }));
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
    }),
  );
  recordActivity(em, {
    kind: 'sales_order.created',
    message: `${order.number} created with ${lines.length} line${lines.length === 1 ? '' : 's'}`,
    projectId: project.id,
    entityId: order.id,
    actorId: viewer.userId,
  });
  return order;
}

/** What the status rules need to know about an order, read under its lock. */
export async function statusFacts(em: EntityManager, order: SalesOrder, lines: SalesOrderLine[]): Promise<StatusFacts> {
  return statusFactsOf(order.status, lines.map((l) => l.state()), (await purchaseOrderSummary(em, order)).anySubmitted);
}

/**
 * Allocates free stock to the orders' lines, serving the orders in the order given; returns the
 * orders that got something. The caller holds the orders' locks; the products are locked here.
 */
async function allocate(em: EntityManager, orders: { order: SalesOrder; lines: SalesOrderLine[] }[], actorId: string | null): Promise<Set<SalesOrder>> {
  const productIds = orders.flatMap(({ lines }) => lines.filter((l) => l.inventoried && l.product).map((l) => l.product!.id));
  const products = await lockProducts(em, productIds);
  const scheduled = await scheduledByProduct(em, products.keys());
  const free = new Map([...products].map(([id, p]) => [id, p.onHand - (scheduled.get(id) ?? 0)]));
  const served = new Set<SalesOrder>();
  for (const { order, lines } of orders) {
    const planLines = lines
      .filter((l) => l.product)
      .map((l) => ({ id: l.id, productId: l.product!.id, inventoried: l.inventoried, remaining: lineQuantities(l.state()).remaining, scheduled: l.scheduled }));
    const allocations = planSchedule(planLines, free);
    if (allocations.size === 0) continue;
    served.add(order);
    for (const l of lines) l.scheduled += allocations.get(l.id) ?? 0;
    const units = [...allocations.values()].reduce((a, b) => a + b, 0);
    recordActivity(em, { kind: 'sales_order.scheduled', message: `${order.number}: ${units} unit${units === 1 ? '' : 's'} scheduled from stock`, projectId: order.project.id, entityId: order.id, actorId });
    changeStatus(em, order, 'SCHEDULED', actorId);
  }
  return served;
}

/** Schedules several orders, served in the order given; an order that gets nothing keeps its status. */
export async function scheduleSalesOrders(em: EntityManager, viewer: Viewer, ids: string[], single: boolean): Promise<SalesOrder[]> {
  if (ids.length === 0 || ids.length > 100) fail(userError(ErrorCode.INVALID_INPUT, 'Schedule 1 to 100 orders at a time.', ['ids']));
  if (new Set(ids).size !== ids.length) fail(userError(ErrorCode.INVALID_INPUT, 'Name each order once.', ['ids']));
  // Locks in id order (no deadlock between overlapping batches); served in the order given.
  const locked = new Map<string, SalesOrder>();
  for (const id of [...ids].sort()) {
    const order = await findById(em, SalesOrder, id, true);
    if (order) locked.set(id, order);
  }
  const missing = ids.flatMap((id, i) => (locked.has(id) ? [] : [userError(ErrorCode.NOT_FOUND, 'No such sales order.', single ? ['id'] : ['ids', i])]));
  if (missing.length) fail(...missing);
  const orders = ids.map((id) => locked.get(id)!);
  const closed = orders.flatMap((o, i) =>
    isOpenSalesOrder(o.status) ? [] : [userError(ErrorCode.INVALID_TRANSITION, `${o.number} is ${o.status}; only open orders are scheduled.`, single ? ['id'] : ['ids', i])],
  );
  if (closed.length) fail(...closed);
  const withLines = await linesOfMany(em, orders);
  const served = await allocate(em, withLines, viewer.userId);
  if (single && served.size === 0) fail(userError(ErrorCode.INSUFFICIENT_STOCK, 'No stock is free for this order’s remaining lines.', ['id']));
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
  checkVersion(order.version, expectedVersion, 'sales order');
  if (reason != null && reason.length > 500) fail(userError(ErrorCode.INVALID_INPUT, 'A reason is at most 500 characters.', ['reason']));
  const lines = await linesOf(em, order);
  const decision = planSalesOrderStatusChange(await statusFacts(em, order, lines), status, viewer.roles);
  if (!decision.ok) fail(...decision.errors);
  if (order.locked) fail(userError(ErrorCode.LOCKED, `${order.number} is locked.`));
  if (status === 'SCHEDULED') {
    const served = await allocate(em, [{ order, lines }], viewer.userId);
    if (served.size === 0) fail(userError(ErrorCode.INSUFFICIENT_STOCK, 'No stock is free for this order’s remaining lines.', ['status']));
    return order;
  }
  if (status === 'CANCELLED') {
    // A cancelled order gives back the stock allocated to it.
    const holding = lines.filter((l) => l.scheduled > 0);
    await lockProducts(em, holding.map((l) => l.product!.id));
    for (const l of holding) l.scheduled = 0;
  }
  changeStatus(em, order, status, viewer.userId, reason?.trim() || '');
  return order;
}

export async function cancelSalesOrderQuantity(em: EntityManager, viewer: Viewer, lineId: string, quantity: number, reason: string): Promise<SalesOrder> {
  const found = await mustFind(em, SalesOrderLine, lineId, ['lineId'], 'sales order line');
  const order = await lockSalesOrder(em, found.salesOrder.id, ['lineId']);
  const lines = await linesOf(em, order);
  const line = lines.find((l) => l.id === found.id)!;
  const decision = planCancel(line.state(), quantity, reason);
  if (!decision.ok) fail(...decision.errors);
  if (!isOpenSalesOrder(order.status)) fail(userError(ErrorCode.INVALID_TRANSITION, `${order.number} is ${order.status}.`));
  if (order.locked) fail(userError(ErrorCode.LOCKED, `${order.number} is locked.`));
  if (decision.value.releaseScheduled > 0) await lockProducts(em, [line.product!.id]);
  line.cancelled = decision.value.cancelled;
  line.scheduled -= decision.value.releaseScheduled;
  recordActivity(em, {
    kind: 'sales_order.quantity_cancelled',
    message: `${order.number} line ${line.position}: ${quantity} cancelled (${reason.trim()})`,
    projectId: order.project.id,
    entityId: order.id,
    actorId: viewer.userId,
  });
  const liveInvoices = await em.count(Invoice, { salesOrder: order, status: { $ne: 'VOID' } });
  const after = afterCancelled(order.status, somethingRemains(lines.map((l) => l.state())), liveInvoices > 0);
  if (after) {
    changeStatus(em, order, after.status, null);
    setLocked(em, order, after.locked, null);
  }
  return order;
}

