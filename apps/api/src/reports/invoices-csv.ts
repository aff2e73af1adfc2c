import { centsToDecimal } from '@baton/domain';
import type { MikroORM } from '@mikro-orm/postgresql';
import { stringify } from 'csv-stringify';
import type { Response } from 'express';
import type { PoolClient } from 'pg';
import QueryStream from 'pg-query-stream';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { INVOICES_FROM, INVOICES_ORDER, invoicesWhere, REMAINING_CENTS_SQL, type InvoicesFilter } from './invoices-report.sql.js';

const HEADER = ['Invoice', 'Invoice date', 'Due date', 'Status', 'Client', 'Project', 'Sales order', 'Subtotal', 'Tax', 'Total', 'Paid', 'Balance', 'Sales order remaining'];

export function parseCsvFilter(raw: unknown): InvoicesFilter {
  if (raw == null || raw === '') return {};
  if (typeof raw !== 'string') throw new Error('bad filter');
  const f = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown;
  if (typeof f !== 'object' || f === null || Array.isArray(f)) throw new Error('bad filter');
  return f as InvoicesFilter;
}

/**
 * Streams every matching invoice as CSV, then a totals row: rows flow from a server-side cursor
 * (pg-query-stream) through csv-stringify to the response with backpressure, so memory stays flat
 * whatever the size. Money is decimal text made from the integer cents; sums are BigInt.
 */
export async function streamInvoicesCsv(orm: MikroORM, organizationId: string, filter: InvoicesFilter, res: Response): Promise<void> {
  const where = invoicesWhere(organizationId, filter); // throws BAD_USER_INPUT on bad values
  const knex = orm.em.getConnection().getKnex();
  const native = knex
    .raw(
      `select i.number, i.invoice_date::text as invoice_date, i.due_date::text as due_date, i.status, c.name as client, p.number as project,
              so.number as sales_order, i.subtotal_cents, i.tax_cents, i.total_cents, i.paid_cents, ${REMAINING_CENTS_SQL} as remaining_cents
       from ${INVOICES_FROM} where ${where.sql} order by ${INVOICES_ORDER}`,
      where.params as never[],
    )
    .toSQL()
    .toNative();
  const client = (await knex.client.acquireConnection()) as PoolClient;
  try {
    res.status(200);
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', 'attachment; filename="invoices.csv"');
    res.setHeader('cache-control', 'private, no-store');
    const sums = { count: 0n, subtotal: 0n, tax: 0n, total: 0n, paid: 0n };
    const rows = client.query(new QueryStream(native.sql, native.bindings as unknown[], { batchSize: 1000 }));
    const toRecord = new Transform({
      objectMode: true,
      transform(r: Record<string, string>, _enc, done) {
        const [sub, tax, total, paid] = [r.subtotal_cents, r.tax_cents, r.total_cents, r.paid_cents].map((v) => BigInt(v));
        sums.count += 1n;
        sums.subtotal += sub;
        sums.tax += tax;
        sums.total += total;
        sums.paid += paid;
        done(null, [r.number, r.invoice_date, r.due_date, r.status, r.client, r.project, r.sales_order, money(sub), money(tax), money(total), money(paid), money(total - paid), money(BigInt(r.remaining_cents))]);
      },
      flush(done) {
        done(null, [`TOTAL (${sums.count} invoices)`, '', '', '', '', '', '', money(sums.subtotal), money(sums.tax), money(sums.total), money(sums.paid), money(sums.total - sums.paid), '']);
      },
    });
    await pipeline(rows, toRecord, stringify({ header: true, columns: HEADER }), res);
  } finally {
    await knex.client.releaseConnection(client);
  }
}

function money(cents: bigint): string {
  // centsToDecimal works on safe integers; sums beyond that are formatted from the BigInt directly.
  if (cents <= BigInt(Number.MAX_SAFE_INTEGER) && cents >= -BigInt(Number.MAX_SAFE_INTEGER)) return centsToDecimal(Number(cents));
  const sign = cents < 0n ? '-' : '';
  const abs = cents < 0n ? -cents : cents;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}
