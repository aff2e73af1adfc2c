// The benchmark dataset: one organization with 1,000,000 invoices (~3,000,000 lines) over 50,000
// sales orders, 2,000 clients and 3 years, mixed statuses (void, partial payments, cancelled
// quantities), plus three projects with 20 purchase orders and 100 lines each (the project overview),
// and 1,000 users with sessions (the live-notification subscribers). Written with generate_series in
// SQL, from closed formulas, so the app's invariants hold by construction:
//   invoice lines add up to the invoice's subtotal; tax = round half up(subtotal × rate); paid = Σ payments;
//   a sales order line's `invoiced` = Σ its live invoice lines; VOID invoices carry no payment;
//   an order with nothing remaining is INVOICED and locked, else BACKORDERED; the rollup equals the detail.
// BENCH_SCALE scales the volume (0.01 → 10,000 invoices); the database is reused while its marker
// (dataset version and scale) matches.
import crypto from 'node:crypto';
import pg from 'pg';

export const DATASET_VERSION = 'bench-4';
export const ORG_ID = '0b0b0b0b-0000-4000-8000-000000000001';
export const ADMIN_TOKEN = 'bench-admin-token';
export const SUBSCRIBERS = 1000;
export const subscriberToken = (i) => `bench-user-token-${i}`;
export const OVERVIEW_PROJECTS = 3;
export const INVOICES_PER_ORDER = 20;

/** Deterministic ids: md5(kind:n) as a uuid, so rows reference each other without lookups. */
export const uid = (kind, n) => {
  const h = crypto.createHash('md5').update(`${kind}:${n}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
};
const U = (kind, expr) => `md5('${kind}:' || (${expr}))::uuid`;

export function sizes(scale) {
  const orders = Math.max(100, Math.round(50_000 * scale));
  return {
    orders,
    invoices: orders * INVOICES_PER_ORDER,
    // One credit memo per fifty invoices (invoice g with g % 50 = 13, one unit of its first line).
    creditMemos: Math.floor((orders * INVOICES_PER_ORDER - 13) / 50) + 1,
    clients: Math.max(20, Math.round(2_000 * scale)),
    projects: Math.ceil(orders / 5),
    products: 500,
    suppliers: 10,
  };
}

function bar(label, done, total) {
  const width = 30;
  const filled = Math.round((done / total) * width);
  process.stdout.write(`\r  ${label.padEnd(28)} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.round((done / total) * 100)).padStart(3)}%`);
  if (done >= total) process.stdout.write('\n');
}

/** True when the database already holds this dataset version at this scale. */
export async function datasetPresent(url, scale) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query(`select 1 from information_schema.tables where table_name = 'bench_dataset'`);
    if (!r.rowCount) return false;
    const m = await c.query('select version, scale from bench_dataset');
    return m.rows[0]?.version === DATASET_VERSION && Number(m.rows[0]?.scale) === scale;
  } finally {
    await c.end();
  }
}

export async function generate(url, scale) {
  const n = sizes(scale);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const q = (sql, params) => c.query(sql, params);
  try {
    // Bulk load: skip FK and row triggers (superuser only; the rollup is summed once at the end).
    const superuser = (await q(`select rolsuper from pg_roles where rolname = current_user`)).rows[0]?.rolsuper;
    if (superuser) await q(`set session_replication_role = replica`);
    await q(`set synchronous_commit = off`);
    const M = INVOICES_PER_ORDER;
    const steps = [
      ['organization, users, catalog', async () => {
        await q(`insert into organization (id, name, currency, created_at) values ($1, 'Bench Promo Co', 'USD', now())`, [ORG_ID]);
        // One ADMIN (every role) and the live-notification subscribers; the password is never used (sessions below).
        await q(`insert into app_user (id, organization_id, name, email, handle, password_hash, roles, active, email_on_mention, created_at)
                 values (${U('user', 0)}, $1, 'Bench Admin', 'admin@bench.example', 'admin', 'x', '{ADMIN}', true, false, now())`, [ORG_ID]);
        await q(`insert into app_user (id, organization_id, name, email, handle, password_hash, roles, active, email_on_mention, created_at)
                 select ${U('user', 'g')}, $1, 'User ' || g, 'u' || g || '@bench.example', 'u' || g, 'x', '{ORDER_REP}', true, false, now()
                 from generate_series(1, ${SUBSCRIBERS}) g`, [ORG_ID]);
        await q(`insert into session (id, organization_id, user_id, token_hash, created_at, expires_at)
                 select ${U('session', 'g')}, $1, ${U('user', 'g')}, encode(sha256(convert_to(case when g = 0 then $2 else 'bench-user-token-' || g end, 'UTF8')), 'hex'), now(), now() + interval '10 years'
                 from generate_series(0, ${SUBSCRIBERS}) g`, [ORG_ID, ADMIN_TOKEN]);
        await q(`insert into client (id, organization_id, name, email, payment_terms_days, created_at)
                 select ${U('client', 'g')}, $1, 'Client ' || g || ' Inc', 'ap' || g || '@client.example', 30, now() from generate_series(1, ${n.clients}) g`, [ORG_ID]);
        await q(`insert into supplier (id, organization_id, name, email, created_at)
                 select ${U('supplier', 'g')}, $1, 'Supplier ' || g, null, now() from generate_series(1, ${n.suppliers}) g`, [ORG_ID]);
        await q(`insert into product (id, organization_id, sku, name, inventoried, price_cents, cost_cents, supplier_id, created_at)
                 select ${U('product', 'g')}, $1, 'SKU-' || g, 'Product ' || g, false, 100 + g, 60 + g, ${U('supplier', '1 + g % ' + n.suppliers)}, now()
                 from generate_series(1, ${n.products}) g`, [ORG_ID]);
        await q(`insert into project (id, organization_id, number, name, client_id, order_rep_id, production_rep_id, invoicing_rep_id, created_at)
                 select ${U('project', 'g')}, $1, 'PRJ-' || (1000 + g), 'Project ' || g, ${U('client', `1 + (g - 1) % ${n.clients}`)},
                        ${U('user', 0)}, ${U('user', 0)}, ${U('user', 0)}, timestamptz '2023-01-01' + g * interval '1 minute'
                 from generate_series(1, ${n.projects + OVERVIEW_PROJECTS}) g`, [ORG_ID]);
      }],
    ];
    // The bulk: orders k in batches; each order has 6 lines and M invoices of 3 lines (odd invoices lines 1–3, even 4–6).
    // q(g, j) = 1 + (g + j) % 5 units; price(k, j) = 100 + (31k + 17j) % 4900 cents; tax rate (k % 4) × 2.75 %.
    // Invoice g is VOID when g % 50 = 7; otherwise h = 7g % 10 picks PAID (0–4), SENT partly paid (5), SENT (6),
    // EXPORTED (7), EXPORTED partly paid (8), OPEN (9). Order k: 2 units of line 1 cancelled when k % 7 = 0,
    // 4 units of every line still to invoice when k % 3 = 0; voided units are to invoice again.
    // Invoice g with g % 50 = 13 (always PAID) has a credit memo CM-(1000 + g / 50) for one unit of its
    // first line, 5 days later, without reinvoice: the unit is cancelled on the order and written off
    // (drop-ship), and the invoice's balance goes below 0 (a refund owed).
    const INV_G = `((k - 1) * ${M} + m)`;
    const QTY = (g, j) => `(1 + (${g} + ${j}) % 5)`;
    const PRICE = (k, j) => `(100 + (31 * ${k} + 17 * ${j}) % 4900)::bigint`;
    const LINES_OF = (m) => `(((${m}) - 1) % 2) * 3`; // first line index − 1
    const SUBTOTAL = `(${QTY(INV_G, 'l0 + 1')} * ${PRICE('k', 'l0 + 1')} + ${QTY(INV_G, 'l0 + 2')} * ${PRICE('k', 'l0 + 2')} + ${QTY(INV_G, 'l0 + 3')} * ${PRICE('k', 'l0 + 3')})`;
    const batch = Math.max(50, Math.min(2500, Math.ceil(n.orders / 20)));
    for (let from = 1; from <= n.orders; from += batch) {
      const to = Math.min(n.orders, from + batch - 1);
      steps.push([`orders ${from}–${to}`, async () => {
        const orderDate = `(date '2023-01-01' + ((k * 389) % 900))`;
        await q(`insert into sales_order (id, organization_id, number, project_id, client_id, status, locked, order_date, tax_rate_basis_points, created_at)
                 select ${U('so', 'k')}, $1, 'SO-' || (1000 + k), ${U('project', '1 + (k - 1) / 5')}, ${U('client', `1 + ((k - 1) / 5) % ${n.clients}`)},
                        'BACKORDERED', false, ${orderDate}, (k % 4) * 275, ${orderDate}::timestamptz
                 from generate_series(${from}, ${to}) k`, [ORG_ID]);
        await q(`insert into sales_order_line (id, organization_id, sales_order_id, position, product_id, inventoried, description, quantity, unit_price_cents, cancelled, invoiced, scheduled, received, written_off)
                 select ${U('sol', 'k * 10 + j')}, $1, ${U('so', 'k')}, j, ${U('product', `1 + (k * 6 + j) % ${n.products}`)}, false, 'Item ' || j,
                        f.live + f.voided + f.cancelled + f.extra, ${PRICE('k', 'j')}, f.cancelled + f.credited, f.live - f.credited, 0, f.live, f.credited
                 from generate_series(${from}, ${to}) k cross join generate_series(1, 6) j
                 cross join lateral (
                   select coalesce(sum(${QTY(INV_G, 'j')}) filter (where ${INV_G} % 50 <> 7), 0) as live,
                          count(*) filter (where ${INV_G} % 50 = 13 and ${LINES_OF('m')} + 1 = j) as credited,
                          coalesce(sum(${QTY(INV_G, 'j')}) filter (where ${INV_G} % 50 = 7), 0) as voided,
                          case when k % 7 = 0 and j = 1 then 2 else 0 end as cancelled,
                          case when k % 3 = 0 then 4 else 0 end as extra
                   from generate_series(1, ${M}) m where ${LINES_OF('m')} = ((j - 1) / 3) * 3) f`, [ORG_ID]);
        // Nothing left to invoice → INVOICED and locked (DOMAIN.md, "Sales orders").
        await q(`update sales_order so set status = 'INVOICED', locked = true
                 where so.id in (select ${U('so', 'k')} from generate_series(${from}, ${to}) k)
                   and not exists (select 1 from sales_order_line l where l.sales_order_id = so.id and l.quantity - l.cancelled - l.invoiced > 0)`);
        await q(`insert into invoice (id, organization_id, number, sales_order_id, project_id, client_id, status, invoice_date, due_date,
                                      subtotal_cents, taxable_subtotal_cents, tax_cents, total_cents, paid_cents, sent_at, sent_to, void_reason, version, created_at)
                 select ${U('inv', INV_G)}, $1, 'INV-' || (1000 + ${INV_G}), ${U('so', 'k')}, ${U('project', '1 + (k - 1) / 5')}, ${U('client', `1 + ((k - 1) / 5) % ${n.clients}`)},
                        a.status, a.d, a.d + 30, a.sub, a.sub, a.tax, a.sub + a.tax,
                        case when a.status = 'PAID' then a.sub + a.tax when a.h = 5 then (a.sub + a.tax) / 3 when a.h = 8 then (a.sub + a.tax) / 2 else 0 end,
                        case when a.status in ('SENT_TO_CLIENT', 'EXPORTED', 'PAID') then a.d::timestamptz end, '{}',
                        case when a.status = 'VOID' then 'entered twice' end, 1, a.d::timestamptz
                 from generate_series(${from}, ${to}) k cross join generate_series(1, ${M}) m
                 cross join lateral (select ${LINES_OF('m')} as l0) l
                 cross join lateral (
                   select s.*, (s.sub * ((k % 4) * 275) + 5000) / 10000 as tax from (
                     select ${SUBTOTAL} as sub, (7 * ${INV_G}) % 10 as h, (date '2023-01-01' + ((k * 389) % 900) + (m - 1) * 10) as d,
                            case when ${INV_G} % 50 = 7 then 'VOID' when (7 * ${INV_G}) % 10 < 5 then 'PAID' when (7 * ${INV_G}) % 10 in (5, 6) then 'SENT_TO_CLIENT'
                                 when (7 * ${INV_G}) % 10 in (7, 8) then 'EXPORTED' else 'OPEN' end as status) s) a`, [ORG_ID]);
        await q(`insert into invoice_line (id, organization_id, invoice_id, position, sales_order_line_id, description, quantity, unit_price_cents, total_cents)
                 select ${U('il', `${INV_G} * 10 + p`)}, $1, ${U('inv', INV_G)}, p, ${U('sol', `k * 10 + ${LINES_OF('m')} + p`)}, 'Item ' || (${LINES_OF('m')} + p),
                        ${QTY(INV_G, `${LINES_OF('m')} + p`)}, ${PRICE('k', `${LINES_OF('m')} + p`)}, ${QTY(INV_G, `${LINES_OF('m')} + p`)} * ${PRICE('k', `${LINES_OF('m')} + p`)}
                 from generate_series(${from}, ${to}) k cross join generate_series(1, ${M}) m cross join generate_series(1, 3) p`, [ORG_ID]);
        // The credit memos (see above) and what they change on the credited invoice and its line.
        const CREDIT = `(select ${PRICE('k', 'l0 + 1')} as price, (${PRICE('k', 'l0 + 1')} * ((k % 4) * 275) + 5000) / 10000 as tax)`;
        await q(`insert into invoice (id, organization_id, number, kind, sales_order_id, project_id, client_id, status, invoice_date, due_date,
                                      subtotal_cents, taxable_subtotal_cents, tax_cents, total_cents, paid_cents, sent_at, sent_to, credited_invoice_id, reason, version, created_at)
                 select ${U('cm', INV_G)}, $1, 'CM-' || (1000 + ${INV_G} / 50), 'CREDIT_MEMO', ${U('so', 'k')}, ${U('project', '1 + (k - 1) / 5')}, ${U('client', `1 + ((k - 1) / 5) % ${n.clients}`)},
                        'SENT_TO_CLIENT', d, d, -cr.price, -cr.price, -cr.tax, -(cr.price + cr.tax), 0, d::timestamptz, '{}', ${U('inv', INV_G)}, 'Damaged in transit', 1, d::timestamptz
                 from generate_series(${from}, ${to}) k cross join generate_series(1, ${M}) m
                 cross join lateral (select ${LINES_OF('m')} as l0, date '2023-01-01' + ((k * 389) % 900) + (m - 1) * 10 + 5 as d) l
                 cross join lateral ${CREDIT} cr
                 where ${INV_G} % 50 = 13`, [ORG_ID]);
        await q(`insert into invoice_line (id, organization_id, invoice_id, position, sales_order_line_id, description, quantity, unit_price_cents, total_cents, credited_line_id)
                 select ${U('cml', INV_G)}, $1, ${U('cm', INV_G)}, 1, ${U('sol', `k * 10 + ${LINES_OF('m')} + 1`)}, 'Item ' || (${LINES_OF('m')} + 1), 1, cr.price, -cr.price, ${U('il', `${INV_G} * 10 + 1`)}
                 from generate_series(${from}, ${to}) k cross join generate_series(1, ${M}) m
                 cross join lateral (select ${LINES_OF('m')} as l0) l cross join lateral ${CREDIT} cr
                 where ${INV_G} % 50 = 13`, [ORG_ID]);
        await q(`update invoice i set credited_cents = cr.price + cr.tax, credited_taxable_cents = cr.price, credited_tax_cents = cr.tax
                 from generate_series(${from}, ${to}) k cross join generate_series(1, ${M}) m
                 cross join lateral (select ${LINES_OF('m')} as l0) l cross join lateral ${CREDIT} cr
                 where ${INV_G} % 50 = 13 and i.id = ${U('inv', INV_G)}`);
        await q(`update invoice_line il set credited = 1
                 from generate_series(${from}, ${to}) k cross join generate_series(1, ${M}) m
                 where ${INV_G} % 50 = 13 and il.id = ${U('il', `${INV_G} * 10 + 1`)}`);
        await q(`insert into payment (id, organization_id, invoice_id, amount_cents, received_on, reference, created_at)
                 select md5('pay:' || i.id)::uuid, i.organization_id, i.id, i.paid_cents, i.invoice_date + 20, 'bench', i.created_at
                 from invoice i where i.sales_order_id in (select ${U('so', 'k')} from generate_series(${from}, ${to}) k) and i.paid_cents > 0`);
      }]);
    }
    steps.push(['overview projects', () => overviewProjects(q, n)]);
    steps.push(['rollup, number series', async () => {
      // The same sums as the rollup's trigger (Migration20261207090000_money), balance formula included.
      await q(`insert into invoice_day_total (organization_id, invoice_date, status, kind, invoices, subtotal_cents, tax_cents, total_cents, paid_cents, balance_cents)
               select organization_id, invoice_date, status, kind, count(*), sum(subtotal_cents), sum(tax_cents), sum(total_cents), sum(paid_cents),
                      sum(case when kind = 'CREDIT_MEMO' then 0 else total_cents - paid_cents - deposit_applied_cents - credited_cents + refunded_cents end)
               from invoice group by 1, 2, 3, 4`);
      await q(`insert into number_series (organization_id, series, last)
               select $1::uuid, 'PRJ', max(substr(number, 5)::int) from project union all
               select $1, 'SO', max(substr(number, 4)::int) from sales_order union all
               select $1, 'PO', coalesce(max(substr(number, 4)::int), 1000) from purchase_order union all
               select $1, 'INV', max(substr(number, 5)::int) from invoice where kind = 'STANDARD' union all
               select $1, 'CM', max(substr(number, 4)::int) from invoice where kind = 'CREDIT_MEMO'`, [ORG_ID]);
    }]);
    steps.push(['vacuum analyze', async () => {
      if (superuser) await q(`set session_replication_role = origin`);
      await q(`vacuum (analyze) invoice, invoice_line, sales_order, sales_order_line, payment, invoice_day_total, project, client, purchase_order, purchase_order_line, app_user, session, product`);
    }]);
    steps.push(['marker', async () => {
      await q(`create table bench_dataset (version text not null, scale numeric not null, created_at timestamptz not null default now())`);
      await q(`insert into bench_dataset (version, scale) values ($1, $2)`, [DATASET_VERSION, scale]);
    }]);
    console.log(`Generating the dataset (scale ${scale}: ${n.invoices.toLocaleString('en-US')} invoices, ${(n.invoices * 3).toLocaleString('en-US')} lines, ${n.orders.toLocaleString('en-US')} orders, ${n.clients} clients)`);
    const started = Date.now();
    for (const [i, [label, run]] of steps.entries()) {
      bar(label, i, steps.length);
      await run();
    }
    bar('done', steps.length, steps.length);
    console.log(`  generated in ${Math.round((Date.now() - started) / 1000)} s`);
  } finally {
    await c.end();
  }
}

/**
 * Three projects of 20 sales orders × 5 drop-ship lines, each order bought on one purchase order
 * (stage SHIPPED, all received) and invoiced once for 5 units of its first line: 20 POs, 100 lines.
 */
async function overviewProjects(q, n) {
  for (let p = 1; p <= OVERVIEW_PROJECTS; p++) {
    const project = n.projects + p;
    const base = 10_000_000 + p * 100; // order numbers out of the bulk's range
    await q(`insert into sales_order (id, organization_id, number, project_id, client_id, status, locked, order_date, tax_rate_basis_points, created_at)
             select ${U('so', `${base} + k`)}, $1, 'SO-' || (${base} + k), ${U('project', project)}, ${U('client', `1 + (${project} - 1) % ${n.clients}`)},
                    'BACKORDERED', false, date '2025-06-01', 825, now() from generate_series(1, 20) k`, [ORG_ID]);
    await q(`insert into sales_order_line (id, organization_id, sales_order_id, position, product_id, inventoried, description, quantity, unit_price_cents, cancelled, invoiced, scheduled, received)
             select ${U('sol', `(${base} + k) * 10 + j`)}, $1, ${U('so', `${base} + k`)}, j, ${U('product', 'j')}, false, 'Item ' || j, 10, ${PRICE_SQL('j')},
                    0, case when j = 1 then 5 else 0 end, 0, 10
             from generate_series(1, 20) k cross join generate_series(1, 5) j`, [ORG_ID]);
    await q(`insert into purchase_order (id, organization_id, number, project_id, sales_order_id, supplier_id, production_rep_id, stage, status, ship_date, version, created_at)
             select ${U('po', `${base} + k`)}, $1, 'PO-' || (${base} + k), ${U('project', project)}, ${U('so', `${base} + k`)}, ${U('supplier', 1)}, ${U('user', 0)},
                    'SHIPPED', case when k % 5 = 0 then 'PROBLEM' else 'OK' end, date '2025-06-10', 1, now() from generate_series(1, 20) k`, [ORG_ID]);
    await q(`insert into purchase_order_line (id, organization_id, purchase_order_id, position, product_id, sales_order_line_id, description, quantity, unit_cost_cents, received)
             select ${U('pol', `(${base} + k) * 10 + j`)}, $1, ${U('po', `${base} + k`)}, j, ${U('product', 'j')}, ${U('sol', `(${base} + k) * 10 + j`)}, 'Item ' || j, 10, 60 + j, 10
             from generate_series(1, 20) k cross join generate_series(1, 5) j`, [ORG_ID]);
    const sub = `5 * ${PRICE_SQL(1)}`;
    await q(`insert into invoice (id, organization_id, number, sales_order_id, project_id, client_id, status, invoice_date, due_date, subtotal_cents, taxable_subtotal_cents, tax_cents, total_cents, paid_cents, sent_to, version, created_at)
             select ${U('inv', `${base} + k`)}, $1, 'INV-' || (${base} + k), ${U('so', `${base} + k`)}, ${U('project', project)}, ${U('client', `1 + (${project} - 1) % ${n.clients}`)},
                    'OPEN', date '2025-06-15', date '2025-07-15', ${sub}, ${sub}, (${sub} * 825 + 5000) / 10000, ${sub} + (${sub} * 825 + 5000) / 10000, 0, '{}', 1, now()
             from generate_series(1, 20) k`, [ORG_ID]);
    await q(`insert into invoice_line (id, organization_id, invoice_id, position, sales_order_line_id, description, quantity, unit_price_cents, total_cents)
             select ${U('il', `(${base} + k) * 10 + 1`)}, $1, ${U('inv', `${base} + k`)}, 1, ${U('sol', `(${base} + k) * 10 + 1`)}, 'Item 1', 5, ${PRICE_SQL(1)}, 5 * ${PRICE_SQL(1)}
             from generate_series(1, 20) k`, [ORG_ID]);
  }
}
const PRICE_SQL = (j) => `(1000 + 100 * ${j})::bigint`;

export const overviewProjectId = (n, p = 1) => uid('project', n.projects + p);
export const narrowClientId = () => uid('client', 7);
