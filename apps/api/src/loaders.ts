import type { EntityManager } from '@mikro-orm/postgresql';
import { stockFiguresLoader } from './modules/product/product.loaders.js';
import { liveInvoiceTotalsLoader, purchaseOrderSummaryLoader } from './modules/sales-order/sales-order.loaders.js';

const NOBODY = '00000000-0000-0000-0000-000000000000';

/**
 * Per-request batch loaders for figures that are aggregates rather than relations (relations
 * batch through MikroORM's own dataloader). Each is one query per batch, whatever the list size.
 */
export function createLoaders(em: EntityManager, organizationId: string | undefined) {
  const org = organizationId ?? NOBODY;
  return {
    stock: stockFiguresLoader(em, org),
    liveInvoiceTotals: liveInvoiceTotalsLoader(em, org),
    purchaseOrderSummary: purchaseOrderSummaryLoader(em, org),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
