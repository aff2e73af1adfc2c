// Prints EXPLAIN (ANALYZE, BUFFERS) of each report query on the bench database, as Markdown for
// apps/api/src/reports/PLANS.md. Usage: node test/bench/plans.mjs <databaseUrl of baton_bench_1>
import pg from 'pg';
const c = new pg.Client({ connectionString: process.argv[2] });
await c.connect();
const org = '0b0b0b0b-0000-4000-8000-000000000001';
const client = (await c.query(`select md5('client:7')::uuid as id`)).rows[0].id;
const REM = `(select coalesce(r.v + floor((r.v * so.tax_rate_basis_points + 5000) / 10000), 0)::bigint from (select sum((l.quantity - l.cancelled - l.invoiced)::bigint * l.unit_price_cents) as v from sales_order_line l where l.sales_order_id = so.id) r)`;
const qs = {
  'Report page, narrow filter (one client, all statuses), 50 rows': [`select i.* from invoice i where i.organization_id = $1 and i.status in ('OPEN','SENT_TO_CLIENT','EXPORTED','PAID','VOID') and i.client_id = $2 order by i.invoice_date desc, length(i.number) desc, i.number desc limit 51`, [org, client]],
  'Report page, no filter (live invoices), 50 rows': [`select i.* from invoice i where i.organization_id = $1 and i.status <> 'VOID' order by i.invoice_date desc, length(i.number) desc, i.number desc limit 51`, [org]],
  'Report totals, narrow filter (detail rows)': [`select count(*), coalesce(sum(i.subtotal_cents),0), coalesce(sum(i.tax_cents),0), coalesce(sum(i.total_cents),0), coalesce(sum(i.paid_cents),0) from invoice i where i.organization_id = $1 and i.status in ('OPEN','SENT_TO_CLIENT','EXPORTED','PAID','VOID') and i.client_id = $2`, [org, client]],
  'Broad totals (one year, all statuses) from the rollup': [`select coalesce(sum(invoices),0), coalesce(sum(subtotal_cents),0), coalesce(sum(tax_cents),0), coalesce(sum(total_cents),0), coalesce(sum(paid_cents),0) from invoice_day_total where organization_id = $1 and invoice_date >= '2024-01-01' and invoice_date <= '2024-12-31' and status in ('OPEN','SENT_TO_CLIENT','EXPORTED','PAID','VOID')`, [org]],
  'Broad totals, the naive SQL (the floor)': [`select count(*), sum(subtotal_cents), sum(tax_cents), sum(total_cents), sum(paid_cents) from invoice where organization_id = $1 and invoice_date between '2024-01-01' and '2024-12-31'`, [org]],
  'Report page with withRemainingBalance': [`select i.* from invoice i join sales_order so on so.id = i.sales_order_id where i.organization_id = $1 and i.status <> 'VOID' and ${REM} > 0 order by i.invoice_date desc, length(i.number) desc, i.number desc limit 51`, [org]],
  'CSV rows (all statuses, 1M rows), as COPY runs them': [`select i.number, i.invoice_date, c.name, p.number, so.number, ${REM} from invoice i join sales_order so on so.id = i.sales_order_id join project p on p.id = i.project_id join client c on c.id = i.client_id where i.organization_id = $1 and i.status in ('OPEN','SENT_TO_CLIENT','EXPORTED','PAID','VOID') order by i.invoice_date desc, length(i.number) desc, i.number desc`, [org]],
  'Backorder report (open line figures)': [`with f as (select l.id, l.sales_order_id, (l.quantity - l.cancelled - l.invoiced) as remaining, case when l.inventoried then l.scheduled else least(l.quantity - l.cancelled - l.invoiced, greatest(0, l.received - l.invoiced)) end as ready, l.invoiced from sales_order_line l join sales_order so on so.id = l.sales_order_id where l.organization_id = $1 and so.status not in ('INVOICED','CANCELLED')) select count(*) from f where f.remaining - f.ready > 0 and exists (select 1 from invoice i where i.sales_order_id = f.sales_order_id and i.status <> 'VOID')`, [org]],
};
for (const [name, [sql, params]] of Object.entries(qs)) {
  const r = await c.query(`explain (analyze, buffers, costs off) ${sql}`, params);
  console.log(`## ${name}\n\n\`\`\`sql\n${sql.replace(/\s+/g, ' ')}\n\`\`\`\n\n\`\`\`\n${r.rows.map((x) => x['QUERY PLAN']).join('\n')}\n\`\`\`\n`);
}
await c.end();
