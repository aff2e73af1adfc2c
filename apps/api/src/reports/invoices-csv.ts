import { centsToDecimal } from '@baton/domain';
import type { MikroORM } from '@mikro-orm/postgresql';
import { stringify } from 'csv-stringify/sync';
import type { Response } from 'express';
import type { PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { csvText, csvTextSql as text } from './csv-cells.js';
import { INVOICES_FROM, INVOICES_ORDER, invoicesWhere, type InvoicesFilter } from './invoices-report.sql.js';

const HEADER = ['Invoice', 'Invoice date', 'Due date', 'Status', 'Client', 'Project', 'Sales order', 'Subtotal', 'Tax', 'Total', 'Paid', 'Balance', 'Sales order remaining'];

export function parseCsvFilter(raw: unknown): InvoicesFilter {
  if (raw == null || raw === '') return {};
  if (typeof raw !== 'string') throw new Error('bad filter');
  const f = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown;
  if (typeof f !== 'object' || f === null || Array.isArray(f)) throw new Error('bad filter');
  return f as InvoicesFilter;
}

/** Integer cents → exact decimal text with two places, in SQL numeric (never a float): 135313 → 1353.13. */
const money = (cents: string) => `round(${cents}::numeric / 100, 2)`;

/**
 * Streams every matching invoice as CSV, then a totals row. PostgreSQL writes the rows itself
 * (COPY … TO STDOUT WITH CSV, RFC 4180 quoting) and they are piped to the response with
 * backpressure, so memory stays flat whatever the size and Node never parses a row: at a million
 * rows this is ~10× the throughput of decoding rows and re-encoding them in JavaScript. The totals
 * row comes from the same REPEATABLE READ snapshot, so it always equals the rows above it; it is
 * written with csv-stringify. Each order's remaining balance is one hash join over its lines' sums
 * (REMAINING_CENTS_SQL's formula), not a subquery per row: 1M subqueries took 90 s (PLANS.md). Money is decimal text made from the integer cents; sums are BigInt.
 */
export async function streamInvoicesCsv(orm: MikroORM, organizationId: string, filter: InvoicesFilter, res: Response): Promise<void> {
  const where = invoicesWhere(organizationId, filter); // throws BAD_USER_INPUT on bad values
  const knex = orm.em.getConnection().getKnex();
  const client = (await knex.client.acquireConnection()) as PoolClient;
  // COPY takes no bind parameters: each `?` becomes a literal quoted by pg itself (escapeLiteral).
  const inline = (sql: string, params: unknown[]) => {
    let i = 0;
    return sql.replace(/\?/g, () => client.escapeLiteral(String(params[i++])));
  };
  const rowsSql = inline(
    `select ${text('i.number')}, i.invoice_date, i.due_date, ${text('i.status::text')}, ${text('c.name')}, ${text('p.number')}, ${text('so.number')},
            ${money('i.subtotal_cents')}, ${money('i.tax_cents')}, ${money('i.total_cents')}, ${money('i.paid_cents')},
            ${money('(i.total_cents - i.paid_cents)')}, ${money('coalesce(rem.v + floor((rem.v * so.tax_rate_basis_points + 5000) / 10000), 0)')}
     from ${INVOICES_FROM}
     left join (select l.sales_order_id, sum((l.quantity - l.cancelled - l.invoiced)::bigint * l.unit_price_cents) as v
                from sales_order_line l where l.organization_id = ? group by l.sales_order_id) rem on rem.sales_order_id = so.id
     where ${where.sql} order by ${INVOICES_ORDER}`,
    [organizationId, ...where.params],
  );
  const totalsSql = inline(
    `select count(*) as count, coalesce(sum(i.subtotal_cents), 0) as subtotal, coalesce(sum(i.tax_cents), 0) as tax,
            coalesce(sum(i.total_cents), 0) as total, coalesce(sum(i.paid_cents), 0) as paid
     from ${where.from} where ${where.sql}`,
    where.params,
  );
  let open = false;
  try {
    await client.query('begin isolation level repeatable read read only');
    open = true;
    // One COPY streams the whole export: at ~100k rows/s a few million rows outlast the pool's
    // DB_STATEMENT_TIMEOUT_MS, which is meant for stalls, not for size. COPY waits on no row lock.
    await client.query(`set local statement_timeout = '15min'`);
    res.status(200);
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', 'attachment; filename="invoices.csv"');
    res.setHeader('cache-control', 'private, no-store');
    res.write(stringify([HEADER.map(csvText)]));
    await pipeline(client.query(copyTo(`copy (${rowsSql}) to stdout with (format csv)`)), res, { end: false });
    const { rows } = await client.query<Record<string, string>>(totalsSql);
    const t = rows[0];
    const [sub, tax, total, paid] = [t.subtotal, t.tax, t.total, t.paid].map((v) => BigInt(v));
    res.end(stringify([[csvText(`TOTAL (${t.count} invoices)`), '', '', '', '', '', '', dec(sub), dec(tax), dec(total), dec(paid), dec(total - paid), '']]));
    await client.query('commit');
    open = false;
  } finally {
    if (open) await client.query('rollback').catch(() => undefined);
    await knex.client.releaseConnection(client);
  }
}

function dec(cents: bigint): string {
  // centsToDecimal works on safe integers; sums beyond that are formatted from the BigInt directly.
  if (cents <= BigInt(Number.MAX_SAFE_INTEGER) && cents >= -BigInt(Number.MAX_SAFE_INTEGER)) return centsToDecimal(Number(cents));
  const sign = cents < 0n ? '-' : '';
  const abs = cents < 0n ? -cents : cents;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}
