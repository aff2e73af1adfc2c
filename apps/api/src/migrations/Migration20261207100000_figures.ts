import { Migration } from '@mikro-orm/migrations';

/**
 * The sales order figures, defined once, in the database: every report, list, loader and the CSV
 * reads these two views instead of re-deriving them (test/api/reports/figures-guard.test.ts fails on
 * a copy). They mirror @baton/domain's lineQuantities and orderFigures exactly, which
 * test/api/reports/figures-views.test.ts holds on a generated dataset.
 *
 * sales_order_line_figures is a plain projection of sales_order_line: PostgreSQL flattens it into
 * the query that reads it, so every index of the table still serves (by order, product, id).
 *
 * sales_order_figures groups the lines by order (`group by so.id`). A qual on sales_order_id, or on
 * organization_id or status (functionally dependent on the key), is pushed below the grouping: a
 * correlated `where f.sales_order_id = so.id` reads one order's lines by index, and a join filtered
 * on organization_id aggregates that organization's lines once (a hash join). The document and
 * deposit sums are subqueries per order (by the invoice's sales_order_id index), run only when a
 * query reads them. Charges (issue 14) are never backordered and are ready by their invoiceWith;
 * tax is over the taxable lines; remaining is what the lines come to less the live standard
 * invoices net of credit memos, 0 when nothing remains. Money: line values in bigint
 * (an order is at most 10^18 cents before tax), tax in numeric (subtotal × basis points can pass
 * 2^63), half up with integer division: never a float.
 */
export class Migration20261207100000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create view "sales_order_line_figures" as
select l.id, l.organization_id, l.sales_order_id, l.product_id, l.position, l.unit_price_cents, l.inventoried, l.kind, l.taxable,
       q.ordered, l.invoiced, q.remaining, q.scheduled, q.shipped, r.ready_to_invoice, b.backordered,
       -- what the line holds against its product's stock (DOMAIN.md, "Stock": committed = Σ of these)
       q.scheduled + b.backordered as committed,
       q.ordered::bigint * l.unit_price_cents as total_cents
from "sales_order_line" l
cross join lateral (select l.quantity - l.cancelled as ordered,
                           l.quantity - l.cancelled - l.invoiced as remaining,
                           case when l.kind = 'GOODS' and l.inventoried then l.scheduled else 0 end as scheduled,
                           -- drop-ship receipts, plus for stocked goods what invoices released from stock (less what came back)
                           case when l.kind = 'GOODS' then l.received + case when l.inventoried then l.released else 0 end else 0 end as shipped) q
-- goods: scheduled stock plus units the client holds and is not billed for, at most what remains;
-- charges: by their invoiceWith — the first invoice at once, the last once no goods line waits for goods
cross join lateral (select case
         when l.kind = 'GOODS' then least(q.remaining, q.scheduled + greatest(0, q.shipped - l.written_off - l.invoiced))
         when coalesce(l.invoice_with, case when l.kind = 'FREIGHT' then 'LAST_INVOICE' else 'FIRST_INVOICE' end) = 'FIRST_INVOICE' then q.remaining
         when exists (select 1 from "sales_order_line" g
                      where g.sales_order_id = l.sales_order_id and g.kind = 'GOODS'
                        and g.quantity - g.cancelled - g.invoiced > least(g.quantity - g.cancelled - g.invoiced,
                              case when g.inventoried then g.scheduled else 0 end
                              + greatest(0, g.received + case when g.inventoried then g.released else 0 end - g.written_off - g.invoiced))) then 0
         else q.remaining end as ready_to_invoice) r
-- charges are never backordered
cross join lateral (select case when l.kind = 'GOODS' then q.remaining - r.ready_to_invoice else 0 end as backordered) b;`);

    // Each level's unused columns are dropped by the planner (no volatile function): a query that reads
    // only subtotal_cents runs none of the invoice subqueries.
    this.addSql(`create view "sales_order_figures" as
select f.sales_order_id, f.organization_id, f.status, f.subtotal_cents, f.taxable_cents, f.tax_cents, f.invoiced_cents,
       f.remaining_cents,
       (f.invoiced_cents + f.remaining_cents)::bigint as total_cents,
       -- an invoice of the ready quantities now: its running-total tax over the live documents
       (f.ready_value + greatest(0, (case when f.documents_taxable_cents + f.ready_taxable > 0 and f.rate > 0
                                         then div((f.documents_taxable_cents + f.ready_taxable) * f.rate + 5000, 10000) else 0 end)
                                    - f.documents_tax_cents))::bigint as ready_to_invoice_cents,
       f.something_remains, f.anything_ready, f.partly_fulfilled, f.partly_fulfilled and f.any_backordered as backordered,
       f.documents_taxable_cents::bigint as documents_taxable_cents, f.documents_tax_cents::bigint as documents_tax_cents,
       f.deposit_paid_cents, f.deposit_applied_cents, f.live_deposits_cents
from (select t.*, (case when t.something_remains then greatest(0, t.subtotal_cents + t.tax_cents - t.invoiced_cents) else 0 end)::bigint as remaining_cents
      from (select o.*, (case when o.taxable_cents > 0 and o.rate > 0 then div(o.taxable_cents * o.rate + 5000, 10000) else 0 end)::bigint as tax_cents
            from (select so.id as sales_order_id, so.organization_id, so.status, so.tax_rate_basis_points as rate,
                         coalesce(sum(l.total_cents), 0)::bigint as subtotal_cents,
                         coalesce(sum(l.total_cents) filter (where l.taxable), 0)::bigint as taxable_cents,
                         coalesce(sum(l.ready_to_invoice::bigint * l.unit_price_cents), 0) as ready_value,
                         coalesce(sum(l.ready_to_invoice::bigint * l.unit_price_cents) filter (where l.taxable), 0) as ready_taxable,
                         coalesce(bool_or(l.remaining > 0), false) as something_remains,
                         coalesce(bool_or(l.kind = 'GOODS' and l.ready_to_invoice > 0), false) as anything_ready,
                         coalesce(bool_or(l.kind = 'GOODS' and (l.ready_to_invoice > 0 or l.invoiced > 0)), false) as partly_fulfilled,
                         coalesce(bool_or(l.kind = 'GOODS' and l.backordered > 0), false) as any_backordered,
                         -- its live standard invoices and their credit memos (negative): totals, taxable parts, tax
                         (select coalesce(sum(i.total_cents), 0) from "invoice" i where i.sales_order_id = so.id and i.status <> 'VOID' and i.kind <> 'DEPOSIT')::bigint as invoiced_cents,
                         (select coalesce(sum(i.taxable_subtotal_cents), 0) from "invoice" i where i.sales_order_id = so.id and i.status <> 'VOID' and i.kind <> 'DEPOSIT') as documents_taxable_cents,
                         (select coalesce(sum(i.tax_cents), 0) from "invoice" i where i.sales_order_id = so.id and i.status <> 'VOID' and i.kind <> 'DEPOSIT') as documents_tax_cents,
                         -- its deposits: paid less refunded, what its live standard invoices apply, the live deposits' totals
                         (select coalesce(sum(i.paid_cents - i.refunded_cents), 0) from "invoice" i where i.sales_order_id = so.id and i.status <> 'VOID' and i.kind = 'DEPOSIT')::bigint as deposit_paid_cents,
                         (select coalesce(sum(i.deposit_applied_cents), 0) from "invoice" i where i.sales_order_id = so.id and i.status <> 'VOID' and i.kind = 'STANDARD')::bigint as deposit_applied_cents,
                         (select coalesce(sum(i.total_cents), 0) from "invoice" i where i.sales_order_id = so.id and i.status <> 'VOID' and i.kind = 'DEPOSIT')::bigint as live_deposits_cents
                  from "sales_order" so left join "sales_order_line_figures" l on l.sales_order_id = so.id
                  group by so.id) o) t) f;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop view if exists "sales_order_figures";`);
    this.addSql(`drop view if exists "sales_order_line_figures";`);
  }
}
