import { SalesOrderStatus } from '@baton/domain';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { badUserInput } from '../../common/errors.js';
import { isId } from '../../common/ids.js';
import { must } from '../../common/must.js';
import { decodeCursor, likePattern, page, PageInfo } from '../../common/pagination.js';
import { SafeIntScalar } from '../../common/scalars.js';
import { readRows } from '../../common/prepared.js';
import { dateText, rowOf } from '../../common/rows.js';
import { Client } from '../client/client.entity.js';
import { Project } from '../project/project.entity.js';
import { SalesOrder } from './sales-order.entity.js';
import { orderFiguresOf } from './sales-order.loaders.js';

@InputType()
export class SalesOrderFilter {
  @Field(() => [SalesOrderStatus], { nullable: true }) statuses?: SalesOrderStatus[] | null;
  @Field(() => ID, { nullable: true }) clientId?: string | null;
  @Field(() => ID, { nullable: true }) projectId?: string | null;
  @Field(() => ID, { nullable: true, description: 'order, production or invoicing rep of its project' }) repId?: string | null;
  @Field(() => String, { nullable: true, description: 'order, project or client' }) search?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'only orders with remainingCents > 0' }) withRemainingBalance?: boolean | null;
}

// Row types are plain data (no field resolvers, no @Authorized, no middlewares): simpleResolvers lets
// graphql-js read their properties directly.
@ObjectType({ simpleResolvers: true })
export class SalesOrderTotals {
  @Field(() => Int) count!: number;
  @Field(() => SafeIntScalar) totalCents!: number;
  @Field(() => SafeIntScalar) invoicedCents!: number;
  @Field(() => SafeIntScalar) remainingCents!: number;
  @Field(() => SafeIntScalar) readyToInvoiceCents!: number;
}

@ObjectType({ simpleResolvers: true })
export class SalesOrderConnection {
  @Field(() => [SalesOrder], { description: 'newest order date first, then number descending' }) nodes!: SalesOrder[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
  @Field(() => SalesOrderTotals, { description: 'over every matching order, not only this page' }) totals!: SalesOrderTotals;
  @Field({ description: 'same-origin path that downloads every matching order as CSV' }) csvUrl!: string;
}

export function salesOrdersCsvUrl(filter: SalesOrdersFilter | null | undefined): string {
  const f = Object.fromEntries(Object.entries(filter ?? {}).filter(([, v]) => v != null && !(Array.isArray(v) && v.length === 0)));
  return Object.keys(f).length ? `/reports/sales-orders.csv?filter=${Buffer.from(JSON.stringify(f)).toString('base64url')}` : '/reports/sales-orders.csv';
}

/** The contract's SalesOrderFilter as plain data (also the CSV link's query). */
export type SalesOrdersFilter = Pick<SalesOrderFilter, keyof SalesOrderFilter>;

/**
 * The WHERE clause shared by the page, the totals and the CSV (one definition, so they agree).
 * The page is served by sales_order_list_order_idx (organization_id, order_date desc,
 * length(number) desc, number desc): an index scan in list order that stops after first + 1 rows.
 * The project and client are joined only when a filter reads them (not-null foreign keys: the
 * joins never change which orders match). Plans: reports/PLANS.md, "Sales orders list".
 */
export function salesOrdersWhere(organizationId: string, filter: SalesOrdersFilter | null | undefined): { sql: string; params: unknown[]; from: string } {
  const f = filter ?? {};
  const where = ['so.organization_id = ?'];
  const params: unknown[] = [organizationId];
  if (f.statuses?.length) {
    where.push(`so.status in (${f.statuses.map(() => '?').join(', ')})`);
    params.push(...f.statuses);
  }
  for (const [column, value, name] of [['so.client_id', f.clientId, 'clientId'], ['so.project_id', f.projectId, 'projectId']] as const) {
    if (value == null) continue;
    if (!isId(value)) throw badUserInput(`${name} is not a valid id.`);
    where.push(`${column} = ?`);
    params.push(value);
  }
  if (f.repId != null) {
    if (!isId(f.repId)) throw badUserInput('repId is not a valid id.');
    where.push('(p.order_rep_id = ? or p.production_rep_id = ? or p.invoicing_rep_id = ?)');
    params.push(f.repId, f.repId, f.repId);
  }
  const search = f.search?.trim();
  if (search) {
    const like = likePattern(search);
    where.push('(so.number ilike ? or p.number ilike ? or p.name ilike ? or c.name ilike ?)');
    params.push(like, like, like, like);
  }
  // The one definition of remaining (the sales_order_figures view), read per order by its key.
  if (f.withRemainingBalance) where.push('(select f.remaining_cents from sales_order_figures f where f.sales_order_id = so.id) > 0');
  const joins = `${search || f.repId != null ? ' join project p on p.id = so.project_id' : ''}${search ? ' join client c on c.id = so.client_id' : ''}`;
  return { sql: where.join(' and '), params, from: `sales_order so${joins}` };
}

/** Newest order date first, then number descending (SO-10000 after SO-9999: longer is larger). */
export const SALES_ORDERS_ORDER = 'so.order_date desc, length(so.number) desc, so.number desc';

function salesOrdersAfter(after: string | null | undefined): { sql: string; params: unknown[] } | null {
  const cursor = decodeCursor(after, ['string', 'string']);
  if (!cursor) return null;
  const [date, number] = cursor as [string, string];
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw badUserInput('Malformed cursor: use an endCursor this API returned.');
  return { sql: '(so.order_date, length(so.number), so.number) < (?::date, length(?), ?)', params: [date, number, number] };
}

/** What the list's rows are asked for beyond their own columns: read with them, in the page's statement. */
export interface SalesOrderListWants {
  client: boolean;
  project: boolean;
  /** any of the order's figures (from sales_order_figures) */
  figures: boolean;
}

export const LIST_WANTS_ALL: SalesOrderListWants = { client: true, project: true, figures: true };

/**
 * One page of the sales orders list and its totals over every matching order: two statements,
 * whatever the page size. The rows are plain read rows (common/rows.ts), not entities: their
 * figures (sales_order_figures), client and project come as JSON with them when asked.
 */
export async function listSalesOrders(em: EntityManager, organizationId: string, filter: SalesOrdersFilter | null | undefined, size: number, after: string | null | undefined, wants: SalesOrderListWants = LIST_WANTS_ALL): Promise<SalesOrderConnection> {
  const where = salesOrdersWhere(organizationId, filter);
  const cursor = salesOrdersAfter(after);
  const conn = em.getConnection();
  const related = [
    wants.figures ? `(select to_jsonb(f) from sales_order_figures f where f.sales_order_id = page.id) as "__figures"` : null,
    wants.client ? `(select to_jsonb(c) from client c where c.id = page.client_id) as "__client"` : null,
    wants.project ? `(select to_jsonb(p) from project p where p.id = page.project_id) as "__project"` : null,
  ].filter(Boolean);
  const pageSql = `select so.* from ${where.from} where ${where.sql}${cursor ? ` and ${cursor.sql}` : ''} order by ${SALES_ORDERS_ORDER} limit ?`;
  const [rows, totalRows] = await Promise.all([
    readRows<Record<string, unknown>>(
      em,
      related.length ? `select page.*${related.map((r) => `, ${r}`).join('')} from (${pageSql}) page order by page.order_date desc, length(page.number) desc, page.number desc` : pageSql,
      [...where.params, ...(cursor?.params ?? []), size + 1],
    ),
    // The figures of every matching order from the one definition (sales_order_figures), summed as
    // bigint. Read per matching order (`offset 0` keeps the planner from flattening the lateral into
    // a join that aggregates every order of the organization first): a narrow filter reads only its
    // orders; PLANS.md, "Sales orders list totals".
    conn.execute<Record<string, string>[]>(
      `select count(*) as count, coalesce(sum(f.total_cents), 0)::text as total, coalesce(sum(f.invoiced_cents), 0)::text as invoiced,
              coalesce(sum(f.remaining_cents), 0)::text as remaining, coalesce(sum(f.ready_to_invoice_cents), 0)::text as ready
       from ${where.from} cross join lateral (select f.total_cents, f.invoiced_cents, f.remaining_cents, f.ready_to_invoice_cents
                                             from sales_order_figures f where f.sales_order_id = so.id offset 0) f
       where ${where.sql}`,
      where.params,
    ),
  ]);
  const t = must(totalRows[0], 'the totals row');
  const { nodes, pageInfo } = page(rows, size, (r) => [dateText(r.order_date), r.number as string]);
  const clients = new Map<string, Client>();
  const projects = new Map<string, Project>();
  const once = <T extends object>(seen: Map<string, T>, value: unknown, make: (v: Record<string, unknown>) => T): T | null => {
    const v = value as Record<string, unknown> | null | undefined;
    if (!v?.id) return null;
    let known = seen.get(v.id as string);
    if (!known) seen.set(v.id as string, (known = make(v)));
    return known;
  };
  const orders = nodes.map((r) => {
    const related: Record<string, object | null> = {};
    if (wants.client) related.client = once(clients, r.__client, (v) => rowOf(em, Client, v));
    if (wants.project) related.project = once(projects, r.__project, (v) => rowOf(em, Project, v));
    return rowOf(em, SalesOrder, r, related, wants.figures ? orderFiguresOf(r.__figures as Record<string, unknown> | null) : undefined);
  });
  const totals = {
    count: Number(t.count),
    totalCents: Number(t.total),
    invoicedCents: Number(t.invoiced),
    remainingCents: Number(t.remaining),
    readyToInvoiceCents: Number(t.ready),
  };
  return { nodes: orders, pageInfo, totalCount: totals.count, totals, csvUrl: salesOrdersCsvUrl(filter) };
}
