import { hasBeenSubmitted, hasShipped, isLivePurchaseOrder, type PurchaseOrderStage, type PurchaseOrderSummary } from '@baton/domain';
import DataLoader from 'dataloader';
import type { LoaderScope } from '../../common/loaders.js';

/** Σ totals of each order's live (not VOID) invoices: one query per batch of orders. */
export function liveInvoiceTotals({ em, organizationId }: LoaderScope) {
  return new DataLoader<string, number>(async (ids) => {
    const rows = await em.getConnection().execute<{ id: string; total: string }[]>(
      `select sales_order_id as id, sum(total_cents) as total from invoice
       where sales_order_id in (?) and organization_id = ? and status <> 'VOID' group by sales_order_id`,
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

/** The summary of an order's purchase orders from their stages (cancelled ones do not count). */
export function summariseStages(stages: PurchaseOrderStage[]): PurchaseOrderSummary {
  const live = stages.filter(isLivePurchaseOrder);
  return { anySubmitted: live.some(hasBeenSubmitted), allLiveShipped: live.length > 0 && live.every(hasShipped) };
}
