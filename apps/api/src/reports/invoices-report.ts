import type { EntityManager } from '@mikro-orm/postgresql';
import { Field, Int, ObjectType } from 'type-graphql';
import { must } from '../common/must.js';
import { readRows } from '../common/prepared.js';
import { dateText, rowOf } from '../common/rows.js';
import { PageInfo, page } from '../common/pagination.js';
import { SafeIntScalar } from '../common/scalars.js';
import { Client } from '../modules/client/client.entity.js';
import { Invoice } from '../modules/invoice/invoice.entity.js';
import { Project } from '../modules/project/project.entity.js';
import { orderFiguresOf } from '../modules/sales-order/sales-order.loaders.js';
import { SalesOrder } from '../modules/sales-order/sales-order.entity.js';
import { balanceSql, INVOICES_ORDER, invoicesAfter, invoicesWhere, rollupTotals, type InvoicesFilter } from './invoices-report.sql.js';

// Row types are plain data (no field resolvers, no @Authorized, no middlewares): simpleResolvers lets
// graphql-js read their properties directly. A field that needs auth or a resolver must drop it.
@ObjectType({ simpleResolvers: true })
export class InvoiceTotals {
  @Field(() => Int)
  count!: number;

  @Field(() => SafeIntScalar)
  subtotalCents!: number;

  @Field(() => SafeIntScalar)
  taxCents!: number;

  @Field(() => SafeIntScalar)
  totalCents!: number;

  @Field(() => SafeIntScalar)
  paidCents!: number;

  @Field(() => SafeIntScalar)
  balanceCents!: number;
}

@ObjectType({ simpleResolvers: true })
export class InvoicesReport {
  @Field(() => [Invoice], { description: 'newest invoice date first, then number' })
  nodes!: Invoice[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int)
  totalCount!: number;

  @Field(() => InvoiceTotals, { description: 'over every row matching the filter, not only this page' })
  totals!: InvoiceTotals;

  @Field({ description: 'same-origin path that streams every matching row as CSV' })
  csvUrl!: string;
}

export function csvUrlFor(filter: InvoicesFilter | null | undefined): string {
  const f = Object.fromEntries(Object.entries(filter ?? {}).filter(([, v]) => v != null && !(Array.isArray(v) && v.length === 0)));
  return Object.keys(f).length ? `/reports/invoices.csv?filter=${Buffer.from(JSON.stringify(f)).toString('base64url')}` : '/reports/invoices.csv';
}

/** Which parts of the report the query selected: nothing is read that no field asks for. */
export interface ReportWants {
  /** nodes or pageInfo */
  rows: boolean;
  /** totals or totalCount */
  totals: boolean;
  /** the rows' client, project and sales order (read with the rows, so their look-ups cost no statement) */
  client: boolean;
  project: boolean;
  salesOrder: boolean;
  /** the sales order's figures (from sales_order_figures, with the rows) */
  orderFigures: boolean;
}

export const WANTS_ALL: ReportWants = { rows: true, totals: true, client: true, project: true, salesOrder: true, orderFigures: true };

const ZERO = { count: '0', subtotal: '0', tax: '0', total: '0', paid: '0', balance: '0' };

/**
 * The page, its totals and the rows' client and sales order in ONE statement (one round trip): the
 * totals (from the rollup when the filter allows, else over the matching rows) left-joined with the
 * page's rows in report order; the client, project and sales order of each row come as JSON and are
 * served as plain read rows (no entities), so the field resolvers find them with the row.
 */
export async function invoicesReport(em: EntityManager, organizationId: string, filter: InvoicesFilter | null | undefined, size: number, after: string | null | undefined, wants: ReportWants = WANTS_ALL): Promise<InvoicesReport> {
  const where = invoicesWhere(organizationId, filter);
  const cursor = invoicesAfter(after);
  const rollup = rollupTotals(organizationId, filter);
  const totalsSql = rollup ?? {
    sql: `select count(*) as count, coalesce(sum(i.subtotal_cents), 0) as subtotal, coalesce(sum(i.tax_cents), 0) as tax,
                 coalesce(sum(i.total_cents), 0) as total, coalesce(sum(i.paid_cents), 0) as paid, coalesce(sum(${balanceSql('i')}), 0) as balance
          from ${where.from} where ${where.sql}`,
    params: where.params,
  };
  const related = [
    wants.client ? `(select to_jsonb(c) from client c where c.id = page.client_id) as "__client"` : null,
    wants.project ? `(select to_jsonb(p) from project p where p.id = page.project_id) as "__project"` : null,
    wants.salesOrder ? `(select to_jsonb(so) from sales_order so where so.id = page.sales_order_id) as "__sales_order"` : null,
    wants.salesOrder && wants.orderFigures ? `(select to_jsonb(f) from sales_order_figures f where f.sales_order_id = page.sales_order_id) as "__figures"` : null,
  ].filter(Boolean);
  const rowsSql = `select i.* from ${where.from} where ${where.sql}${cursor ? ` and ${cursor.sql}` : ''} order by ${INVOICES_ORDER} limit ?`;
  const rowsParams = [...where.params, ...(cursor?.params ?? []), size + 1];
  let rows: Record<string, unknown>[] = [];
  let totals: Record<string, string> = ZERO;
  if (wants.rows && wants.totals) {
    const all = await readRows<Record<string, unknown>>(em,
      `with t as (${totalsSql.sql}), page as (${rowsSql})
       select page.*${related.map((r) => `, ${r}`).join('')}, t.count as "__count", t.subtotal as "__subtotal", t.tax as "__tax", t.total as "__total", t.paid as "__paid", t.balance as "__balance"
       from t left join page on true
       order by page.invoice_date desc, length(page.number) desc, page.number desc`,
      [...totalsSql.params, ...rowsParams],
    );
    const first = must(all[0], 'the totals row');
    totals = { count: String(first.__count), subtotal: String(first.__subtotal), tax: String(first.__tax), total: String(first.__total), paid: String(first.__paid), balance: String(first.__balance) };
    rows = all.filter((r) => r.id != null);
  } else if (wants.rows) {
    rows = await readRows<Record<string, unknown>>(em, `select page.*${related.map((r) => `, ${r}`).join('')} from (${rowsSql}) page order by page.invoice_date desc, length(page.number) desc, page.number desc`, rowsParams);
  } else if (wants.totals) {
    totals = must((await readRows<Record<string, string>>(em, totalsSql.sql, totalsSql.params))[0], 'the totals row');
  }
  const { nodes, pageInfo } = page(rows, size, (r) => [dateText(r.invoice_date), r.number as string]);
  const t = {
    count: Number(totals.count),
    subtotalCents: Number(totals.subtotal),
    taxCents: Number(totals.tax),
    totalCents: Number(totals.total),
    paidCents: Number(totals.paid),
    balanceCents: Number(totals.balance),
  };
  return {
    nodes: invoicesFromRows(em, nodes, wants),
    pageInfo,
    totalCount: t.count,
    totals: t,
    csvUrl: csvUrlFor(filter),
  };
}

/**
 * The page's rows as plain read rows (common/rows.ts), not entities: no identity map, no merge. The
 * rows' client, project and sales order (with its figures from sales_order_figures) come as JSON
 * from the same statement when the query asks for them; their field resolvers read them from the row.
 */
function invoicesFromRows(em: EntityManager, rows: Record<string, unknown>[], wants: ReportWants): Invoice[] {
  const clients = new Map<string, Client>();
  const projects = new Map<string, Project>();
  const orders = new Map<string, SalesOrder>();
  const once = <T extends object>(seen: Map<string, T>, value: unknown, make: (v: Record<string, unknown>) => T): T | null => {
    const v = value as Record<string, unknown> | null | undefined;
    if (!v?.id) return null;
    let known = seen.get(v.id as string);
    if (!known) seen.set(v.id as string, (known = make(v)));
    return known;
  };
  return rows.map((r) => {
    const related: Record<string, object | null> = {};
    if (wants.client) related.client = once(clients, r.__client, (v) => rowOf(em, Client, v));
    if (wants.project) related.project = once(projects, r.__project, (v) => rowOf(em, Project, v));
    if (wants.salesOrder) related.salesOrder = once(orders, r.__sales_order, (v) => rowOf(em, SalesOrder, v, {}, wants.orderFigures ? orderFiguresOf(r.__figures as Record<string, unknown>) : undefined));
    return rowOf(em, Invoice, r, related);
  });
}

