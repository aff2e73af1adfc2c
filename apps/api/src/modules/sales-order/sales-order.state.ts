import {
  activityEvent,
  NO_AMOUNTS,
  NO_DEPOSITS,
  NO_DOCUMENTS,
  STATUS_HAND_OFFS,
  statusChangedEvent,
  summariseStages,
  type DepositFacts,
  type EventDraft,
  type OrderDocuments,
  type PurchaseOrderStage,
  type SalesOrderFacts,
  type SalesOrderStatus,
} from '@baton/domain';
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

interface OrderSums {
  currency?: string;
  documents: OrderDocuments;
  liveInvoices: number;
  deposits: DepositFacts;
  stages: PurchaseOrderStage[];
}

const NO_SUMS: OrderSums = { documents: NO_DOCUMENTS, liveInvoices: 0, deposits: NO_DEPOSITS, stages: [] };

/**
 * Its live documents and deposits (from sales_order_figures), its live standard invoices' count, its
 * unpaid deposits and its purchase orders' stages, as the database has them now (this transaction's
 * writes included).
 */
async function sumsOf(em: EntityManager, orderIds: string[]): Promise<Map<string, OrderSums>> {
  await em.flush();
  const rows = await em.getConnection().execute<
    {
      id: string;
      currency: string;
      invoiced: string;
      taxable: string;
      tax: string;
      paid: string;
      applied: string;
      deposits: string;
      live: string;
      unpaid: string[] | null;
      stages: PurchaseOrderStage[] | null;
    }[]
  >(
    `select so.id, (select o.currency from organization o where o.id = so.organization_id) as currency,
            f.invoiced_cents as invoiced, f.documents_taxable_cents as taxable, f.documents_tax_cents as tax,
            f.deposit_paid_cents as paid, f.deposit_applied_cents as applied, f.live_deposits_cents as deposits,
            (select count(*) from invoice i where i.sales_order_id = so.id and i.status <> 'VOID' and i.kind = 'STANDARD') as live,
            (select array_agg(i.id) from invoice i where i.sales_order_id = so.id and i.status <> 'VOID' and i.kind = 'DEPOSIT' and i.paid_cents = 0) as unpaid,
            (select array_agg(po.stage) from purchase_order po where po.sales_order_id = so.id) as stages
     from sales_order so join sales_order_figures f on f.sales_order_id = so.id
     where so.id in (?)`,
    [orderIds],
    'all',
    em.getTransactionContext(),
  );
  return new Map(
    rows.map((r) => [
      r.id,
      {
        currency: r.currency,
        documents: { invoicedCents: Number(r.invoiced), taxableCents: Number(r.taxable), taxCents: Number(r.tax) },
        liveInvoices: Number(r.live),
        deposits: { liveTotalCents: Number(r.deposits), paidCents: Number(r.paid), appliedCents: Number(r.applied), unpaidIds: r.unpaid ?? [] },
        stages: r.stages ?? [],
      },
    ]),
  );
}

/** What the sales order rules read about an order, read under its lock (DOMAIN facts for one decision). */
export async function salesOrderFacts(em: EntityManager, order: SalesOrder, lines: SalesOrderLine[]): Promise<SalesOrderFacts & { stages: PurchaseOrderStage[] }> {
  return factsFrom(order, lines, (await sumsOf(em, [order.id])).get(order.id) ?? NO_SUMS);
}

/** salesOrderFacts for several orders in one statement, in the orders' order. */
export async function salesOrderFactsMany(em: EntityManager, orders: readonly { order: SalesOrder; lines: SalesOrderLine[] }[]): Promise<SalesOrderFacts[]> {
  const sums = orders.length ? await sumsOf(em, orders.map(({ order }) => order.id)) : new Map<string, OrderSums>();
  return orders.map(({ order, lines }) => factsFrom(order, lines, sums.get(order.id) ?? NO_SUMS));
}

function factsFrom(order: SalesOrder, lines: SalesOrderLine[], sums: OrderSums): SalesOrderFacts & { stages: PurchaseOrderStage[] } {
  return {
    number: order.number,
    version: order.version,
    status: order.status,
    locked: order.locked,
    taxRateBasisPoints: order.taxRateBasisPoints,
    lines: lines.map((l) => l.state()),
    documents: sums.documents,
    liveInvoices: sums.liveInvoices,
    deposits: sums.deposits,
    purchaseOrders: summariseStages(sums.stages),
    currency: sums.currency,
    stages: sums.stages,
  };
}

/** Records the events a decision asked for, on the order's project. */
export function recordOrderEvents(em: EntityManager, order: SalesOrder, events: readonly EventDraft[], actorId: string | null, entityId = order.id): void {
  for (const e of events) recordActivity(em, { ...e, projectId: order.project.id, entityId, actorId });
}

/**
 * Moves the order to `to`, records it (actor null: a rule did it), and raises the hand-off the
 * new status calls for (the domain's STATUS_HAND_OFFS). The project's reps are resolved by the
 * notification layer.
 */
export function changeStatus(em: EntityManager, order: SalesOrder, to: SalesOrderStatus, actorId: string | null, why = ''): void {
  if (order.status === to) return;
  recordOrderEvents(em, order, [statusChangedEvent(order.number, order.status, to, why)], actorId);
  order.status = to;
  const handOff = STATUS_HAND_OFFS[to];
  if (handOff) raiseHandOff(em, { kind: handOff, salesOrderId: order.id, actorId });
}

/** Applies a sequence of statuses the rules entered, each recorded (actor null). */
export function enterStatuses(em: EntityManager, order: SalesOrder, statuses: readonly SalesOrderStatus[]): void {
  for (const s of statuses) changeStatus(em, order, s, null);
}

export function setLocked(em: EntityManager, order: SalesOrder, locked: boolean, actorId: string | null): void {
  if (order.locked === locked) return;
  order.locked = locked;
  recordActivity(em, {
    ...activityEvent(locked ? 'sales_order.locked' : 'sales_order.unlocked', { salesOrder: order.number }, NO_AMOUNTS),
    projectId: order.project.id,
    entityId: order.id,
    actorId,
  });
}
