import type { EntityManager } from '@mikro-orm/postgresql';
import { stockFiguresLoader } from './modules/product/product.loaders.js';
import { ProjectTreeCache } from './modules/project/project.loaders.js';
import { freeStockLoader, liveInvoiceTotalsLoader, onPurchaseOrdersLoader, purchaseOrderSummaryLoader } from './modules/sales-order/sales-order.loaders.js';

const NOBODY = '00000000-0000-0000-0000-000000000000';

/**
 * Per-request batch loaders for figures that are aggregates rather than relations (relations
 * batch through MikroORM's own dataloader, or come prefetched with a project's tree). Each is one
 * query per batch, whatever the list size.
 */
export function createLoaders(em: EntityManager, organizationId: string | undefined) {
  const org = organizationId ?? NOBODY;
  return {
    stock: stockFiguresLoader(em, org),
    liveInvoiceTotals: liveInvoiceTotalsLoader(em, org),
    purchaseOrderSummary: purchaseOrderSummaryLoader(em, org),
    freeStock: freeStockLoader(em, org),
    onPurchaseOrders: onPurchaseOrdersLoader(em, org),
    /** Notes and activity of the projects whose tree a query prefetched (project.loaders.ts). */
    projectTree: new ProjectTreeCache(),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
