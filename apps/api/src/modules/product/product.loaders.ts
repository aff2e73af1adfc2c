import DataLoader from 'dataloader';
import type { LoaderScope } from '../../common/loaders.js';

export interface StockFigures {
  committed: number;
  onOrder: number;
}

/**
 * The columns `committed` and `on_order` of a product `p` (the prefetch of a project's tree reuses them).
 * committed sums the `committed` figure (scheduled + backordered) of open orders' lines in the
 * sales_order_line_figures view; onOrder is a purchase order figure: what stock lines still await.
 */
export const STOCK_FIGURE_COLUMNS = `
         coalesce((select sum(l.committed)
                   from sales_order_line_figures l join sales_order so on so.id = l.sales_order_id
                   where l.product_id = p.id and so.status not in ('INVOICED', 'CANCELLED')), 0) as committed,
         coalesce((select sum(pl.quantity - pl.received)
                   from purchase_order_line pl join purchase_order po on po.id = pl.purchase_order_id
                   where pl.product_id = p.id and pl.sales_order_line_id is null
                     and po.stage not in ('CLOSED', 'CANCELLED')), 0) as on_order`;

/**
 * committed = Σ (scheduled + backordered) over open orders' lines; onOrder = Σ outstanding on stock
 * lines (not bought for a sales order line) of open purchase orders. One query per batch of products.
 */
export function stockFigures({ em, organizationId }: LoaderScope) {
  return new DataLoader<string, StockFigures>(async (ids) => {
    const rows = await em.getConnection().execute<{ id: string; committed: string; on_order: string }[]>(
      `select p.id, ${STOCK_FIGURE_COLUMNS}
       from product p where p.id in (?) and p.organization_id = ?`,
      [ids, organizationId],
    );
    const byId = new Map(rows.map((r) => [r.id, { committed: Number(r.committed), onOrder: Number(r.on_order) }]));
    return ids.map((id) => byId.get(id) ?? { committed: 0, onOrder: 0 });
  });
}
