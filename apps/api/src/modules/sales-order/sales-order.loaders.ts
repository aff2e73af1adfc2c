import { hasBeenSubmitted, hasShipped, isLivePurchaseOrder, type PurchaseOrderStage, type PurchaseOrderSummary } from '@baton/domain';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';

/** Σ totals of each order's live (not VOID) invoices, its invoiced_cents in sales_order_figures: one query per batch of orders. */
export function liveInvoiceTotalsLoader(em: EntityManager, organizationId: string) {
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
export function purchaseOrderSummaryLoader(em: EntityManager, organizationId: string) {
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
