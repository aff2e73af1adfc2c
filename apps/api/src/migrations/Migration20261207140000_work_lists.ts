import { Migration } from '@mikro-orm/migrations';

/**
 * Work lists (issue 15): the sales orders list's index (its order: newest order date first, then
 * number descending), partial indexes over what is owed and over refunds owed (receivables aging), a covering index
 * of each order's documents (sales_order_figures' sums read from the index alone: the list's totals), and each order's place in the invoicing queue as last announced
 * (invoicing_queue_seen, modules/sales-order/invoicing-queue.ts), filled for the orders that exist
 * so that no existing order is announced, or its rep notified, as newly ready.
 */
export class Migration20261207140000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "sales_order_list_order_idx" on "sales_order" ("organization_id", "order_date" desc, length("number") desc, "number" desc);`);
    this.addSql(`create index "invoice_receivable_idx" on "invoice" ("organization_id", "client_id", "due_date") include ("kind", "total_cents", "paid_cents", "deposit_applied_cents", "credited_cents", "refunded_cents") where status in ('SENT_TO_CLIENT', 'EXPORTED') and kind in ('STANDARD', 'DEPOSIT') and (case when kind = 'CREDIT_MEMO' then 0 else total_cents - paid_cents - deposit_applied_cents - credited_cents + refunded_cents end) > 0;`);
    this.addSql(`create index "invoice_refund_owed_idx" on "invoice" ("organization_id", "due_date") where (case when kind = 'CREDIT_MEMO' then 0 else total_cents - paid_cents - deposit_applied_cents - credited_cents + refunded_cents end) < 0;`);
    this.addSql(`create index "invoice_order_sums_idx" on "invoice" ("sales_order_id") include ("status", "kind", "total_cents", "taxable_subtotal_cents", "tax_cents", "paid_cents", "refunded_cents", "deposit_applied_cents");`);
    this.addSql(`create table "invoicing_queue_seen" ("sales_order_id" uuid not null, "organization_id" uuid not null, "status" text not null, "in_queue" boolean not null, "ready_cents" bigint not null, "line_ready" jsonb not null, constraint "invoicing_queue_seen_pkey" primary key ("sales_order_id"));`);
    this.addSql(`insert into "invoicing_queue_seen" ("sales_order_id", "organization_id", "status", "in_queue", "ready_cents", "line_ready")
select f.sales_order_id, f.organization_id, f.status,
       (f.status not in ('INVOICED', 'CANCELLED') and (f.status = 'READY_TO_BE_INVOICED' or f.anything_ready
         or (not exists (select 1 from sales_order_line_figures g where g.sales_order_id = f.sales_order_id and g.kind = 'GOODS' and g.remaining > 0)
             and exists (select 1 from sales_order_line_figures g where g.sales_order_id = f.sales_order_id and g.kind <> 'GOODS' and g.ready_to_invoice > 0)))),
       f.ready_to_invoice_cents,
       (select coalesce(jsonb_object_agg(l.id, l.ready_to_invoice), '{}'::jsonb) from sales_order_line_figures l where l.sales_order_id = f.sales_order_id and l.kind = 'GOODS')
from sales_order_figures f;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "invoicing_queue_seen";`);
    this.addSql(`drop index if exists "sales_order_list_order_idx";`);
    this.addSql(`drop index if exists "invoice_receivable_idx";`);
    this.addSql(`drop index if exists "invoice_refund_owed_idx";`);
    this.addSql(`drop index if exists "invoice_order_sums_idx";`);
  }
}
