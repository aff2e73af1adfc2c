import { queueChange, type QueueState, type SalesOrderStatus } from '@baton/domain';
import type { EntityManager } from '@mikro-orm/postgresql';
import { TENANT_FILTER, type TenantParams } from '../../common/tenant.js';
import { Invoice } from '../invoice/invoice.entity.js';
import { raiseHandOff } from '../notification/hand-off.js';
import { queueLive } from '../notification/live.js';
import { PurchaseOrder } from '../purchase-order/purchase-order.entity.js';
import { SalesOrderLine } from './sales-order-line.entity.js';
import { SalesOrder } from './sales-order.entity.js';

/**
 * Whether the order `f` (a row of sales_order_figures) is in the invoicing queue (@baton/domain's
 * inInvoicingQueue): open, and READY_TO_BE_INVOICED, or with goods ready to invoice, or with only
 * charges left and some of them ready. Reads the figure views only; derives no figure.
 */
export function inQueueSql(f: string): string {
  return `(${f}.status not in ('INVOICED', 'CANCELLED') and (${f}.status = 'READY_TO_BE_INVOICED' or ${f}.anything_ready
    or (not exists (select 1 from sales_order_line_figures g where g.sales_order_id = ${f}.sales_order_id and g.kind = 'GOODS' and g.remaining > 0)
        and exists (select 1 from sales_order_line_figures g where g.sales_order_id = ${f}.sales_order_id and g.kind <> 'GOODS' and g.ready_to_invoice > 0))))`;
}

/** The invoicing queue of an organization, oldest first: whole sales order rows. */
export async function invoicingQueue(em: EntityManager, organizationId: string): Promise<SalesOrder[]> {
  const rows = await em.getConnection().execute<Record<string, unknown>[]>(
    `select so.* from sales_order so join sales_order_figures f on f.sales_order_id = so.id and f.organization_id = so.organization_id
     where so.organization_id = ? and so.status not in ('INVOICED', 'CANCELLED') and ${inQueueSql('f')}
     order by so.created_at, so.id`,
    [organizationId],
  );
  const meta = em.getMetadata().get<SalesOrder>(SalesOrder.name);
  const factory = em.getEntityFactory();
  return rows.map((r) => factory.create(SalesOrder, em.getDriver().mapResult(r, meta)!, { merge: true, newEntity: false, convertCustomTypes: true }));
}

/** How many orders the queue holds (business alerts' readyToInvoice). */
export function invoicingQueueCountSql(): string {
  return `select count(*) from sales_order_figures f where f.organization_id = ? and f.status not in ('INVOICED', 'CANCELLED') and ${inQueueSql('f')}`;
}

/**
 * The orders a transaction may have changed: every sales order it holds, and the orders of the lines,
 * invoices and purchase orders it holds. Every write to what makes an order ready (its lines, its
 * invoices, its purchase orders' receipts and stages) loads those records through this EntityManager.
 */
function ordersHeld(em: EntityManager): string[] {
  const ids = new Set<string>();
  for (const e of em.getUnitOfWork().getIdentityMap()) {
    if (e instanceof SalesOrder) ids.add(e.id);
    // A bare reference (a purchase order line's sales order line, say) or an id-only load holds no
    // order and was not written through this EntityManager: nothing to announce for it.
    else if ((e instanceof SalesOrderLine || e instanceof Invoice || e instanceof PurchaseOrder) && e.salesOrder) ids.add(e.salesOrder.id);
  }
  return [...ids];
}

interface SeenRow {
  sales_order_id: string;
  organization_id: string;
  status: SalesOrderStatus;
  in_queue: boolean;
  ready_cents: string;
  line_ready: Record<string, number>;
  was_status: SalesOrderStatus | null;
  was_in_queue: boolean | null;
  was_ready_cents: string | null;
  was_line_ready: Record<string, number> | null;
}

/**
 * The end of a write (before it commits): for each order it touched, compares the order's place in
 * the invoicing queue now with the one last announced (invoicing_queue_seen), in one statement that
 * also records the new one. An order that entered, changed in or left the queue is announced to the
 * organization's invoicing people (pg_notify, delivered at commit on every instance); an order with
 * newly ready units raises READY_TO_INVOICE (one per order per transaction; never to `actorId`).
 */
export async function announceQueueChanges(em: EntityManager, actorId: string | null): Promise<void> {
  const tenant = em.getFilterParams<TenantParams>(TENANT_FILTER);
  const ids = ordersHeld(em);
  if (!tenant || ids.length === 0) return;
  await em.flush();
  const rows = await em.getConnection().execute<SeenRow[]>(
    `with now as (
       select f.sales_order_id, f.organization_id, f.status, ${inQueueSql('f')} as in_queue, f.ready_to_invoice_cents as ready_cents,
              (select coalesce(jsonb_object_agg(l.id, l.ready_to_invoice), '{}'::jsonb) from sales_order_line_figures l
               where l.sales_order_id = f.sales_order_id and l.kind = 'GOODS') as line_ready
       from sales_order_figures f where f.sales_order_id in (?) and f.organization_id = ?),
     was as (select * from invoicing_queue_seen where sales_order_id in (?) for update),
     saved as (
       insert into invoicing_queue_seen (sales_order_id, organization_id, status, in_queue, ready_cents, line_ready)
       select sales_order_id, organization_id, status, in_queue, ready_cents, line_ready from now
       on conflict (sales_order_id) do update set status = excluded.status, in_queue = excluded.in_queue,
         ready_cents = excluded.ready_cents, line_ready = excluded.line_ready
       where (invoicing_queue_seen.status, invoicing_queue_seen.in_queue, invoicing_queue_seen.ready_cents, invoicing_queue_seen.line_ready)
             is distinct from (excluded.status, excluded.in_queue, excluded.ready_cents, excluded.line_ready)
       returning 1)
     select now.*, was.status as was_status, was.in_queue as was_in_queue, was.ready_cents as was_ready_cents, was.line_ready as was_line_ready,
            (select count(*) from saved) as saved
     from now left join was on was.sales_order_id = now.sales_order_id`,
    [ids, tenant.organizationId, ids],
    'all',
    em.getTransactionContext(),
  );
  for (const r of rows) {
    const after: QueueState = { status: r.status, inQueue: r.in_queue, readyToInvoiceCents: Number(r.ready_cents), lineReady: r.line_ready };
    const before: QueueState | null =
      r.was_status === null ? null : { status: r.was_status, inQueue: !!r.was_in_queue, readyToInvoiceCents: Number(r.was_ready_cents), lineReady: r.was_line_ready ?? {} };
    const change = queueChange(before, after);
    if (change.newlyReady) raiseHandOff(em, { kind: 'READY_TO_INVOICE', salesOrderId: r.sales_order_id, actorId });
    if (change.announce) queueLive(em, { t: 'queue', id: crypto.randomUUID(), salesOrderId: r.sales_order_id, inQueue: r.in_queue, organizationId: r.organization_id });
  }
}
