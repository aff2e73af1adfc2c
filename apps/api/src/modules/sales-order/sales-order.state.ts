import { hasBeenSubmitted, hasShipped, isLivePurchaseOrder, type PurchaseOrderStage, type PurchaseOrderSummary, type SalesOrderStatus } from '@baton/domain';
import type { EntityManager } from '@mikro-orm/postgresql';
import { mustFind } from '../../common/lookup.js';
import { recordActivity } from '../activity/activity.service.js';
import { raiseHandOff } from '../notification/hand-off.js';
import { SalesOrderLine } from './sales-order-line.entity.js';
import { SalesOrder } from './sales-order.entity.js';

/**
 * The sales order row lock that guards every read-decide-write on its quantities (invoicing,
 * scheduling, cancelling, receiving drop-ship goods): parallel requests queue here.
 */
export async function lockSalesOrder(em: EntityManager, id: unknown, field: (string | number)[]): Promise<SalesOrder> {
  return mustFind(em, SalesOrder, id, field, 'sales order', true);
}

/** The order's lines as they are now (read after taking the order's lock). */
export function linesOf(em: EntityManager, order: SalesOrder): Promise<SalesOrderLine[]> {
  return em.find(SalesOrderLine, { salesOrder: order }, { orderBy: { position: 'asc' }, refresh: true });
}

/** linesOf for several orders in one statement: each order with its lines, in the orders' order. */
export async function linesOfMany(em: EntityManager, orders: SalesOrder[]): Promise<{ order: SalesOrder; lines: SalesOrderLine[] }[]> {
  const lines = orders.length ? await em.find(SalesOrderLine, { salesOrder: { $in: orders } }, { orderBy: { position: 'asc' }, refresh: true }) : [];
  return orders.map((order) => ({ order, lines: lines.filter((l) => l.salesOrder.id === order.id) }));
}

/** The stages of the order's POs as the database has them now (this transaction's flushes included). */
export async function purchaseOrderSummary(em: EntityManager, order: SalesOrder): Promise<PurchaseOrderSummary> {
  await em.flush();
  const pos = await em.getConnection().execute<{ stage: PurchaseOrderStage }[]>(
    'select stage from purchase_order where sales_order_id = ?',
    [order.id],
    'all',
    em.getTransactionContext(),
  );
  const live = pos.filter((p) => isLivePurchaseOrder(p.stage));
  return { anySubmitted: live.some((p) => hasBeenSubmitted(p.stage)), allLiveShipped: live.length > 0 && live.every((p) => hasShipped(p.stage)) };
}

/**
 * Moves the order to `to`, records it (actor null: a rule did it), and raises the hand-off the
 * new status calls for. The project's reps are resolved by the notification layer.
 */
export function changeStatus(em: EntityManager, order: SalesOrder, to: SalesOrderStatus, actorId: string | null, why = ''): void {
  if (order.status === to) return;
  const from = order.status;
  order.status = to;
  recordActivity(em, {
    kind: 'sales_order.status_changed',
    message: `${order.number} moved from ${from} to ${to}${why ? ` (${why})` : ''}`,
    projectId: order.project.id,
    entityId: order.id,
    actorId,
  });
  if (to === 'READY_TO_BE_INVOICED') raiseHandOff(em, { kind: 'READY_TO_INVOICE', salesOrderId: order.id, actorId });
  if (to === 'SHIPPED') raiseHandOff(em, { kind: 'SALES_ORDER_SHIPPED', salesOrderId: order.id, actorId });
}

export function setLocked(em: EntityManager, order: SalesOrder, locked: boolean, actorId: string | null): void {
  if (order.locked === locked) return;
  order.locked = locked;
  recordActivity(em, {
    kind: locked ? 'sales_order.locked' : 'sales_order.unlocked',
    message: locked ? `${order.number} is fully invoiced and locked` : `${order.number} is unlocked`,
    projectId: order.project.id,
    entityId: order.id,
    actorId,
  });
}
