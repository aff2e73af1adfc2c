import type { EntityManager } from '@mikro-orm/postgresql';
import { Field, Int, ObjectType } from 'type-graphql';
import { must } from '../common/must.js';
import { readRows } from '../common/prepared.js';
import { PageInfo, page } from '../common/pagination.js';
import { SafeIntScalar } from '../common/scalars.js';
import { Client } from '../modules/client/client.entity.js';
import { Invoice } from '../modules/invoice/invoice.entity.js';
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
  /** the rows' client and sales order (read with the rows, so their look-ups cost no statement) */
  client: boolean;
  salesOrder: boolean;
}

export const WANTS_ALL: ReportWants = { rows: true, totals: true, client: true, salesOrder: true };

const ZERO = { count: '0', subtotal: '0', tax: '0', total: '0', paid: '0', balance: '0' };

/**
 * The page, its totals and the rows' client and sales order in ONE statement (one round trip): the
 * totals (from the rollup when the filter allows, else over the matching rows) left-joined with the
 * page's rows in report order; the client and sales order of each row come as JSON and are mapped
 * into the request's identity map, so the field resolvers find them loaded.
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
    wants.salesOrder ? `(select to_jsonb(so) from sales_order so where so.id = page.sales_order_id) as "__sales_order"` : null,
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
    nodes: invoicesFromRows(em, nodes),
    pageInfo,
    totalCount: t.count,
    totals: t,
    csvUrl: csvUrlFor(filter),
  };
}

/**
 * Whole invoice rows as managed entities (their relations resolve through the ORM's dataloader).
 * Not em.map: it also re-validates every column and cascades a merge through every relation, which
 * made mapping a 50-row page cost three times what creating the entities does; rows read straight
 * from the table need neither.
 */
function invoicesFromRows(em: EntityManager, rows: Record<string, unknown>[]): Invoice[] {
  const meta = em.getMetadata().get<Invoice>(Invoice.name);
  const factory = em.getEntityFactory();
  const seen = new Set<string>();
  return rows.map((r) => {
    const { __client: client, __sales_order: salesOrder, __count, __subtotal, __tax, __total, __paid, __balance, ...row } = r;
    // The row's client and sales order, whole, into the identity map once each: their resolvers then
    // read them without a look-up (em.map converts the JSON's dates and numbers as the driver would).
    for (const [entity, value] of [[Client, client], [SalesOrder, salesOrder]] as const) {
      const v = value as { id?: string } | null | undefined;
      if (!v?.id || seen.has(v.id)) continue;
      seen.add(v.id);
      if (!em.getUnitOfWork().getById(entity.name, v.id)) em.map(entity as typeof Client, v as Record<string, unknown>);
    }
    return factory.create(Invoice, em.getDriver().mapResult(row, meta)!, { merge: true, newEntity: false, convertCustomTypes: true });
  });
}

/** A `date` column as the driver returns it (text, or a Date at UTC midnight) → YYYY-MM-DD. */
function dateText(v: unknown): string {
  return v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
}
