import { Arg, Ctx, Field, ID, InputType, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { InvoiceKind, InvoiceStatus } from '@baton/domain';
import type { Context } from '../common/context.js';
import { viewerOf } from '../common/viewer.js';
import { must } from '../common/must.js';
import { Loaders } from '../common/loaders.js';
import { pageSize } from '../common/pagination.js';
import { DateScalar } from '../common/scalars.js';
import { InvoicesReport, invoicesReport } from './invoices-report.js';
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
  ): Promise<InvoicesReport> {
    return ctx.heavyRead((em) => invoicesReport(em, viewerOf(ctx).organizationId, filter, pageSize(first), after));
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
           (select count(*) from sales_order where organization_id = ? and status in ('READY_TO_BE_INVOICED', 'SCHEDULED')) as ready,
           (select count(*) from notification where recipient_id = ? and read_at is null) as unread`,
        [viewer.organizationId, viewer.organizationId, viewer.organizationId, viewer.userId],
      ),
    ]);
    const counts = must(countRows[0], 'the counts row');
    return {
      lowStock: reorder.length,
      backorderedOrders: Number(counts.backordered),
      problemPurchaseOrders: Number(counts.problems),
      readyToInvoice: Number(counts.ready),
      unreadNotifications: Number(counts.unread),
    };
  }
}
