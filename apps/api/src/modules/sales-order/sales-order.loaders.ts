import { summariseStages, type PurchaseOrderStage, type PurchaseOrderSummary } from '@baton/domain';
import DataLoader from 'dataloader';
import type { LoaderScope } from '../../common/loaders.js';

/** Σ totals of each order's live (not VOID) invoices, its invoiced_cents in sales_order_figures: one query per batch of orders. */
export function liveInvoiceTotals({ em, organizationId }: LoaderScope) {
  return new DataLoader<string, number>(async (ids) => {
    const rows = await em.getConnection().execute<{ id: string; total: string }[]>(
      `select sales_order_id as id, invoiced_cents as total from sales_order_figures
       where sales_order_id in (?) and organization_id = ?`,
      [ids, organizationId],
    );
    const byId = new Map(rows.map((r) => [r.id, Number(r.total)]));
    return ids.map((id) => byId.get(id) ?? 0);
  });
}

/** The stages of each order's purchase orders, summarised for the status rules. */
export function purchaseOrderSummaries({ em, organizationId }: LoaderScope) {
  return new DataLoader<string, PurchaseOrderSummary>(async (ids) => {
    const rows = await em.getConnection().execute<{ id: string; stages: PurchaseOrderStage[] }[]>(
      `select sales_order_id as id, array_agg(stage) as stages from purchase_order
       where sales_order_id in (?) and organization_id = ? group by sales_order_id`,
      [ids, organizationId],
    );
    const byId = new Map(rows.map((r) => [r.id, r.stages]));
    return ids.map((id) => summariseStages(byId.get(id) ?? []));
  });
}

/** Each product's free stock: on hand − Σ scheduled on every line (what scheduling could still allocate). */
export function freeStock({ em, organizationId }: LoaderScope) {
  return new DataLoader<string, number>(async (ids) => {
    const rows = await em.getConnection().execute<{ id: string; free: string }[]>(
      `select p.id, p.on_hand - coalesce((select sum(l.scheduled) from sales_order_line l where l.product_id = p.id), 0) as free
       from product p where p.id in (?) and p.organization_id = ?`,
      [ids, organizationId],
    );
    const byId = new Map(rows.map((r) => [r.id, Number(r.free)]));
    return ids.map((id) => byId.get(id) ?? 0);
  });
}

/** Units of each sales order line already on live (not cancelled) purchase order lines. */
export function onPurchaseOrders({ em, organizationId }: LoaderScope) {
  return new DataLoader<string, number>(async (ids) => {
    const rows = await em.getConnection().execute<{ id: string; qty: string }[]>(
      `select pl.sales_order_line_id as id, sum(pl.quantity) as qty from purchase_order_line pl
       join purchase_order po on po.id = pl.purchase_order_id
       where pl.sales_order_line_id in (?) and pl.organization_id = ? and po.stage <> 'CANCELLED' group by pl.sales_order_line_id`,
      [ids, organizationId],
    );
    const byId = new Map(rows.map((r) => [r.id, Number(r.qty)]));
    return ids.map((id) => byId.get(id) ?? 0);
  });
}
