import type { FieldNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';
import { Arg, Ctx, Field, ID, Info, InputType, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { InvoiceKind, InvoiceStatus, todayUtc } from '@baton/domain';
import { invoicingQueueCountSql } from '../modules/sales-order/invoicing-queue.js';
import { ORDER_FIGURE_FIELDS } from '../modules/sales-order/sales-order.loaders.js';
import { OVERDUE_COUNT_SQL, ReceivablesAging, receivablesAging } from './receivables-aging.js';
import type { Context } from '../common/context.js';
import { viewerOf } from '../common/viewer.js';
import { must } from '../common/must.js';
import { Loaders } from '../common/loaders.js';
import { pageSize } from '../common/pagination.js';
import { DateScalar } from '../common/scalars.js';
import { InvoicesReport, invoicesReport, type ReportWants } from './invoices-report.js';
import { BackorderReport, backorderReport, inventoryReorderReport, orderBacklogByProduct, ProductBacklog, ReorderRow } from './stock-reports.js';

@InputType()
export class InvoicesReportFilter {
  @Field(() => DateScalar, { nullable: true, description: 'invoice date, inclusive' }) from?: string | null;
  @Field(() => DateScalar, { nullable: true }) to?: string | null;
  @Field(() => [InvoiceStatus], { nullable: true }) statuses?: InvoiceStatus[] | null;
  @Field(() => ID, { nullable: true }) clientId?: string | null;
  @Field(() => ID, { nullable: true }) projectId?: string | null;
  @Field(() => ID, { nullable: true }) orderRepId?: string | null;
  @Field(() => String, { nullable: true, description: 'invoice, sales order or project number, or client name' }) search?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'only invoices whose sales order still has remainingCents > 0' }) withRemainingBalance?: boolean | null;
  @Field(() => [InvoiceKind], { nullable: true, description: 'default: STANDARD and CREDIT_MEMO (deposits only when named)' }) kinds?: InvoiceKind[] | null;
}

@InputType()
export class BackorderReportFilter {
  @Field(() => ID, { nullable: true }) clientId?: string | null;
  @Field(() => ID, { nullable: true }) productId?: string | null;
  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'also partly fulfilled orders with backordered lines and no live invoice yet' })
  includeNotYetInvoiced?: boolean | null;
}

// Row types are plain data (no field resolvers, no @Authorized, no middlewares): simpleResolvers lets
// graphql-js read their properties directly. A field that needs auth or a resolver must drop it.
@ObjectType({ simpleResolvers: true })
export class BusinessAlerts {
  @Field(() => Int, { description: 'rows of the inventory reorder report' }) lowStock!: number;
  @Field(() => Int) backorderedOrders!: number;
  @Field(() => Int) problemPurchaseOrders!: number;
  @Field(() => Int) readyToInvoice!: number;
  @Field(() => Int) unreadNotifications!: number;
  @Field(() => Int, { description: "the viewer's" }) overdueFollowUps!: number;
  @Field(() => Int) overdueInvoices!: number;
}

/** The fields selected under `set` (through fragments), by name, with their own selections. */
function selected(info: GraphQLResolveInfo, sets: readonly (SelectionSetNode | undefined)[]): Map<string, FieldNode[]> {
  const out = new Map<string, FieldNode[]>();
  const walk = (set: SelectionSetNode | undefined) => {
    for (const sel of set?.selections ?? []) {
      if (sel.kind === 'Field') out.set(sel.name.value, [...(out.get(sel.name.value) ?? []), sel]);
      else if (sel.kind === 'InlineFragment') walk(sel.selectionSet);
      else walk(info.fragments[sel.name.value]?.selectionSet);
    }
  };
  sets.forEach(walk);
  return out;
}

/** What the invoices report query asks for: the SQL reads nothing else. */
function reportWants(info: GraphQLResolveInfo): ReportWants {
  const top = selected(info, info.fieldNodes.map((f) => f.selectionSet));
  const nodes = selected(info, (top.get('nodes') ?? []).map((f) => f.selectionSet));
  const order = selected(info, (nodes.get('salesOrder') ?? []).map((f) => f.selectionSet));
  return {
    rows: top.has('nodes') || top.has('pageInfo'),
    totals: top.has('totals') || top.has('totalCount'),
    client: nodes.has('client'),
    project: nodes.has('project'),
    salesOrder: nodes.has('salesOrder'),
    orderFigures: ORDER_FIGURE_FIELDS.some((f) => order.has(f)),
  };
}

/** Reports are SQL over the viewer's organization (reports/*.ts); every signed-in role reads them. */
@Resolver()
export class ReportsResolver {
  @Query(() => InvoicesReport)
  invoicesReport(
    @Ctx() ctx: Context,
    @Arg('filter', () => InvoicesReportFilter, { nullable: true }) filter: InvoicesReportFilter | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Info() info: GraphQLResolveInfo,
  ): Promise<InvoicesReport> {
    return ctx.heavyRead((em) => invoicesReport(em, viewerOf(ctx).organizationId, filter, pageSize(first), after, reportWants(info)));
  }

  @Query(() => BackorderReport)
  backorderReport(@Ctx() ctx: Context, @Arg('filter', () => BackorderReportFilter, { nullable: true }) filter: BackorderReportFilter | null): Promise<BackorderReport> {
    return ctx.heavyRead((em) => backorderReport(em, viewerOf(ctx).organizationId, filter));
  }

  @Query(() => [ProductBacklog])
  orderBacklogByProduct(@Ctx() ctx: Context, @Arg('productId', () => ID, { nullable: true }) productId: string | null): Promise<ProductBacklog[]> {
    return ctx.heavyRead((em) => orderBacklogByProduct(em, viewerOf(ctx).organizationId, productId));
  }

  @Query(() => [ReorderRow])
  inventoryReorderReport(@Ctx() ctx: Context, @Arg('supplierId', () => ID, { nullable: true }) supplierId: string | null): Promise<ReorderRow[]> {
    // On a replica, its loaders read the replica too (one snapshot of stock for the whole report).
    return ctx.heavyRead((em) => inventoryReorderReport(em, em === ctx.em ? ctx.loaders : new Loaders(em, viewerOf(ctx).organizationId), supplierId));
  }

  @Query(() => ReceivablesAging, { description: 'asOf defaults to today' })
  receivablesAging(@Ctx() ctx: Context, @Arg('asOf', () => DateScalar, { nullable: true }) asOf: string | null): Promise<ReceivablesAging> {
    return receivablesAging(ctx.em, viewerOf(ctx).organizationId, asOf);
  }

  @Query(() => BusinessAlerts)
  async businessAlerts(@Ctx() ctx: Context): Promise<BusinessAlerts> {
    const viewer = viewerOf(ctx);
    const conn = ctx.em.getConnection();
    const [reorder, countRows] = await Promise.all([
      inventoryReorderReport(ctx.em, ctx.loaders, null),
      conn.execute<Record<string, string>[]>(
        `select
           (select count(*) from sales_order_figures where organization_id = ? and status not in ('INVOICED', 'CANCELLED') and backordered) as backordered,
           (select count(*) from purchase_order where organization_id = ? and stage not in ('CLOSED', 'CANCELLED') and status in ('PROBLEM', 'FOLLOW_UP')) as problems,
           (${invoicingQueueCountSql()}) as ready,
           (select count(*) from notification where recipient_id = ? and read_at is null) as unread,
           (${OVERDUE_COUNT_SQL}) as overdue,
           (select count(*) from follow_up where assignee_id = ? and not done and due_on < ?::date) as overdue_follow_ups`,
        [viewer.organizationId, viewer.organizationId, viewer.organizationId, viewer.userId, viewer.organizationId, todayUtc(), viewer.userId, todayUtc()],
      ),
    ]);
    const counts = must(countRows[0], 'the counts row');
    return {
      lowStock: reorder.length,
      backorderedOrders: Number(counts.backordered),
      problemPurchaseOrders: Number(counts.problems),
      readyToInvoice: Number(counts.ready),
      unreadNotifications: Number(counts.unread),
      overdueFollowUps: Number(counts.overdue_follow_ups),
      overdueInvoices: Number(counts.overdue),
    };
  }
}
