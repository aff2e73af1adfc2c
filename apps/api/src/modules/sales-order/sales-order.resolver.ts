import { depositAvailableTo, viewerCan, isCharge, lineQuantities, nextStatuses, orderFigures, orderLineQuantities, rolesFor, salesOrderCan, SalesOrderStatus, statusFactsOf, type LineQuantities } from '@baton/domain';
import { Arg, Authorized, Ctx, Field, FieldResolver, ID, Info, Int, Mutation, ObjectType, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { GraphQLError } from 'graphql';
import type { Context } from '../../common/context.js';
import { viewerOf } from '../../common/viewer.js';
import { forbidden, readThroughOutage, UserError } from '../../common/errors.js';
import { Loaders } from '../../common/loaders.js';
import { pageSize } from '../../common/pagination.js';
import { findById } from '../../common/lookup.js';
import { must } from '../../common/must.js';
import { entityOf, isRow, relatedOf, ROW } from '../../common/rows.js';
import { mutate, mutateList } from '../../common/mutation.js';
import { Permission } from '../../common/permission.js';
import { SafeIntScalar } from '../../common/scalars.js';
import { Client } from '../client/client.entity.js';
import { Invoice } from '../invoice/invoice.entity.js';
import { Product } from '../product/product.entity.js';
import { Project } from '../project/project.entity.js';
import { topics } from '../notification/live.js';
import { PurchaseOrder } from '../purchase-order/purchase-order.entity.js';
import { invoicingQueue } from './invoicing-queue.js';
import { listSalesOrders, SalesOrderConnection, SalesOrderFilter } from './sales-orders-list.js';
import { SalesOrderLine } from './sales-order-line.entity.js';
import { SalesOrder } from './sales-order.entity.js';
import { ChargeLineInput, CreateSalesOrderInput } from './sales-order.inputs.js';
import { freeStock, onPurchaseOrders, ORDER_FIGURE_FIELDS, orderMoney, purchaseOrderSummaries, type OrderFigureFields } from './sales-order.loaders.js';
import { selectionOf } from '../project/project.selection.js';
import { addChargeLine, cancelSalesOrderQuantity, createSalesOrder, scheduleSalesOrders, setSalesOrderStatus } from './sales-order.service.js';

@ObjectType()
export class SalesOrderPayload {
  @Field(() => SalesOrder, { nullable: true })
  salesOrder!: SalesOrder | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@ObjectType()
export class SalesOrdersPayload {
  @Field(() => [SalesOrder])
  salesOrders!: SalesOrder[];

  @Field(() => [UserError])
  userErrors!: UserError[];
}

/** What the viewer may do with a sales order (the contract's SalesOrderCan). */
@ObjectType({ simpleResolvers: true })
export class SalesOrderCan {
  @Field(() => Permission, { description: 'with the ready quantities ("Invoice what is ready")' }) createInvoice!: Permission;
  @Field(() => Permission) requestDeposit!: Permission;
  @Field(() => Permission) addChargeLine!: Permission;
  @Field(() => Permission) cancelQuantity!: Permission;
  @Field(() => Permission) schedule!: Permission;
  @Field(() => Permission, { description: 'something is left to buy on drop-ship lines' }) createPurchaseOrders!: Permission;
}

@ObjectType()
export class InvoicingQueueChange {
  @Field(() => SalesOrder) salesOrder!: SalesOrder;
  @Field({ description: 'false: it left the queue' }) inQueue!: boolean;
}

/** The queue is for the people who may invoice; anyone else is refused (FORBIDDEN), in the rules' words. */
function assertMayInvoice(ctx: Context): void {
  const may = viewerCan(viewerOf(ctx).roles).followInvoicingQueue;
  if (!may.allowed) throw forbidden(may.reason ?? undefined);
}

/** The order's lines through the batched collection load (one query for a whole list of orders). */
async function loadedLines(order: SalesOrder): Promise<SalesOrderLine[]> {
  return (await order.lines.load()).getItems();
}

function numberOr0(value: number | Error | undefined): number {
  if (value instanceof Error) throw value;
  return value ?? 0;
}

async function figuresOf(root: SalesOrder, ctx: Context): Promise<OrderFigureFields> {
  // A read row brings its figures from sales_order_figures (the one definition in SQL, held equal
  // to orderFigures by test/api/reports/figures-views.test.ts); an entity computes them.
  const read = isRow(root) ? root[ROW].figures : undefined;
  if (read) return read as unknown as OrderFigureFields;
  const order = await entityOf(ctx.em, SalesOrder, root);
  const [lines, money] = await Promise.all([loadedLines(order), ctx.loaders.get(orderMoney).load(order.id)]);
  return orderFigures(lines.map((l) => l.state()), order.taxRateBasisPoints, money.documents);
}

/** Its invoices of one kind, from the batched collection load. */
async function invoicesOf(order: SalesOrder, kind: Invoice['kind']): Promise<Invoice[]> {
  return (await order.invoices.load()).getItems().filter((i) => i.kind === kind);
}

/** A line's quantities: a goods line's are its own; a charge's readiness reads its order's goods. */
async function quantitiesOf(l: SalesOrderLine): Promise<LineQuantities> {
  if (!isCharge(l.kind)) return lineQuantities(l.state());
  const siblings = await loadedLines(await l.salesOrder.loadOrFail());
  const states = siblings.map((s) => s.state());
  const at = states.findIndex((s) => s.id === l.id);
  return orderLineQuantities(states)[at] ?? lineQuantities(l.state());
}

@Resolver(() => SalesOrder)
export class SalesOrderResolver {
  @Authorized()
  @Query(() => SalesOrder, { nullable: true })
  salesOrder(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<SalesOrder | null> {
    return findById(ctx.em, SalesOrder, id);
  }

  @Authorized()
  @Query(() => SalesOrderConnection, { description: 'newest order date first, then number descending; totals over every matching order' })
  salesOrders(
    @Ctx() ctx: Context,
    @Arg('filter', () => SalesOrderFilter, { nullable: true }) filter: SalesOrderFilter | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Info() info: GraphQLResolveInfo,
  ): Promise<SalesOrderConnection> {
    const nodes = selectionOf(info).get('nodes')?.fields ?? new Map();
    const wants = { client: nodes.has('client'), project: nodes.has('project'), figures: ORDER_FIGURE_FIELDS.some((f) => nodes.has(f)) };
    return listSalesOrders(ctx.em, viewerOf(ctx).organizationId, filter, pageSize(first), after, wants);
  }

  @Authorized()
  @Query(() => [SalesOrder], { description: 'open orders READY_TO_BE_INVOICED, with goods ready to invoice, or with only ready charges left; oldest first' })
  invoicingQueue(@Ctx() ctx: Context): Promise<SalesOrder[]> {
    return invoicingQueue(ctx.em, viewerOf(ctx).organizationId);
  }

  @Subscription(() => InvoicingQueueChange, {
    description: 'an order entered, changed in or left the queue; for viewers who may invoice (others: FORBIDDEN)',
    subscribe: ({ context }) => {
      const ctx = context as Context;
      assertMayInvoice(ctx);
      return ctx.live.subscribe(topics.invoicingQueue(viewerOf(ctx).organizationId));
    },
  })
  async invoicingQueueChanged(@Root() change: string, @Ctx() ctx: Context): Promise<InvoicingQueueChange> {
    const [id, inQueue] = change.split(':');
    const em = ctx.em.fork();
    // Each change reads the order afresh: the subscription's context outlives any one event.
    ctx.loaders = new Loaders(em, viewerOf(ctx).organizationId);
    const salesOrder = await readThroughOutage(() => em.findOne(SalesOrder, { id }));
    if (!salesOrder) throw new GraphQLError('That sales order is gone.', { extensions: { code: 'NOT_FOUND' } });
    return { salesOrder, inQueue: inQueue === '1' };
  }

  @Authorized(rolesFor('manageSalesOrders'))
  @Mutation(() => SalesOrderPayload)
  createSalesOrder(@Ctx() ctx: Context, @Arg('input', () => CreateSalesOrderInput) input: CreateSalesOrderInput): Promise<SalesOrderPayload> {
    return mutate(ctx, 'salesOrder', (em) => createSalesOrder(em, viewerOf(ctx), input));
  }

  @Authorized(rolesFor('chargeLines'))
  @Mutation(() => SalesOrderPayload, { description: 'on an open, unlocked order' })
  addChargeLine(
    @Ctx() ctx: Context,
    @Arg('salesOrderId', () => ID) salesOrderId: string,
    @Arg('input', () => ChargeLineInput) input: ChargeLineInput,
  ): Promise<SalesOrderPayload> {
    return mutate(ctx, 'salesOrder', (em) => addChargeLine(em, viewerOf(ctx), salesOrderId, input));
  }

  @Authorized(rolesFor('setSalesOrderStatus'))
  @Mutation(() => SalesOrderPayload)
  setSalesOrderStatus(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('status', () => SalesOrderStatus) status: SalesOrderStatus,
    @Arg('reason', () => String, { nullable: true }) reason: string | null,
    @Arg('expectedVersion', () => Int, { nullable: true, description: 'the version you saw; a newer one answers CONFLICT' }) expectedVersion: number | null,
  ): Promise<SalesOrderPayload> {
    return mutate(ctx, 'salesOrder', (em) => setSalesOrderStatus(em, viewerOf(ctx), id, status, reason, expectedVersion));
  }

  @Authorized(rolesFor('schedule'))
  @Mutation(() => SalesOrderPayload, { description: 'allocate on-hand stock to its lines' })
  async scheduleSalesOrder(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<SalesOrderPayload> {
    return mutate(ctx, 'salesOrder', async (em) => must((await scheduleSalesOrders(em, viewerOf(ctx), [id], true))[0], 'the one order scheduled'));
  }

  @Authorized(rolesFor('schedule'))
  @Mutation(() => SalesOrdersPayload, { description: 'several, served in the order given' })
  scheduleSalesOrders(@Ctx() ctx: Context, @Arg('ids', () => [ID]) ids: string[]): Promise<SalesOrdersPayload> {
    return mutateList(ctx, 'salesOrders', (em) => scheduleSalesOrders(em, viewerOf(ctx), ids, false));
  }

  @Authorized(rolesFor('cancelQuantity'))
  @Mutation(() => SalesOrderPayload)
  cancelSalesOrderQuantity(
    @Ctx() ctx: Context,
    @Arg('lineId', () => ID) lineId: string,
    @Arg('quantity', () => Int) quantity: number,
    @Arg('reason') reason: string,
  ): Promise<SalesOrderPayload> {
    return mutate(ctx, 'salesOrder', (em) => cancelSalesOrderQuantity(em, viewerOf(ctx), lineId, quantity, reason));
  }

  @FieldResolver(() => Project)
  project(@Root() o: SalesOrder, @Ctx() ctx: Context): Promise<Project> | Project {
    return isRow(o) ? (relatedOf(ctx.em, o, 'project', Project) as Promise<Project> | Project) : o.project.loadOrFail();
  }

  @FieldResolver(() => Client)
  client(@Root() o: SalesOrder, @Ctx() ctx: Context): Promise<Client> | Client {
    return isRow(o) ? (relatedOf(ctx.em, o, 'client', Client) as Promise<Client> | Client) : o.client.loadOrFail();
  }

  @FieldResolver(() => [SalesOrderStatus], { description: 'what the viewer may set it to now' })
  async nextStatuses(@Root() root: SalesOrder, @Ctx() ctx: Context): Promise<SalesOrderStatus[]> {
    const o = await entityOf(ctx.em, SalesOrder, root);
    const [lines, pos] = await Promise.all([loadedLines(o), ctx.loaders.get(purchaseOrderSummaries).load(o.id)]);
    // A locked order is INVOICED, for which nextStatuses offers nothing.
    return nextStatuses(statusFactsOf(o.status, lines.map((l) => l.state()), pos.anySubmitted), viewerOf(ctx).roles);
  }

  @FieldResolver(() => SalesOrderCan, { description: 'what the viewer may do with it now, decided by the rules its mutations run' })
  async can(@Root() root: SalesOrder, @Ctx() ctx: Context): Promise<SalesOrderCan> {
    const o = await entityOf(ctx.em, SalesOrder, root);
    const lines = (await loadedLines(o)).map((l) => l.state());
    const products = [...new Set(lines.flatMap((l) => (l.inventoried && l.productId ? [l.productId] : [])))];
    const dropShip = lines.filter((l) => !l.inventoried && l.productId).map((l) => l.id);
    const [free, bought, money] = await Promise.all([
      ctx.loaders.get(freeStock).loadMany(products),
      ctx.loaders.get(onPurchaseOrders).loadMany(dropShip),
      ctx.loaders.get(orderMoney).load(o.id),
    ]);
    const freeById = new Map(products.map((id, i) => [id, numberOr0(free[i])]));
    const boughtById = new Map(dropShip.map((id, i) => [id, numberOr0(bought[i])]));
    const facts = { number: o.number, status: o.status, locked: o.locked, lines, taxRateBasisPoints: o.taxRateBasisPoints, ...money };
    return salesOrderCan(facts, viewerOf(ctx).roles, {
      free: (id) => freeById.get(id) ?? 0,
      onPurchaseOrders: (id) => boughtById.get(id) ?? 0,
    });
  }

  @FieldResolver(() => [SalesOrderLine])
  async lines(@Root() o: SalesOrder, @Ctx() ctx: Context): Promise<SalesOrderLine[]> {
    return loadedLines(await entityOf(ctx.em, SalesOrder, o));
  }

  @FieldResolver(() => [PurchaseOrder])
  async purchaseOrders(@Root() o: SalesOrder, @Ctx() ctx: Context): Promise<PurchaseOrder[]> {
    return (await (await entityOf(ctx.em, SalesOrder, o)).purchaseOrders.load()).getItems();
  }

  @FieldResolver(() => [Invoice], { description: 'its standard invoices' })
  async invoices(@Root() o: SalesOrder, @Ctx() ctx: Context): Promise<Invoice[]> {
    return invoicesOf(await entityOf(ctx.em, SalesOrder, o), 'STANDARD');
  }

  @FieldResolver(() => [Invoice], { description: 'its deposit invoices' })
  async deposits(@Root() o: SalesOrder, @Ctx() ctx: Context): Promise<Invoice[]> {
    return invoicesOf(await entityOf(ctx.em, SalesOrder, o), 'DEPOSIT');
  }

  @FieldResolver(() => [Invoice])
  async creditMemos(@Root() o: SalesOrder, @Ctx() ctx: Context): Promise<Invoice[]> {
    return invoicesOf(await entityOf(ctx.em, SalesOrder, o), 'CREDIT_MEMO');
  }

  @FieldResolver(() => SafeIntScalar, { description: 'paid on its deposits, less refunded' })
  async depositPaidCents(@Root() o: SalesOrder, @Ctx() ctx: Context): Promise<number> {
    return (await ctx.loaders.get(orderMoney).load(o.id)).deposits.paidCents;
  }

  @FieldResolver(() => SafeIntScalar, { description: 'paid deposits not yet applied to its standard invoices' })
  async depositAvailableCents(@Root() o: SalesOrder, @Ctx() ctx: Context): Promise<number> {
    return depositAvailableTo((await ctx.loaders.get(orderMoney).load(o.id)).deposits, 0);
  }

  @FieldResolver(() => SafeIntScalar, { description: 'invoicedCents + remainingCents' })
  async totalCents(@Root() o: SalesOrder, @Ctx() ctx: Context): Promise<number> {
    return (await figuresOf(o, ctx)).totalCents;
  }

  @FieldResolver(() => SafeIntScalar, { description: 'totals of its live standard invoices (open ones included) plus its credit memos (negative); deposits excluded' })
  async invoicedCents(@Root() o: SalesOrder, @Ctx() ctx: Context): Promise<number> {
    return (await figuresOf(o, ctx)).invoicedCents;
  }

  @FieldResolver(() => SafeIntScalar, { description: 'Σ its line totals, before tax' })
  async subtotalCents(@Root() o: SalesOrder, @Ctx() ctx: Context): Promise<number> {
    return (await figuresOf(o, ctx)).subtotalCents;
  }

  @FieldResolver(() => SafeIntScalar, { description: 'round(taxable part of subtotalCents × rate), half up' })
  async taxCents(@Root() o: SalesOrder, @Ctx() ctx: Context): Promise<number> {
    return (await figuresOf(o, ctx)).taxCents;
  }

  @FieldResolver(() => SafeIntScalar, { description: 'value of the remaining quantities plus their tax: the balance still to invoice' })
  async remainingCents(@Root() o: SalesOrder, @Ctx() ctx: Context): Promise<number> {
    return (await figuresOf(o, ctx)).remainingCents;
  }

  @FieldResolver(() => SafeIntScalar, { description: 'what an invoice of the ready quantities would total now, tax included' })
  async readyToInvoiceCents(@Root() o: SalesOrder, @Ctx() ctx: Context): Promise<number> {
    return (await figuresOf(o, ctx)).readyToInvoiceCents;
  }

  @FieldResolver(() => Boolean, { description: 'partly fulfilled and some line still waits for goods' })
  async backordered(@Root() o: SalesOrder, @Ctx() ctx: Context): Promise<boolean> {
    return (await figuresOf(o, ctx)).backordered;
  }
}

@Resolver(() => SalesOrderLine)
export class SalesOrderLineResolver {
  @FieldResolver(() => SalesOrder, { description: 'the order this line belongs to (reports list lines of many orders)' })
  salesOrder(@Root() l: SalesOrderLine): Promise<SalesOrder> {
    return l.salesOrder.loadOrFail();
  }

  @FieldResolver(() => Product, { nullable: true })
  product(@Root() l: SalesOrderLine): Promise<Product | null> | null {
    return l.product ? l.product.loadOrFail() : null;
  }

  @FieldResolver(() => SafeIntScalar, { description: '(quantity − cancelled) × unitPriceCents, before tax' })
  totalCents(@Root() l: SalesOrderLine): number {
    return (l.quantity - l.cancelled) * l.unitPriceCents;
  }

  @FieldResolver(() => Int, { description: 'on invoices that are not void' })
  async invoiced(@Root() l: SalesOrderLine): Promise<number> {
    return (await quantitiesOf(l)).invoiced;
  }

  @FieldResolver(() => Int, { description: 'quantity − cancelled − invoiced' })
  async remaining(@Root() l: SalesOrderLine): Promise<number> {
    return (await quantitiesOf(l)).remaining;
  }

  @FieldResolver(() => Int, { description: 'stock allocated to this line and not yet invoiced' })
  async scheduled(@Root() l: SalesOrderLine): Promise<number> {
    return (await quantitiesOf(l)).scheduled;
  }

  @FieldResolver(() => Int, { description: 'delivered to the client so far' })
  async shipped(@Root() l: SalesOrderLine): Promise<number> {
    return (await quantitiesOf(l)).shipped;
  }

  @FieldResolver(() => Int, { description: 'part of remaining whose goods are in hand or shipped' })
  async readyToInvoice(@Root() l: SalesOrderLine): Promise<number> {
    return (await quantitiesOf(l)).readyToInvoice;
  }

  @FieldResolver(() => Int, { description: 'remaining − readyToInvoice: waiting for goods' })
  async backordered(@Root() l: SalesOrderLine): Promise<number> {
    return (await quantitiesOf(l)).backordered;
  }
}
