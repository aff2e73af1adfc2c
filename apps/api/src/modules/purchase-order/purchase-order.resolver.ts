import { nextStages, purchaseOrderCan, PurchaseOrderStage, PurchaseOrderStatus, rolesFor, SalesOrderStatus } from '@baton/domain';
import { Arg, Authorized, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { FollowUpInput } from '../follow-up/follow-up.inputs.js';
import type { Context } from '../../common/context.js';
import { viewerOf } from '../../common/viewer.js';
import { toUserErrors, UserError } from '../../common/errors.js';
import { findById } from '../../common/lookup.js';
import { mutate, mutateList } from '../../common/mutation.js';
import { PageInfo, pageSize } from '../../common/pagination.js';
import { Permission } from '../../common/permission.js';
import { SafeIntScalar } from '../../common/scalars.js';
import { Product } from '../product/product.entity.js';
import { Project } from '../project/project.entity.js';
import { SalesOrderLine } from '../sales-order/sales-order-line.entity.js';
import { SalesOrder } from '../sales-order/sales-order.entity.js';
import { Supplier } from '../supplier/supplier.entity.js';
import { User } from '../user/user.entity.js';
import { productionReport } from './production-report.js';
import { PurchaseOrderLine } from './purchase-order-line.entity.js';
import { PurchaseOrder } from './purchase-order.entity.js';
import { CreatePurchaseOrderInput, FlagPurchaseOrderInput, ProductionReportFilter, ReceivePurchaseOrderInput } from './purchase-order.inputs.js';
import { flagPurchaseOrder } from './flag.service.js';
import { Note } from '../note/note.entity.js';
import {
  createPurchaseOrder,
  createPurchaseOrdersForSalesOrder,
  previewPurchaseOrderStage,
  receivePurchaseOrder,
  setPurchaseOrderStage,
  setPurchaseOrderStatus,
} from './purchase-order.service.js';

@ObjectType()
export class PurchaseOrderPayload {
  @Field(() => PurchaseOrder, { nullable: true })
  purchaseOrder!: PurchaseOrder | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@ObjectType()
export class FlagPurchaseOrderPayload {
  @Field(() => PurchaseOrder, { nullable: true })
  purchaseOrder!: PurchaseOrder | null;

  @Field(() => Note, { nullable: true })
  note!: Note | null;

  @Field(() => SalesOrder, { nullable: true })
  salesOrder!: SalesOrder | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@ObjectType()
export class PurchaseOrdersPayload {
  @Field(() => [PurchaseOrder])
  purchaseOrders!: PurchaseOrder[];

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@ObjectType()
export class PurchaseOrderConnection {
  @Field(() => [PurchaseOrder])
  nodes!: PurchaseOrder[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int)
  totalCount!: number;
}

/** What the viewer may do with a purchase order (the contract's PurchaseOrderCan). */
@ObjectType({ simpleResolvers: true })
export class PurchaseOrderCan {
  @Field(() => Permission, { description: 'some stage is open to the viewer now (nextStages lists which)' }) setStage!: Permission;
  @Field(() => Permission, { description: 'the attention flag' }) setStatus!: Permission;
  @Field(() => Permission) receive!: Permission;
  @Field(() => Permission) cancel!: Permission;
}

@ObjectType({ simpleResolvers: true })
export class PurchaseOrderStagePreviewLine {
  @Field(() => ID) purchaseOrderLineId!: string;
  @Field() description!: string;
  @Field(() => Int, { description: 'units the move receives on this line' }) quantity!: number;
}

/**
 * What setPurchaseOrderStage would do now, from the very decision the mutation runs, or its
 * refusals: nothing is written. The screens confirm a move with it ("This moves PO-1001 to Ready for
 * billing, receives 200 × Classic tee and sets SO-1001 Ready to be invoiced.").
 */
@ObjectType({ simpleResolvers: true })
export class PurchaseOrderStagePreview {
  @Field(() => PurchaseOrder, { nullable: true }) purchaseOrder!: PurchaseOrder | null;
  @Field(() => SalesOrder, { nullable: true, description: 'its sales order, as it is now' }) salesOrder!: SalesOrder | null;
  @Field(() => String, { nullable: true, description: 'the effect in one sentence; null when refused' }) summary!: string | null;
  @Field(() => [PurchaseOrderStagePreviewLine], { description: 'units the move would receive, per line' }) received!: PurchaseOrderStagePreviewLine[];
  @Field(() => SalesOrderStatus, { nullable: true, description: 'the status its sales order would end in; null when unchanged' }) salesOrderStatusAfter!: SalesOrderStatus | null;
  @Field(() => [UserError], { description: 'what the mutation would answer; empty when it would succeed' }) userErrors!: UserError[];
}

const EXPECTED_VERSION = { nullable: true, description: 'the version you saw; a newer one answers CONFLICT' };

@Resolver(() => PurchaseOrder)
export class PurchaseOrderResolver {
  @Authorized()
  @Query(() => PurchaseOrder, { nullable: true })
  purchaseOrder(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<PurchaseOrder | null> {
    return findById(ctx.em, PurchaseOrder, id);
  }

  @Authorized()
  @Query(() => PurchaseOrderConnection)
  productionReport(
    @Ctx() ctx: Context,
    @Arg('filter', () => ProductionReportFilter, { nullable: true }) filter: ProductionReportFilter | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<PurchaseOrderConnection> {
    return productionReport(ctx.em, filter, pageSize(first), after);
  }

  @Authorized(rolesFor('managePurchaseOrders'))
  @Mutation(() => PurchaseOrderPayload)
  createPurchaseOrder(@Ctx() ctx: Context, @Arg('input', () => CreatePurchaseOrderInput) input: CreatePurchaseOrderInput): Promise<PurchaseOrderPayload> {
    return mutate(ctx, 'purchaseOrder', (em) => createPurchaseOrder(em, viewerOf(ctx), input));
  }

  @Authorized(rolesFor('managePurchaseOrders'))
  @Mutation(() => PurchaseOrdersPayload, { description: 'one per supplier of its drop-ship lines' })
  createPurchaseOrdersForSalesOrder(@Ctx() ctx: Context, @Arg('salesOrderId', () => ID) salesOrderId: string): Promise<PurchaseOrdersPayload> {
    return mutateList(ctx, 'purchaseOrders', (em) => createPurchaseOrdersForSalesOrder(em, viewerOf(ctx), salesOrderId));
  }

  @Authorized(rolesFor('managePurchaseOrders'))
  @Query(() => PurchaseOrderStagePreview, { description: 'what setPurchaseOrderStage would do now (units received, the sales order status), or its refusals; nothing is written' })
  async purchaseOrderStagePreview(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('stage', () => PurchaseOrderStage) stage: PurchaseOrderStage,
    @Arg('reason', () => String, { nullable: true }) reason: string | null,
    @Arg('expectedVersion', () => Int, EXPECTED_VERSION) expectedVersion: number | null,
  ): Promise<PurchaseOrderStagePreview> {
    const refused = { purchaseOrder: null, salesOrder: null, summary: null, received: [], salesOrderStatusAfter: null };
    try {
      const { purchaseOrder, salesOrder, decision } = await previewPurchaseOrderStage(ctx.em, id, stage, reason, expectedVersion);
      if (!decision.ok) return { ...refused, purchaseOrder, salesOrder, userErrors: decision.errors };
      return { purchaseOrder, salesOrder, ...decision.value, userErrors: [] };
    } catch (error) {
      const userErrors = toUserErrors(error);
      if (!userErrors) throw error;
      return { ...refused, userErrors };
    }
  }

  @Authorized(rolesFor('managePurchaseOrders'))
  @Mutation(() => PurchaseOrderPayload)
  setPurchaseOrderStage(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('stage', () => PurchaseOrderStage) stage: PurchaseOrderStage,
    @Arg('reason', () => String, { nullable: true }) reason: string | null,
    @Arg('expectedVersion', () => Int, EXPECTED_VERSION) expectedVersion: number | null,
  ): Promise<PurchaseOrderPayload> {
    return mutate(ctx, 'purchaseOrder', (em) => setPurchaseOrderStage(em, viewerOf(ctx), id, stage, reason, expectedVersion));
  }

  @Authorized(rolesFor('managePurchaseOrders'))
  @Mutation(() => PurchaseOrderPayload)
  setPurchaseOrderStatus(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('status', () => PurchaseOrderStatus) status: PurchaseOrderStatus,
    @Arg('followUp', () => FollowUpInput, { nullable: true, description: 'who follows up, by when (with PROBLEM or FOLLOW_UP, on a PO of a project)' }) followUp: FollowUpInput | null,
    @Arg('expectedVersion', () => Int, EXPECTED_VERSION) expectedVersion: number | null,
  ): Promise<PurchaseOrderPayload> {
    return mutate(ctx, 'purchaseOrder', (em) => setPurchaseOrderStatus(em, viewerOf(ctx), id, status, expectedVersion, followUp));
  }

  @Authorized(rolesFor('managePurchaseOrders'))
  @Mutation(() => FlagPurchaseOrderPayload, { description: 'flag a PO, pin a note tagging the reps and release its sales order, all or nothing' })
  async flagPurchaseOrder(@Ctx() ctx: Context, @Arg('input', () => FlagPurchaseOrderInput) input: FlagPurchaseOrderInput): Promise<FlagPurchaseOrderPayload> {
    const { result, userErrors } = await mutate(ctx, 'result', (em) => flagPurchaseOrder(em, viewerOf(ctx), input));
    return { purchaseOrder: result?.purchaseOrder ?? null, note: result?.note ?? null, salesOrder: result?.salesOrder ?? null, userErrors };
  }

  @Authorized(rolesFor('managePurchaseOrders'))
  @Mutation(() => PurchaseOrderPayload)
  receivePurchaseOrder(@Ctx() ctx: Context, @Arg('input', () => ReceivePurchaseOrderInput) input: ReceivePurchaseOrderInput): Promise<PurchaseOrderPayload> {
    return mutate(ctx, 'purchaseOrder', (em) => receivePurchaseOrder(em, viewerOf(ctx), input));
  }

  @FieldResolver(() => Project, { nullable: true })
  project(@Root() po: PurchaseOrder): Promise<Project> | null {
    return po.project ? po.project.loadOrFail() : null;
  }

  @FieldResolver(() => SalesOrder, { nullable: true, description: 'the order whose goods it buys; null for stock replenishment' })
  salesOrder(@Root() po: PurchaseOrder): Promise<SalesOrder> | null {
    return po.salesOrder ? po.salesOrder.loadOrFail() : null;
  }

  @FieldResolver(() => Supplier)
  supplier(@Root() po: PurchaseOrder): Promise<Supplier> {
    return po.supplier.loadOrFail();
  }

  @FieldResolver(() => User, { nullable: true })
  productionRep(@Root() po: PurchaseOrder): Promise<User> | null {
    return po.productionRep ? po.productionRep.loadOrFail() : null;
  }

  @FieldResolver(() => [PurchaseOrderStage], { description: 'what the viewer may move it to now' })
  async nextStages(@Root() po: PurchaseOrder, @Ctx() ctx: Context): Promise<PurchaseOrderStage[]> {
    const lines = (await po.lines.load()).getItems();
    return nextStages({ stage: po.stage, anyReceived: lines.some((l) => l.received > 0) }, viewerOf(ctx).roles);
  }

  @FieldResolver(() => PurchaseOrderCan, { description: 'what the viewer may do with it now, decided by the rules its mutations run' })
  async can(@Root() po: PurchaseOrder, @Ctx() ctx: Context): Promise<PurchaseOrderCan> {
    const lines = (await po.lines.load()).getItems();
    return purchaseOrderCan(
      {
        number: po.number,
        stage: po.stage,
        status: po.status,
        version: po.version,
        hasProject: !!po.project,
        lines: lines.map((l) => ({ id: l.id, productId: l.product.id, quantity: l.quantity, received: l.received, salesOrderLineId: l.salesOrderLine?.id ?? null })),
      },
      viewerOf(ctx).roles,
    );
  }

  @FieldResolver(() => [PurchaseOrderLine])
  async lines(@Root() po: PurchaseOrder): Promise<PurchaseOrderLine[]> {
    return (await po.lines.load()).getItems();
  }

  @FieldResolver(() => SafeIntScalar)
  async totalCents(@Root() po: PurchaseOrder): Promise<number> {
    return (await po.lines.load()).getItems().reduce((sum, l) => sum + l.quantity * l.unitCostCents, 0);
  }
}

@Resolver(() => PurchaseOrderLine)
export class PurchaseOrderLineResolver {
  @FieldResolver(() => Product)
  product(@Root() l: PurchaseOrderLine): Promise<Product> {
    return l.product.loadOrFail();
  }

  @FieldResolver(() => SalesOrderLine, { nullable: true })
  salesOrderLine(@Root() l: PurchaseOrderLine): Promise<SalesOrderLine> | null {
    return l.salesOrderLine ? l.salesOrderLine.loadOrFail() : null;
  }
}
