import { NO_DEPOSITS, NO_DOCUMENTS, summariseStages, type DepositFacts, type OrderDocuments, type PurchaseOrderStage, type PurchaseOrderSummary } from '@baton/domain';
import DataLoader from 'dataloader';
import type { LoaderScope } from '../../common/loaders.js';

/** An order's money as the rules read it: its live documents (standard invoices and their credit memos) and its deposits. */
export interface OrderMoney {
  documents: OrderDocuments;
  deposits: DepositFacts;
}

/** The columns of sales_order_figures an OrderMoney is made of (the project prefetch reads them too). */
export const ORDER_MONEY_COLUMNS = `sales_order_id as id, invoiced_cents, documents_taxable_cents, documents_tax_cents,
  deposit_paid_cents, deposit_applied_cents, live_deposits_cents`;

export function orderMoneyOf(r: Record<string, unknown>): OrderMoney {
  return {
    documents: { invoicedCents: Number(r.invoiced_cents), taxableCents: Number(r.documents_taxable_cents), taxCents: Number(r.documents_tax_cents) },
    // Which deposits are unpaid matters only to cancelling, which reads them itself.
    deposits: { liveTotalCents: Number(r.live_deposits_cents), paidCents: Number(r.deposit_paid_cents), appliedCents: Number(r.deposit_applied_cents), unpaidIds: [] },
  };
}

export const NO_MONEY: OrderMoney = { documents: NO_DOCUMENTS, deposits: NO_DEPOSITS };

/** Each order's OrderMoney from sales_order_figures: one query per batch of orders. */
export function orderMoney({ em, organizationId }: LoaderScope) {
  return new DataLoader<string, OrderMoney>(async (ids) => {
    const rows = await em.getConnection().execute<Record<string, unknown>[]>(
      `select ${ORDER_MONEY_COLUMNS} from sales_order_figures where sales_order_id in (?) and organization_id = ?`,
      [ids, organizationId],
    );
    const byId = new Map(rows.map((r) => [String(r.id), orderMoneyOf(r)]));
    return ids.map((id) => byId.get(id) ?? NO_MONEY);
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

/**
 * Each product's free stock — on hand − Σ scheduled on every line (what scheduling could still
 * allocate) — for the products `products` selects (`in (?)`, or a subquery), then `?` the organization.
 * Read by the loader below and with a project's tree.
 */
export const freeStockSql = (products: string) =>
  `select p.id, p.on_hand - coalesce((select sum(l.scheduled) from sales_order_line l where l.product_id = p.id), 0) as free
   from product p where p.id in ${products} and p.organization_id = ?`;

/** Each product's free stock (freeStockSql). */
export function freeStock({ em, organizationId }: LoaderScope) {
  return new DataLoader<string, number>(async (ids) => {
    const rows = await em.getConnection().execute<{ id: string; free: string }[]>(freeStockSql('(?)'), [ids, organizationId]);
    const byId = new Map(rows.map((r) => [r.id, Number(r.free)]));
    return ids.map((id) => byId.get(id) ?? 0);
  });
}

/**
 * Units of each sales order line already on live (not cancelled) purchase order lines, for the lines
 * `lines` selects (`in (?)`, or a subquery), then `?` the organization. Read by the loader below and
 * with a project's tree.
 */
export const onPurchaseOrdersSql = (lines: string) =>
  `select pl.sales_order_line_id as id, sum(pl.quantity) as qty from purchase_order_line pl
   join purchase_order po on po.id = pl.purchase_order_id
   where pl.sales_order_line_id in ${lines} and pl.organization_id = ? and po.stage <> 'CANCELLED' group by pl.sales_order_line_id`;

/** Units of each sales order line on live purchase order lines (onPurchaseOrdersSql). */
export function onPurchaseOrders({ em, organizationId }: LoaderScope) {
  return new DataLoader<string, number>(async (ids) => {
    const rows = await em.getConnection().execute<{ id: string; qty: string }[]>(onPurchaseOrdersSql('(?)'), [ids, organizationId]);
    const byId = new Map(rows.map((r) => [r.id, Number(r.qty)]));
    return ids.map((id) => byId.get(id) ?? 0);
  });
}

/** An order's figures under the names of its GraphQL fields (and of the domain's orderFigures). */
export interface OrderFigureFields {
  subtotalCents: number;
  taxCents: number;
  totalCents: number;
  invoicedCents: number;
  remainingCents: number;
  readyToInvoiceCents: number;
  backordered: boolean;
}

/** The GraphQL fields of a sales order that its figures answer (read with a report's or a list's rows when asked). */
export const ORDER_FIGURE_FIELDS: readonly (keyof OrderFigureFields)[] = ['subtotalCents', 'taxCents', 'totalCents', 'invoicedCents', 'remainingCents', 'readyToInvoiceCents', 'backordered'];

/** A sales_order_figures row (the one definition of the figures in SQL) as OrderFigureFields; undefined without one. */
export function orderFiguresOf(r: Record<string, unknown> | null | undefined): OrderFigureFields | undefined {
  if (!r) return undefined;
  return {
    subtotalCents: Number(r.subtotal_cents),
    taxCents: Number(r.tax_cents),
    totalCents: Number(r.total_cents),
    invoicedCents: Number(r.invoiced_cents),
    remainingCents: Number(r.remaining_cents),
    readyToInvoiceCents: Number(r.ready_to_invoice_cents),
    backordered: Boolean(r.backordered),
  };
}
