import { centsToDecimal, INVOICE_KIND_LABEL, INVOICE_STATUS_LABEL } from '@baton/domain';
import { stringify } from 'csv-stringify/sync';
import { coerceInputValue, type GraphQLInputType } from 'graphql';
import pg from 'pg';
import type { Download } from '../common/download-runner.js';
import { malformedText, normalizeText } from '../common/text-input.js';
import { csvText, csvTextSql as text } from './csv-cells.js';
import { must } from '../common/must.js';
import { balanceSql, INVOICES_FROM, INVOICES_ORDER, invoicesWhere, type InvoicesFilter } from './invoices-report.sql.js';

const HEADER = [
  'Invoice', 'Kind', 'Invoice date', 'Due date', 'Status', 'Client', 'Project', 'Sales order',
  'Subtotal', 'Tax', 'Total', 'Paid', 'Deposit applied', 'Credited', 'Refunded', 'Balance', 'Sales order remaining',
];

/** An enum column in the users' words (the same labels the screens show), as SQL. */
export function labelSql(column: string, labels: Record<string, string>): string {
  return `(case ${column}::text ${Object.entries(labels).map(([k, v]) => `when ${pg.escapeLiteral(k)} then ${pg.escapeLiteral(v)}`).join(' ')} end)`;
}

/** A download parameter that is not valid: answered with a JSON 400 before any byte of the file. */
export class BadDownloadParameter extends Error {
  override readonly name = 'BadDownloadParameter';
}

/**
 * The CSV link's `filter`: base64url JSON of the report's InvoicesReportFilter, validated exactly as
 * GraphQL validates the same input (graphql-js coercion against the served input type): real
 * calendar dates (2023-02-30 is refused), known statuses, ids, booleans, no unknown fields; text in
 * NFC, NUL and lone surrogates refused.
 */
export function parseCsvFilter(raw: unknown, filterType: GraphQLInputType): InvoicesFilter {
  if (raw == null || raw === '') return {};
  if (typeof raw !== 'string') throw new BadDownloadParameter('Give the report filter once.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw new BadDownloadParameter('The report filter could not be read (it is not base64url-encoded JSON).');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new BadDownloadParameter('The report filter could not be read (it is not a JSON object).');
  const malformed = malformedText(parsed);
  if (malformed) throw new BadDownloadParameter(malformed);
  const problems: string[] = [];
  const filter = coerceInputValue(normalizeText(parsed), filterType, (path, _value, error) => {
    // No "Did you mean …?": it would name the schema's values, which production does not show.
    const message = error.message.replace(/\s*Did you mean .*$/s, '');
    problems.push(path.length ? `filter.${path.join('.')}: ${message}` : message);
  }) as InvoicesFilter;
  if (problems.length) throw new BadDownloadParameter(problems.join(' '));
  return filter;
}

/** Integer cents → exact decimal text with two places, in SQL numeric (never a float): 135313 → 1353.13. */
export const money = (cents: string) => `round(${cents}::numeric / 100, 2)`;

/** COPY takes no bind parameters: each `?` becomes a literal quoted by pg itself. */
export function inline(sql: string, params: unknown[]): string {
  let i = 0;
  return sql.replace(/\?/g, () => pg.escapeLiteral(String(params[i++])));
}

/**
 * The invoices CSV for `filter`, as a download to run (DownloadRunner): every matching invoice,
 * then a totals row. Building it validates the filter's values (throws BAD_USER_INPUT), so a bad
 * one is answered before the download takes a connection or writes a byte.
 *
 * PostgreSQL writes the rows itself (COPY … TO STDOUT WITH CSV, RFC 4180 quoting) and they are piped
 * to the response with backpressure, so memory stays flat whatever the size and Node never parses a
 * row: at a million rows this is ~10× the throughput of decoding rows and re-encoding them in
 * JavaScript. Text cells go through csvTextSql (no spreadsheet formulas). The totals row comes from
 * the same REPEATABLE READ snapshot, so it always equals the rows above it; it is written with
 * csv-stringify. Each order's remaining balance is its remaining_cents in the
 * sales_order_figures view, joined on the order and the organization: one grouped pass over the
 * organization's lines, hashed (not a subquery per row: 1M subqueries took 90 s, PLANS.md).
 * Money is decimal text made from the integer cents; sums are BigInt.
 */
export function invoicesCsv(organizationId: string, filter: InvoicesFilter): (download: Download) => Promise<void> {
  const where = invoicesWhere(organizationId, filter); // throws BAD_USER_INPUT on bad values
  const rowsSql = inline(
    `select ${text('i.number')}, ${labelSql('i.kind', INVOICE_KIND_LABEL)}, i.invoice_date, i.due_date, ${labelSql('i.status', INVOICE_STATUS_LABEL)},
            ${text('c.name')}, ${text('p.number')}, ${text('so.number')},
            ${money('i.subtotal_cents')}, ${money('i.tax_cents')}, ${money('i.total_cents')}, ${money('i.paid_cents')},
            ${money('i.deposit_applied_cents')}, ${money('i.credited_cents')}, ${money('i.refunded_cents')},
            ${money(balanceSql('i'))}, ${money('f.remaining_cents')}
     from ${INVOICES_FROM}
     join sales_order_figures f on f.sales_order_id = so.id and f.organization_id = ?
     where ${where.sql} order by ${INVOICES_ORDER}`,
    [organizationId, ...where.params],
  );
  const totalsSql = inline(
    `select count(*) as count, coalesce(sum(i.subtotal_cents), 0) as subtotal, coalesce(sum(i.tax_cents), 0) as tax,
            coalesce(sum(i.total_cents), 0) as total, coalesce(sum(i.paid_cents), 0) as paid,
            coalesce(sum(i.deposit_applied_cents), 0) as applied, coalesce(sum(i.credited_cents), 0) as credited,
            coalesce(sum(i.refunded_cents), 0) as refunded, coalesce(sum(${balanceSql('i')}), 0) as balance
     from ${where.from} where ${where.sql}`,
    where.params,
  );
  return async (download) => {
    download.begin('invoices.csv', 'text/csv; charset=utf-8');
    await download.write(stringify([HEADER.map(csvText)]));
    await download.copyCsv(rowsSql);
    type Sums = Record<'count' | 'subtotal' | 'tax' | 'total' | 'paid' | 'applied' | 'credited' | 'refunded' | 'balance', string>;
    const t = must((await download.query<Sums>(totalsSql))[0], 'the totals row');
    const sums = (['subtotal', 'tax', 'total', 'paid', 'applied', 'credited', 'refunded', 'balance'] as const).map((k) => dec(BigInt(t[k])));
    download.end(stringify([[csvText(`TOTAL (${t.count} documents)`), '', '', '', '', '', '', '', ...sums, '']]));
  };
}

export function dec(cents: bigint): string {
  // centsToDecimal works on safe integers; sums beyond that are formatted from the BigInt directly.
  if (cents <= BigInt(Number.MAX_SAFE_INTEGER) && cents >= -BigInt(Number.MAX_SAFE_INTEGER)) return centsToDecimal(Number(cents));
  const sign = cents < 0n ? '-' : '';
  const abs = cents < 0n ? -cents : cents;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}
