import { agingBounds, centsToDecimal, todayUtc } from '@baton/domain';
import type { EntityManager } from '@mikro-orm/postgresql';
import { stringify } from 'csv-stringify/sync';
import DataLoader from 'dataloader';
import pg from 'pg';
import { Ctx, Field, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import type { Context } from '../common/context.js';
import type { Download } from '../common/download-runner.js';
import type { LoaderScope } from '../common/loaders.js';
import { DateScalar, SafeIntScalar } from '../common/scalars.js';
import { Client } from '../modules/client/client.entity.js';
import { Invoice } from '../modules/invoice/invoice.entity.js';
import { csvText } from './csv-cells.js';
import { balanceSql } from './invoices-report.sql.js';

// Row types are plain data (no field resolvers, no @Authorized, no middlewares): simpleResolvers lets
// graphql-js read their properties directly. AgingRow's invoices have a resolver: it is not simple.
@ObjectType({ simpleResolvers: true })
export class AgingBuckets {
  @Field(() => SafeIntScalar, { description: 'not yet due' }) currentCents!: number;
  @Field(() => SafeIntScalar) days1To30Cents!: number;
  @Field(() => SafeIntScalar) days31To60Cents!: number;
  @Field(() => SafeIntScalar) days61To90Cents!: number;
  @Field(() => SafeIntScalar) over90Cents!: number;
  @Field(() => SafeIntScalar) totalCents!: number;
}

@ObjectType()
export class AgingRow {
  @Field(() => Client) client!: Client;
  @Field(() => AgingBuckets) buckets!: AgingBuckets;
}

@ObjectType({ simpleResolvers: true })
export class ReceivablesAging {
  @Field(() => DateScalar) asOf!: string;
  @Field(() => [AgingRow], { description: 'clients with a positive total, largest total first' }) rows!: AgingRow[];
  @Field(() => AgingBuckets) totals!: AgingBuckets;
  @Field(() => [Invoice], { description: 'invoices with a balance below 0, listed apart' }) refundsOwed!: Invoice[];
  @Field({ description: 'same-origin path that downloads the aging as CSV' }) csvUrl!: string;
}

/**
 * The receivables (DOMAIN.md, "Reports: receivables aging"; @baton/domain's agesAsReceivable):
 * standard and deposit invoices sent or exported with a positive balance. Served by
 * invoice_receivable_idx, a partial index over exactly these rows (paid invoices are not in it).
 */
export const RECEIVABLE_SQL = `i.status in ('SENT_TO_CLIENT', 'EXPORTED') and i.kind in ('STANDARD', 'DEPOSIT') and ${balanceSql('i')} > 0`;

/** Business alerts' overdueInvoices (@baton/domain's isOverdue): receivables due before today. Parameters: organization, today. */
export const OVERDUE_COUNT_SQL = `select count(*) from invoice i where i.organization_id = ? and ${RECEIVABLE_SQL} and i.due_date < ?::date`;

/**
 * Each client's receivables summed into buckets, and (client_id null) the totals, in one grouped
 * pass: the bucket of a due date is decided by @baton/domain's agingBounds (equal to agingBucket),
 * money summed as bigint. Parameters: the four bounds, then the organization.
 */
const BUCKETS_SQL = `select i.client_id,
    coalesce(sum(${balanceSql('i')}) filter (where i.due_date >= ?::date), 0)::text as current,
    coalesce(sum(${balanceSql('i')}) filter (where i.due_date < ?::date and i.due_date >= ?::date), 0)::text as d30,
    coalesce(sum(${balanceSql('i')}) filter (where i.due_date < ?::date and i.due_date >= ?::date), 0)::text as d60,
    coalesce(sum(${balanceSql('i')}) filter (where i.due_date < ?::date and i.due_date >= ?::date), 0)::text as d90,
    coalesce(sum(${balanceSql('i')}) filter (where i.due_date < ?::date), 0)::text as over,
    coalesce(sum(${balanceSql('i')}), 0)::text as total
  from invoice i where i.organization_id = ? and ${RECEIVABLE_SQL}
  group by grouping sets ((i.client_id), ())`;

function bucketParams(asOf: string): string[] {
  const b = agingBounds(asOf);
  return [b.current, b.current, b.days1To30, b.days1To30, b.days31To60, b.days31To60, b.days61To90, b.days61To90];
}

type BucketRow = Record<'current' | 'd30' | 'd60' | 'd90' | 'over' | 'total', string> & { client_id: string | null };

function bucketsOf(r: BucketRow | undefined): AgingBuckets {
  if (!r) return { currentCents: 0, days1To30Cents: 0, days31To60Cents: 0, days61To90Cents: 0, over90Cents: 0, totalCents: 0 };
  return {
    currentCents: Number(r.current),
    days1To30Cents: Number(r.d30),
    days31To60Cents: Number(r.d60),
    days61To90Cents: Number(r.d90),
    over90Cents: Number(r.over),
    totalCents: Number(r.total),
  };
}

/** Client rows with a positive total, largest first (then by client id, a total order); and the totals row. */
function splitRows(rows: BucketRow[]): { clients: { clientId: string; buckets: AgingBuckets }[]; totals: AgingBuckets } {
  const clients = rows
    .flatMap((r) => (r.client_id ? [{ clientId: r.client_id, buckets: bucketsOf(r) }] : []))
    .filter((c) => c.buckets.totalCents > 0)
    .sort((a, b) => b.buckets.totalCents - a.buckets.totalCents || a.clientId.localeCompare(b.clientId));
  return { clients, totals: bucketsOf(rows.find((r) => r.client_id === null)) };
}

export function agingCsvUrl(asOf: string | null | undefined): string {
  return asOf ? `/reports/aging.csv?filter=${Buffer.from(JSON.stringify({ asOf })).toString('base64url')}` : '/reports/aging.csv';
}

/**
 * Receivables aging at `asOf` (default today): the buckets per client and in total (one grouped
 * statement), the refunds owed (invoice_refund_owed_idx), the rows' clients; each row's invoices
 * come through receivablesOfClient, one statement for every row, and only when asked.
 */
export async function receivablesAging(em: EntityManager, organizationId: string, asOf: string | null | undefined): Promise<ReceivablesAging> {
  const at = asOf ?? todayUtc();
  const conn = em.getConnection();
  const [bucketRows, refunds] = await Promise.all([
    conn.execute<BucketRow[]>(BUCKETS_SQL, [...bucketParams(at), organizationId]),
    conn.execute<Record<string, unknown>[]>(
      `select i.* from invoice i where i.organization_id = ? and ${balanceSql('i')} < 0 order by i.due_date, length(i.number), i.number`,
      [organizationId],
    ),
  ]);
  const { clients, totals } = splitRows(bucketRows);
  const found = clients.length ? await em.find(Client, { id: { $in: clients.map((c) => c.clientId) } }) : [];
  const clientById = new Map(found.map((c) => [c.id, c]));
  return {
    asOf: at,
    rows: clients.flatMap((c) => {
      const client = clientById.get(c.clientId);
      return client ? [{ client, buckets: c.buckets }] : [];
    }),
    totals,
    refundsOwed: invoicesFromRows(em, refunds),
    csvUrl: agingCsvUrl(asOf),
  };
}

/** Each client's receivables, oldest due date first: one statement for a batch of clients (receivable index). */
export function receivablesOfClient({ em, organizationId }: LoaderScope) {
  return new DataLoader<string, Invoice[]>(async (clientIds) => {
    const rows = await em.getConnection().execute<Record<string, unknown>[]>(
      `select i.* from invoice i where i.organization_id = ? and i.client_id in (?) and ${RECEIVABLE_SQL} order by i.client_id, i.due_date, length(i.number), i.number`,
      [organizationId, clientIds],
    );
    const invoices = invoicesFromRows(em, rows);
    return clientIds.map((id) => invoices.filter((i) => i.client.id === id));
  });
}

@Resolver(() => AgingRow)
export class AgingRowResolver {
  @FieldResolver(() => [Invoice], { description: 'the invoices with a positive balance behind the row, oldest due date first' })
  invoices(@Root() row: AgingRow, @Ctx() ctx: Context): Promise<Invoice[]> {
    return ctx.loaders.get(receivablesOfClient).load(row.client.id);
  }
}

const HEADER = ['Client', 'Current', '1–30 days', '31–60 days', '61–90 days', 'Over 90 days', 'Total'];

/**
 * The aging CSV at `asOf`: one row per client (largest total first), then the totals row, money as
 * decimal text from the integer cents: the report's own grouped statement, in the download's snapshot.
 */
export function agingCsv(organizationId: string, asOf: string | null | undefined): (download: Download) => Promise<void> {
  const at = asOf ?? todayUtc();
  const params = [...bucketParams(at), organizationId];
  let n = 0;
  const sql = `select b.*, c.name as client_name from (${BUCKETS_SQL.replace(/\?/g, () => pg.escapeLiteral(String(params[n++])))}) b left join client c on c.id = b.client_id`;
  return async (download) => {
    download.begin(`receivables-aging-${at}.csv`, 'text/csv; charset=utf-8');
    const rows = await download.query<BucketRow & { client_name: string | null }>(sql);
    const names = new Map(rows.map((r) => [r.client_id, r.client_name ?? '']));
    const { clients, totals } = splitRows(rows);
    const money = (b: AgingBuckets) => [b.currentCents, b.days1To30Cents, b.days31To60Cents, b.days61To90Cents, b.over90Cents, b.totalCents].map(centsToDecimal);
    await download.write(stringify([HEADER.map(csvText), ...clients.map((c) => [csvText(names.get(c.clientId) ?? ''), ...money(c.buckets)])]));
    download.end(stringify([[csvText(`TOTAL (${clients.length} ${clients.length === 1 ? 'client' : 'clients'})`), ...money(totals)]]));
  };
}

/** Whole invoice rows as managed entities (as the invoices report maps its page). */
function invoicesFromRows(em: EntityManager, rows: Record<string, unknown>[]): Invoice[] {
  const meta = em.getMetadata().get<Invoice>(Invoice.name);
  const factory = em.getEntityFactory();
  return rows.map((r) => factory.create(Invoice, em.getDriver().mapResult(r, meta)!, { merge: true, newEntity: false, convertCustomTypes: true }));
}
