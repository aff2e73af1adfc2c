import { AGING_BUCKETS, agingBucket, centsToDecimal, todayUtc, type AgingBucket } from '@baton/domain';
import type { EntityManager } from '@mikro-orm/postgresql';
import { stringify } from 'csv-stringify/sync';
import pg from 'pg';
import { Field, ObjectType } from 'type-graphql';
import type { Download } from '../common/download-runner.js';
import { DateScalar, SafeIntScalar } from '../common/scalars.js';
import { Client } from '../modules/client/client.entity.js';
import { Invoice } from '../modules/invoice/invoice.entity.js';
import { csvText } from './csv-cells.js';
import { balanceSql } from './invoices-report.sql.js';

// Row types are plain data (no field resolvers, no @Authorized, no middlewares): simpleResolvers lets
// graphql-js read their properties directly.
@ObjectType({ simpleResolvers: true })
export class AgingBuckets {
  @Field(() => SafeIntScalar, { description: 'not yet due' }) currentCents!: number;
  @Field(() => SafeIntScalar) days1To30Cents!: number;
  @Field(() => SafeIntScalar) days31To60Cents!: number;
  @Field(() => SafeIntScalar) days61To90Cents!: number;
  @Field(() => SafeIntScalar) over90Cents!: number;
  @Field(() => SafeIntScalar) totalCents!: number;
}

@ObjectType({ simpleResolvers: true })
export class AgingRow {
  @Field(() => Client) client!: Client;
  @Field(() => AgingBuckets) buckets!: AgingBuckets;
  @Field(() => [Invoice], { description: 'the invoices with a positive balance behind the row, oldest due date first' }) invoices!: Invoice[];
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
 * The receivables (DOMAIN.md, "Reports: receivables aging"): standard and deposit invoices sent or
 * exported with a positive balance. Served by invoice_receivable_idx, a partial index over exactly
 * these rows (paid invoices are not in it), so the report reads only what is owed.
 */
export const RECEIVABLE_SQL = `i.status in ('SENT_TO_CLIENT', 'EXPORTED') and i.kind in ('STANDARD', 'DEPOSIT') and ${balanceSql('i')} > 0`;

/** Business alerts' overdueInvoices (@baton/domain's isOverdue): receivables due before today. Parameters: organization, today. */
export const OVERDUE_COUNT_SQL = `select count(*) from invoice i where i.organization_id = ? and ${RECEIVABLE_SQL} and i.due_date < ?::date`;

const RECEIVABLES = `select i.*, ${balanceSql('i')} as balance from invoice i where i.organization_id = ? and ${RECEIVABLE_SQL}
  order by i.client_id, i.due_date, length(i.number), i.number`;
/** Refunds owed: every invoice with a balance below 0, whatever its status (invoice_refund_owed_idx). */
const REFUNDS_OWED = `select i.*, ${balanceSql('i')} as balance from invoice i where i.organization_id = ? and ${balanceSql('i')} < 0
  order by i.due_date, length(i.number), i.number`;

const ZERO: AgingBuckets = { currentCents: 0, days1To30Cents: 0, days31To60Cents: 0, days61To90Cents: 0, over90Cents: 0, totalCents: 0 };

function add(b: AgingBuckets, bucket: AgingBucket, cents: number): AgingBuckets {
  const key = `${bucket}Cents` as keyof AgingBuckets;
  return { ...b, [key]: b[key] + cents, totalCents: b.totalCents + cents };
}

/** One client's receivables summed into buckets at `asOf` (@baton/domain's agingBucket). */
interface ClientAging {
  clientId: string;
  buckets: AgingBuckets;
}

/** Rows (client id, due date, balance), ordered by client, into each client's buckets, largest total first; and the totals. */
function bucketsOf(rows: readonly { client_id: string; due_date: unknown; balance: unknown }[], asOf: string): { clients: ClientAging[]; totals: AgingBuckets } {
  const byClient = new Map<string, AgingBuckets>();
  let totals = ZERO;
  for (const r of rows) {
    const bucket = agingBucket(dateText(r.due_date), asOf);
    const cents = Number(r.balance);
    byClient.set(r.client_id, add(byClient.get(r.client_id) ?? ZERO, bucket, cents));
    totals = add(totals, bucket, cents);
  }
  const clients = [...byClient].map(([clientId, buckets]) => ({ clientId, buckets })).filter((c) => c.buckets.totalCents > 0);
  clients.sort((a, b) => b.buckets.totalCents - a.buckets.totalCents || a.clientId.localeCompare(b.clientId));
  return { clients, totals };
}

export function agingCsvUrl(asOf: string | null | undefined): string {
  return asOf ? `/reports/aging.csv?filter=${Buffer.from(JSON.stringify({ asOf })).toString('base64url')}` : '/reports/aging.csv';
}

/** Receivables aging at `asOf` (default today): two statements (what is owed; refunds owed), then the clients of the rows. */
export async function receivablesAging(em: EntityManager, organizationId: string, asOf: string | null | undefined): Promise<ReceivablesAging> {
  const at = asOf ?? todayUtc();
  const conn = em.getConnection();
  const [owed, refunds] = await Promise.all([
    conn.execute<Record<string, unknown>[]>(RECEIVABLES, [organizationId]),
    conn.execute<Record<string, unknown>[]>(REFUNDS_OWED, [organizationId]),
  ]);
  const { clients, totals } = bucketsOf(owed as { client_id: string; due_date: unknown; balance: unknown }[], at);
  const invoices = invoicesFromRows(em, owed);
  const found = clients.length ? await em.find(Client, { id: { $in: clients.map((c) => c.clientId) } }) : [];
  const clientById = new Map(found.map((c) => [c.id, c]));
  const invoicesOfClient = new Map<string, Invoice[]>();
  for (const i of invoices) invoicesOfClient.set(i.client.id, [...(invoicesOfClient.get(i.client.id) ?? []), i]);
  return {
    asOf: at,
    rows: clients.flatMap((c) => {
      const client = clientById.get(c.clientId);
      return client ? [{ client, buckets: c.buckets, invoices: invoicesOfClient.get(c.clientId) ?? [] }] : [];
    }),
    totals,
    refundsOwed: invoicesFromRows(em, refunds),
    csvUrl: agingCsvUrl(asOf),
  };
}

const HEADER = ['Client', 'Current', '1–30 days', '31–60 days', '61–90 days', 'Over 90 days', 'Total'];

/**
 * The aging CSV at `asOf`: one row per client (largest total first), then the totals row, money as
 * decimal text from the integer cents. The same buckets as the report (one bucketsOf), read in the
 * download's own snapshot.
 */
export function agingCsv(organizationId: string, asOf: string | null | undefined): (download: Download) => Promise<void> {
  const at = asOf ?? todayUtc();
  const sql = `select i.client_id, i.due_date, ${balanceSql('i')} as balance, c.name as client_name from invoice i join client c on c.id = i.client_id
    where i.organization_id = ${pg.escapeLiteral(organizationId)} and ${RECEIVABLE_SQL} order by i.client_id, i.due_date`;
  return async (download) => {
    download.begin(`receivables-aging-${at}.csv`, 'text/csv; charset=utf-8');
    const rows = await download.query<{ client_id: string; due_date: unknown; balance: string; client_name: string }>(sql);
    const names = new Map(rows.map((r) => [r.client_id, r.client_name]));
    const { clients, totals } = bucketsOf(rows, at);
    const money = (b: AgingBuckets) => [...AGING_BUCKETS.map((k) => centsToDecimal(b[`${k}Cents` as keyof AgingBuckets])), centsToDecimal(b.totalCents)];
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

function dateText(v: unknown): string {
  return v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
}
