import type { SalesOrderStatus } from '@baton/domain';
import DataLoader from 'dataloader';
import type { LoaderScope } from '../../common/loaders.js';
import { inQueueSql } from '../sales-order/invoicing-queue.js';

/** What "done" reads of a hand-off's sales order: its status, its place in the invoicing queue, its last live invoice. */
export interface OrderHandOffState {
  status: SalesOrderStatus;
  inInvoicingQueue: boolean;
  /** When its newest live standard invoice was made (null: none). */
  lastInvoicedAt: Date | null;
}

/** Each order's OrderHandOffState from sales_order_figures: one query per batch of notifications. */
export function orderHandOffStates({ em, organizationId }: LoaderScope) {
  return new DataLoader<string, OrderHandOffState | null>(async (ids) => {
    const rows = await em.getConnection().execute<{ id: string; status: SalesOrderStatus; in_queue: boolean; last_invoiced_at: Date | string | null }[]>(
      `select f.sales_order_id as id, f.status, ${inQueueSql('f')} as in_queue,
              (select max(i.created_at) from "invoice" i where i.sales_order_id = f.sales_order_id and i.status <> 'VOID' and i.kind = 'STANDARD') as last_invoiced_at
       from sales_order_figures f where f.sales_order_id in (?) and f.organization_id = ?`,
      [ids, organizationId],
    );
    const byId = new Map(
      rows.map((r) => [r.id, { status: r.status, inInvoicingQueue: !!r.in_queue, lastInvoicedAt: r.last_invoiced_at ? new Date(r.last_invoiced_at) : null }]),
    );
    return ids.map((id) => byId.get(id) ?? null);
  });
}
