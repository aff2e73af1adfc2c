// Prints EXPLAIN (ANALYZE, BUFFERS) of each report query on the bench database, as Markdown for
// apps/api/src/reports/PLANS.md. Usage: node test/bench/plans.mjs <databaseUrl of baton_bench_1>
import pg from 'pg';
const c = new pg.Client({ connectionString: process.argv[2] });
await c.connect();
const org = '0b0b0b0b-0000-4000-8000-000000000001';
const client = (await c.query(`select md5('client:7')::uuid as id`)).rows[0].id;
// The order's remaining balance and the line figures come from the views (Migration20261207100000_figures).
const REM = `(select f.remaining_cents from sales_order_figures f where f.sales_order_id = so.id)`;
const money = (x) => `round(${x}::numeric / 100, 2)`;
const product = (await c.query(`select md5('product:7')::uuid as id`)).rows[0].id;
const batch = (await c.query(`select id from sales_order where organization_id = $1 order by created_at desc, id limit 50`, [org])).rows.map((r) => r.id);
const BAL = `(case when i.kind = 'CREDIT_MEMO' then 0 else i.total_cents - i.paid_cents - i.deposit_applied_cents - i.credited_cents + i.refunded_cents end)`;
// The queue's rule (apps/api/src/modules/sales-order/invoicing-queue.ts, inQueueSql).
const QUEUE = (f) => `(${f}.status not in ('INVOICED', 'CANCELLED') and (${f}.status = 'READY_TO_BE_INVOICED' or ${f}.anything_ready
    or (not exists (select 1 from sales_order_line_figures g where g.sales_order_id = ${f}.sales_order_id and g.kind = 'GOODS' and g.remaining > 0)
        and exists (select 1 from sales_order_line_figures g where g.sales_order_id = ${f}.sales_order_id and g.kind <> 'GOODS' and g.ready_to_invoice > 0))))`;
const qs = {
  'Report page, narrow filter (one client, all statuses), 50 rows': [`select i.* from invoice i where i.organization_id = $1 and i.status in ('OPEN','SENT_TO_CLIENT','EXPORTED','PAID','VOID') and i.client_id = $2 order by i.invoice_date desc, length(i.number) desc, i.number desc limit 51`, [org, client]],
  'Report page, no filter (live invoices), 50 rows': [`select i.* from invoice i where i.organization_id = $1 and i.status <> 'VOID' order by i.invoice_date desc, length(i.number) desc, i.number desc limit 51`, [org]],
  'Report totals, narrow filter (detail rows)': [`select count(*), coalesce(sum(i.subtotal_cents),0), coalesce(sum(i.tax_cents),0), coalesce(sum(i.total_cents),0), coalesce(sum(i.paid_cents),0) from invoice i where i.organization_id = $1 and i.status in ('OPEN','SENT_TO_CLIENT','EXPORTED','PAID','VOID') and i.client_id = $2`, [org, client]],
  'Broad totals (one year, all statuses) from the rollup': [`select coalesce(sum(invoices),0), coalesce(sum(subtotal_cents),0), coalesce(sum(tax_cents),0), coalesce(sum(total_cents),0), coalesce(sum(paid_cents),0) from invoice_day_total where organization_id = $1 and invoice_date >= '2024-01-01' and invoice_date <= '2024-12-31' and status in ('OPEN','SENT_TO_CLIENT','EXPORTED','PAID','VOID')`, [org]],
  'Broad totals, the naive SQL (the floor)': [`select count(*), sum(subtotal_cents), sum(tax_cents), sum(total_cents), sum(paid_cents) from invoice where organization_id = $1 and invoice_date between '2024-01-01' and '2024-12-31'`, [org]],
  'Report page with withRemainingBalance': [`select i.* from invoice i join sales_order so on so.id = i.sales_order_id where i.organization_id = $1 and i.status <> 'VOID' and ${REM} > 0 order by i.invoice_date desc, length(i.number) desc, i.number desc limit 51`, [org]],
  'CSV rows (all statuses, 1M rows), as COPY runs them': [`select i.number, i.invoice_date, i.due_date, i.status, c.name, p.number, so.number, ${money('i.subtotal_cents')}, ${money('i.tax_cents')}, ${money('i.total_cents')}, ${money('i.paid_cents')}, ${money('(i.total_cents - i.paid_cents)')}, ${money('f.remaining_cents')} from invoice i join sales_order so on so.id = i.sales_order_id join project p on p.id = i.project_id join client c on c.id = i.client_id join sales_order_figures f on f.sales_order_id = so.id and f.organization_id = $1 where i.organization_id = $1 and i.status in ('OPEN','SENT_TO_CLIENT','EXPORTED','PAID','VOID') order by i.invoice_date desc, length(i.number) desc, i.number desc`, [org]],
  'Backorder report': [`select l.id, l.sales_order_id, l.product_id, l.unit_price_cents, l.invoiced, l.ordered, l.remaining, l.shipped, l.backordered from sales_order_line_figures l join sales_order so on so.id = l.sales_order_id where l.organization_id = $1 and so.status not in ('INVOICED', 'CANCELLED') and l.backordered > 0 and ($2::uuid is null or so.client_id = $2::uuid) and ($3::uuid is null or l.product_id = $3::uuid) and (exists (select 1 from invoice i where i.sales_order_id = so.id and i.status <> 'VOID') or ($4::boolean and (select f.partly_fulfilled from sales_order_figures f where f.sales_order_id = so.id))) order by so.created_at, so.id, l.position`, [org, null, null, true]],
  'Business alerts: backordered orders': [`select count(*) from sales_order_figures where organization_id = $1 and status not in ('INVOICED', 'CANCELLED') and backordered`, [org]],
  'Stock figures of one product (committed, onOrder)': [`select p.id, coalesce((select sum(l.committed) from sales_order_line_figures l join sales_order so on so.id = l.sales_order_id where l.product_id = p.id and so.status not in ('INVOICED', 'CANCELLED')), 0) as committed, coalesce((select sum(pl.quantity - pl.received) from purchase_order_line pl join purchase_order po on po.id = pl.purchase_order_id where pl.product_id = p.id and pl.sales_order_line_id is null and po.stage not in ('CLOSED', 'CANCELLED')), 0) as on_order from product p where p.id in ($2) and p.organization_id = $1`, [org, product]],
  'Live invoice totals of a batch of orders (the loader)': [`select sales_order_id as id, invoiced_cents as total from sales_order_figures where sales_order_id = any($2::uuid[]) and organization_id = $1`, [org, batch]],
  // Work lists (issue 15): the sales orders list, the invoicing queue, receivables aging.
  'Sales orders list page, no filter, 50 rows': [`select so.* from sales_order so where so.organization_id = $1 order by so.order_date desc, length(so.number) desc, so.number desc limit 51`, [org]],
  'Sales orders list page, one client, 50 rows': [`select so.* from sales_order so where so.organization_id = $1 and so.client_id = $2 order by so.order_date desc, length(so.number) desc, so.number desc limit 51`, [org, client]],
  'Sales orders list page, withRemainingBalance, 50 rows': [`select so.* from sales_order so where so.organization_id = $1 and (select f.remaining_cents from sales_order_figures f where f.sales_order_id = so.id) > 0 order by so.order_date desc, length(so.number) desc, so.number desc limit 51`, [org]],
  'Sales orders list totals, no filter': [`select count(*), coalesce(sum(f.total_cents), 0)::text, coalesce(sum(f.invoiced_cents), 0)::text, coalesce(sum(f.remaining_cents), 0)::text, coalesce(sum(f.ready_to_invoice_cents), 0)::text from sales_order so cross join lateral (select f.total_cents, f.invoiced_cents, f.remaining_cents, f.ready_to_invoice_cents from sales_order_figures f where f.sales_order_id = so.id offset 0) f where so.organization_id = $1`, [org]],
  'Sales orders list totals, one client': [`select count(*), coalesce(sum(f.total_cents), 0)::text, coalesce(sum(f.invoiced_cents), 0)::text, coalesce(sum(f.remaining_cents), 0)::text, coalesce(sum(f.ready_to_invoice_cents), 0)::text from sales_order so cross join lateral (select f.total_cents, f.invoiced_cents, f.remaining_cents, f.ready_to_invoice_cents from sales_order_figures f where f.sales_order_id = so.id offset 0) f where so.organization_id = $1 and so.client_id = $2`, [org, client]],
  'Invoicing queue': [`select so.* from sales_order so join sales_order_figures f on f.sales_order_id = so.id and f.organization_id = so.organization_id where so.organization_id = $1 and so.status not in ('INVOICED', 'CANCELLED') and ${QUEUE('f')} order by so.created_at, so.id`, [org]],
  'Receivables aging: what is owed': [`select i.*, ${BAL} as balance from invoice i where i.organization_id = $1 and i.status in ('SENT_TO_CLIENT', 'EXPORTED') and i.kind in ('STANDARD', 'DEPOSIT') and ${BAL} > 0 order by i.client_id, i.due_date, length(i.number), i.number`, [org]],
  'Receivables aging: refunds owed': [`select i.*, ${BAL} as balance from invoice i where i.organization_id = $1 and ${BAL} < 0 order by i.due_date, length(i.number), i.number`, [org]],
  'Business alerts: overdue invoices': [`select count(*) from invoice i where i.organization_id = $1 and i.status in ('SENT_TO_CLIENT', 'EXPORTED') and i.kind in ('STANDARD', 'DEPOSIT') and ${BAL} > 0 and i.due_date < current_date`, [org]],
};
for (const [name, [sql, params]] of Object.entries(qs)) {
  if (process.env.PLANS_ONLY && !name.match(new RegExp(process.env.PLANS_ONLY, 'i'))) continue;
  const r = await c.query(`explain (analyze, buffers, costs off) ${sql}`, params);
  console.log(`## ${name}\n\n\`\`\`sql\n${sql.replace(/\s+/g, ' ')}\n\`\`\`\n\n\`\`\`\n${r.rows.map((x) => x['QUERY PLAN']).join('\n')}\n\`\`\`\n`);
}
await c.end();
