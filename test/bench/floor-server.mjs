// The floor: the same reads as raw SQL through `pg`, behind the tiniest HTTP server (no GraphQL,
// no auth, no validation). What Baton and PostGraphile are compared against.
// Usage: node floor-server.mjs <databaseUrl> <port>
import http from 'node:http';
import pg from 'pg';

const [url, port] = process.argv.slice(2);
const pool = new pg.Pool({ connectionString: url, max: 10 });

export const FLOOR_SQL = {
  // The report page: 50 rows of one client in report order (all statuses, invoices and credit memos),
  // by invoice_client_report_order_idx, with count and totals over that client's rows.
  page: [
    `select i.id, i.number, i.invoice_date, i.status, i.subtotal_cents, i.tax_cents, i.total_cents, i.paid_cents, c.name as client, so.number as sales_order
     from invoice i join client c on c.id = i.client_id join sales_order so on so.id = i.sales_order_id
     where i.organization_id = $1 and i.client_id = $2 and i.kind in ('STANDARD', 'CREDIT_MEMO') order by i.invoice_date desc, length(i.number) desc, i.number desc limit 50`,
    `select count(*) as count, sum(subtotal_cents) as subtotal, sum(tax_cents) as tax, sum(total_cents) as total, sum(paid_cents) as paid from invoice
     where organization_id = $1 and client_id = $2 and kind in ('STANDARD', 'CREDIT_MEMO')`,
  ],
  // Broad totals from the rollup Baton reads (invoice_day_total, a few rows per day).
  totals: [
    `select sum(invoices) as count, sum(subtotal_cents) as subtotal, sum(tax_cents) as tax, sum(total_cents) as total, sum(paid_cents) as paid from invoice_day_total
     where organization_id = $1 and invoice_date between $2 and $3 and kind in ('STANDARD', 'CREDIT_MEMO')`,
  ],
  // The project overview as one statement building the nested JSON.
  overview: [
    `select json_build_object('id', p.id, 'number', p.number, 'name', p.name,
       'client', (select json_build_object('id', c.id, 'name', c.name) from client c where c.id = p.client_id),
       'salesOrders', (select coalesce(json_agg(json_build_object('id', so.id, 'number', so.number, 'status', so.status,
           'lines', (select coalesce(json_agg(json_build_object('id', l.id, 'quantity', l.quantity, 'cancelled', l.cancelled, 'invoiced', l.invoiced,
               'product', (select json_build_object('id', pr.id, 'sku', pr.sku) from product pr where pr.id = l.product_id)) order by l.position), '[]')
             from sales_order_line l where l.sales_order_id = so.id)) order by so.created_at, so.id), '[]') from sales_order so where so.project_id = p.id),
       'purchaseOrders', (select coalesce(json_agg(json_build_object('id', po.id, 'number', po.number, 'stage', po.stage, 'status', po.status,
           'lines', (select coalesce(json_agg(json_build_object('id', pl.id, 'quantity', pl.quantity, 'received', pl.received) order by pl.position), '[]')
             from purchase_order_line pl where pl.purchase_order_id = po.id)) order by po.created_at, po.id), '[]') from purchase_order po where po.project_id = p.id),
       'invoices', (select coalesce(json_agg(json_build_object('id', i.id, 'number', i.number, 'status', i.status, 'totalCents', i.total_cents,
           'lines', (select coalesce(json_agg(json_build_object('id', il.id, 'quantity', il.quantity) order by il.position), '[]')
             from invoice_line il where il.invoice_id = i.id)) order by i.created_at, i.id), '[]') from invoice i where i.project_id = p.id)
     ) as project from project p where p.id = $1 and p.organization_id = $2`,
  ],
};

http
  .createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', async () => {
      try {
        const { params } = JSON.parse(body);
        const statements = FLOOR_SQL[req.url.slice(1)];
        const results = await Promise.all(statements.map((sql) => pool.query(sql, params.slice(0, (sql.match(/\$\d/g) ?? []).reduce((m, p) => Math.max(m, Number(p.slice(1))), 0)))));
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(results.map((r) => r.rows)));
      } catch (err) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: err.message }));
      }
    });
  })
  .listen(Number(port), '127.0.0.1', () => console.log(`floor listening on ${port}`));
