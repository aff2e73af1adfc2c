import { checkDateRange, type InvoiceKind, type InvoiceStatus } from '@baton/domain';
import { badUserInput } from '../common/errors.js';
import { isId } from '../common/ids.js';
import { decodeCursor, likePattern } from '../common/pagination.js';

/** The contract's InvoicesReportFilter, as plain data (also the CSV link's query). */
export interface InvoicesFilter {
  from?: string | null;
  to?: string | null;
  statuses?: InvoiceStatus[] | null;
  clientId?: string | null;
  projectId?: string | null;
  orderRepId?: string | null;
  search?: string | null;
  withRemainingBalance?: boolean | null;
  kinds?: InvoiceKind[] | null;
}

/** The kinds the report lists when none are named: invoices and credit memos (deposits are billed ahead and only listed when named). */
export const DEFAULT_KINDS: readonly InvoiceKind[] = ['STANDARD', 'CREDIT_MEMO'];

/**
 * A document's balance (DOMAIN.md, "Money"; @baton/domain's balanceOf): total − paid − deposit applied
 * − credited + refunded; a credit memo's is 0. The same formula is the rollup trigger's
 * (Migration20261207090000) and is held equal to balanceOf by test/api/reports/figures-views.test.ts.
 */
export function balanceSql(i: string): string {
  return `(case when ${i}.kind = 'CREDIT_MEMO' then 0 else ${i}.total_cents - ${i}.paid_cents - ${i}.deposit_applied_cents - ${i}.credited_cents + ${i}.refunded_cents end)`;
}

function kindsOf(f: InvoicesFilter): readonly InvoiceKind[] {
  return f.kinds?.length ? f.kinds : DEFAULT_KINDS;
}

/**
 * What remains to invoice on the row's sales order `so`, tax included: its remaining_cents in the
 * sales_order_figures view (the one definition, equal to orderFigures). Correlated on so.id, the qual
 * reaches the view's grouping, so each order's lines are read by index, once per order.
 */
export const REMAINING_CENTS_SQL = `(select f.remaining_cents from sales_order_figures f where f.sales_order_id = so.id)`;

/**
 * The WHERE clause shared by the page, the totals and the CSV (one definition, so the three always
 * agree). VOID invoices appear only when the status filter names VOID.
 *
 * Served by invoice_report_order_idx (organization_id, invoice_date desc, length(number) desc,
 * number desc): a page is an index scan in report order that stops after first + 1 rows; filters
 * on client/project use their own indexes. Plans at a million invoices: PLANS.md.
 *
 * `from` joins the sales order, project and client only when a filter reads them (the joins are
 * on not-null foreign keys, so they never change which invoices match; they only cost time).
 */
export function invoicesWhere(organizationId: string, filter: InvoicesFilter | null | undefined): { sql: string; params: unknown[]; from: string } {
  const where = ['i.organization_id = ?'];
  const params: unknown[] = [organizationId];
  const f = filter ?? {};
  for (const [name, value] of [['from', f.from], ['to', f.to]] as const) {
    if (value != null && !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw badUserInput(`The ${name === 'from' ? 'start' : 'end'} date is not a calendar date.`);
  }
  const range = checkDateRange(f.from, f.to)[0];
  if (range) throw badUserInput(range.message);
  if (f.from) {
    where.push('i.invoice_date >= ?');
    params.push(f.from);
  }
  if (f.to) {
    where.push('i.invoice_date <= ?');
    params.push(f.to);
  }
  if (f.statuses?.length) {
    where.push(`i.status in (${f.statuses.map(() => '?').join(', ')})`);
    params.push(...f.statuses);
  } else {
    where.push(`i.status <> 'VOID'`);
  }
  const kinds = kindsOf(f);
  where.push(`i.kind in (${kinds.map(() => '?').join(', ')})`);
  params.push(...kinds);
  for (const [column, value, name] of [['i.client_id', f.clientId, 'clientId'], ['i.project_id', f.projectId, 'projectId'], ['p.order_rep_id', f.orderRepId, 'orderRepId']] as const) {
    if (value == null) continue;
    if (!isId(value)) throw badUserInput(`${name} is not a valid id.`);
    where.push(`${column} = ?`);
    params.push(value);
  }
  const search = f.search?.trim();
  if (search) {
    const like = likePattern(search);
    where.push('(i.number ilike ? or so.number ilike ? or p.number ilike ? or c.name ilike ?)');
    params.push(like, like, like, like);
  }
  if (f.withRemainingBalance) where.push(`${REMAINING_CENTS_SQL} > 0`);
  const from = search ? INVOICES_FROM : `invoice i${f.withRemainingBalance ? ' join sales_order so on so.id = i.sales_order_id' : ''}${f.orderRepId != null ? ' join project p on p.id = i.project_id' : ''}`;
  return { sql: where.join(' and '), params, from };
}

/**
 * Totals from the rollup (invoice_day_total, kept by a trigger in the invoice's own transaction)
 * when the filter names only dates and statuses: a few rows per day instead of every invoice.
 * Null when another filter applies (those are narrow and served by their own indexes).
 */
export function rollupTotals(organizationId: string, filter: InvoicesFilter | null | undefined): { sql: string; params: unknown[] } | null {
  const f = filter ?? {};
  if (f.clientId != null || f.projectId != null || f.orderRepId != null || f.search?.trim() || f.withRemainingBalance) return null;
  const where = ['organization_id = ?'];
  const params: unknown[] = [organizationId];
  if (f.from) {
    where.push('invoice_date >= ?');
    params.push(f.from);
  }
  if (f.to) {
    where.push('invoice_date <= ?');
    params.push(f.to);
  }
  if (f.statuses?.length) {
    where.push(`status in (${f.statuses.map(() => '?').join(', ')})`);
    params.push(...f.statuses);
  } else {
    where.push(`status <> 'VOID'`);
  }
  const kinds = kindsOf(f);
  where.push(`kind in (${kinds.map(() => '?').join(', ')})`);
  params.push(...kinds);
  return {
    sql: `select coalesce(sum(invoices), 0) as count, coalesce(sum(subtotal_cents), 0) as subtotal, coalesce(sum(tax_cents), 0) as tax,
                 coalesce(sum(total_cents), 0) as total, coalesce(sum(paid_cents), 0) as paid, coalesce(sum(balance_cents), 0) as balance
          from invoice_day_total where ${where.join(' and ')}`,
    params,
  };
}

export const INVOICES_FROM = `invoice i
  join sales_order so on so.id = i.sales_order_id
  join project p on p.id = i.project_id
  join client c on c.id = i.client_id`;

/** Newest invoice date first, then number descending (INV-10000 after INV-9999: longer is larger). */
export const INVOICES_ORDER = 'i.invoice_date desc, length(i.number) desc, i.number desc';

export function invoicesAfter(after: string | null | undefined): { sql: string; params: unknown[] } | null {
  const cursor = decodeCursor(after, ['string', 'string']);
  if (!cursor) return null;
  const [date, number] = cursor as [string, string];
  return {
    sql: '(i.invoice_date, length(i.number), i.number) < (?::date, length(?), ?)',
    params: [date, number, number],
  };
}
