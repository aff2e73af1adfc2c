import type { EntityManager } from '@mikro-orm/postgresql';
import { Field, Int, ObjectType } from 'type-graphql';
import { PageInfo, page } from '../common/pagination.js';
import { SafeIntScalar } from '../common/scalars.js';
import { Invoice } from '../modules/invoice/invoice.entity.js';
import { INVOICES_FROM, INVOICES_ORDER, invoicesAfter, invoicesWhere, type InvoicesFilter } from './invoices-report.sql.js';

@ObjectType()
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

@ObjectType()
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
  const conn = em.getConnection();
  const [rows, [totals]] = await Promise.all([
    conn.execute<{ id: string; invoice_date: string; number: string }[]>(
      `select i.id, i.invoice_date, i.number from ${INVOICES_FROM} where ${where.sql}${cursor ? ` and ${cursor.sql}` : ''} order by ${INVOICES_ORDER} limit ?`,
      [...where.params, ...(cursor?.params ?? []), size + 1],
    ),
    conn.execute<Record<string, string>[]>(
      `select count(*) as count, coalesce(sum(i.subtotal_cents), 0) as subtotal, coalesce(sum(i.tax_cents), 0) as tax,
              coalesce(sum(i.total_cents), 0) as total, coalesce(sum(i.paid_cents), 0) as paid
       from ${INVOICES_FROM} where ${where.sql}`,
      where.params,
    ),
  ]);
  const { nodes, pageInfo } = page(rows, size, (r) => [r.invoice_date, r.number]);
  const entities = nodes.length ? await em.find(Invoice, { id: { $in: nodes.map((r) => r.id) } }) : [];
  const byId = new Map(entities.map((i) => [i.id, i]));
  const t = { count: Number(totals.count), subtotalCents: Number(totals.subtotal), taxCents: Number(totals.tax), totalCents: Number(totals.total), paidCents: Number(totals.paid) };
  return {
    nodes: nodes.map((r) => byId.get(r.id)!),
    pageInfo,
    totalCount: t.count,
    totals: { ...t, balanceCents: t.totalCents - t.paidCents },
    csvUrl: csvUrlFor(filter),
  };
}
