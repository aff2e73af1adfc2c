import type { EntityManager } from '@mikro-orm/postgresql';
import { Field, Int, ObjectType } from 'type-graphql';
import { must } from '../common/must.js';
import { PageInfo, page } from '../common/pagination.js';
import { SafeIntScalar } from '../common/scalars.js';
import { Invoice } from '../modules/invoice/invoice.entity.js';
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

export async function invoicesReport(em: EntityManager, organizationId: string, filter: InvoicesFilter | null | undefined, size: number, after: string | null | undefined): Promise<InvoicesReport> {
  const where = invoicesWhere(organizationId, filter);
  const cursor = invoicesAfter(after);
  const rollup = rollupTotals(organizationId, filter);
  const conn = em.getConnection();
  const [rows, totalRows] = await Promise.all([
    // Whole invoice rows, mapped to managed entities below: no second query to load the page.
    conn.execute<Record<string, unknown>[]>(
      `select i.* from ${where.from} where ${where.sql}${cursor ? ` and ${cursor.sql}` : ''} order by ${INVOICES_ORDER} limit ?`,
      [...where.params, ...(cursor?.params ?? []), size + 1],
    ),
    rollup
      ? conn.execute<Record<string, string>[]>(rollup.sql, rollup.params)
      : conn.execute<Record<string, string>[]>(
          `select count(*) as count, coalesce(sum(i.subtotal_cents), 0) as subtotal, coalesce(sum(i.tax_cents), 0) as tax,
                  coalesce(sum(i.total_cents), 0) as total, coalesce(sum(i.paid_cents), 0) as paid, coalesce(sum(${balanceSql('i')}), 0) as balance
           from ${where.from} where ${where.sql}`,
          where.params,
        ),
  ]);
  const totals = must(totalRows[0], 'the totals row');
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
  return rows.map((r) => factory.create(Invoice, em.getDriver().mapResult(r, meta)!, { merge: true, newEntity: false, convertCustomTypes: true }));
}

/** A `date` column as the driver returns it (text, or a Date at UTC midnight) → YYYY-MM-DD. */
function dateText(v: unknown): string {
  return v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
}
