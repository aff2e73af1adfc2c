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
 * on organization_id aggregates that organization's lines once (a hash join). invoiced_cents is a
 * subquery per order, run only when a query reads it (or total_cents). Money: line values in bigint
 * (an order is at most 10^18 cents before tax), tax in numeric (subtotal × basis points can pass
 * 2^63), half up with integer division: never a float.
 */
export class Migration20261207100000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create view "sales_order_line_figures" as
select l.id, l.organization_id, l.sales_order_id, l.product_id, l.position, l.unit_price_cents, l.inventoried,
       q.ordered, l.invoiced, q.remaining, q.scheduled, q.shipped, r.ready_to_invoice, b.backordered,
       -- what the line holds against its product's stock (DOMAIN.md, "Stock": committed = Σ of these)
       q.scheduled + b.backordered as committed,
       q.ordered::bigint * l.unit_price_cents as total_cents
from "sales_order_line" l
cross join lateral (select l.quantity - l.cancelled as ordered,
                           l.quantity - l.cancelled - l.invoiced as remaining,
                           case when l.inventoried then l.scheduled else 0 end as scheduled,
                           -- drop-ship receipts, plus for stocked goods what invoices released from stock (= invoiced)
                           l.received + case when l.inventoried then l.invoiced else 0 end as shipped) q
-- stocked goods: what is scheduled; drop-ship: what was received and is not yet invoiced, at most what remains
cross join lateral (select case when l.inventoried then q.scheduled
                                else least(q.remaining, greatest(0, l.received - l.invoiced)) end as ready_to_invoice) r
cross join lateral (select q.remaining - r.ready_to_invoice as backordered) b;`);

    this.addSql(`create view "sales_order_figures" as
select o.sales_order_id, o.organization_id, o.status,
       o.subtotal_cents::bigint as subtotal_cents,
       t.tax_cents::bigint as tax_cents,
       o.invoiced_cents::bigint as invoiced_cents,
       (o.remaining_value + t.remaining_tax)::bigint as remaining_cents,
       (o.invoiced_cents + o.remaining_value + t.remaining_tax)::bigint as total_cents,
       (o.ready_value + t.ready_tax)::bigint as ready_to_invoice_cents,
       o.something_remains, o.anything_ready, o.partly_fulfilled,
       o.partly_fulfilled and o.any_backordered as backordered
from (select so.id as sales_order_id, so.organization_id, so.status, so.tax_rate_basis_points as rate,
             coalesce(sum(l.total_cents), 0) as subtotal_cents,
             coalesce(sum(l.remaining::bigint * l.unit_price_cents), 0) as remaining_value,
             coalesce(sum(l.ready_to_invoice::bigint * l.unit_price_cents), 0) as ready_value,
             coalesce(bool_or(l.remaining > 0), false) as something_remains,
             coalesce(bool_or(l.ready_to_invoice > 0), false) as anything_ready,
             coalesce(bool_or(l.ready_to_invoice > 0 or l.invoiced > 0), false) as partly_fulfilled,
             coalesce(bool_or(l.backordered > 0), false) as any_backordered,
             -- Σ totals of its live (not VOID) invoices, open ones included
             (select coalesce(sum(i.total_cents), 0) from "invoice" i where i.sales_order_id = so.id and i.status <> 'VOID') as invoiced_cents
      from "sales_order" so left join "sales_order_line_figures" l on l.sales_order_id = so.id
      group by so.id) o
-- round(value × rate / 10 000), half up, in exact numeric; 0 for nothing (or no rate)
cross join lateral (select case when o.subtotal_cents > 0 and o.rate > 0 then div(o.subtotal_cents * o.rate + 5000, 10000) else 0 end as tax_cents,
                           case when o.remaining_value > 0 and o.rate > 0 then div(o.remaining_value * o.rate + 5000, 10000) else 0 end as remaining_tax,
                           case when o.ready_value > 0 and o.rate > 0 then div(o.ready_value * o.rate + 5000, 10000) else 0 end as ready_tax) t;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop view if exists "sales_order_figures";`);
    this.addSql(`drop view if exists "sales_order_line_figures";`);
  }
}
