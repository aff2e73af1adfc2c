import { followUpCan, isFollowUpOverdue, todayUtc } from '@baton/domain';
import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context.js';
import { UserError } from '../../common/errors.js';
import { mutate } from '../../common/mutation.js';
import { PageInfo, pageSize } from '../../common/pagination.js';
import { Permission } from '../../common/permission.js';
import { viewerOf } from '../../common/viewer.js';
import { Invoice } from '../invoice/invoice.entity.js';
import { Project } from '../project/project.entity.js';
import { PurchaseOrder } from '../purchase-order/purchase-order.entity.js';
import { SalesOrder } from '../sales-order/sales-order.entity.js';
import { User } from '../user/user.entity.js';
import { FollowUp } from './follow-up.entity.js';
import { CreateFollowUpInput } from './follow-up.inputs.js';
import { followUpsOn } from './follow-up.loaders.js';
import { completeFollowUp, createFollowUp, listFollowUps } from './follow-up.service.js';

@ObjectType()
export class FollowUpPayload {
  @Field(() => FollowUp, { nullable: true })
  followUp!: FollowUp | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

/** What the viewer may do with a follow-up (the contract's FollowUpCan). */
@ObjectType({ simpleResolvers: true })
export class FollowUpCan {
  @Field(() => Permission) complete!: Permission;
}

@ObjectType()
export class FollowUpConnection {
  @Field(() => [FollowUp]) nodes!: FollowUp[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}

const facts = (f: FollowUp) => ({ assigneeId: f.assignee.id, createdById: f.createdBy.id, done: f.done, dueOn: f.dueOn });

/** Follow-ups (DOMAIN.md, "Follow-ups"): everybody creates; the assignee, the creator or an ADMIN completes. */
@Resolver(() => FollowUp)
export class FollowUpResolver {
  @Query(() => FollowUpConnection, { description: "default: the viewer's; open before done, overdue first, then by due date" })
  followUps(
    @Ctx() ctx: Context,
    @Arg('assigneeId', () => ID, { nullable: true }) assigneeId: string | null,
    @Arg('includeDone', () => Boolean, { nullable: true, defaultValue: false }) includeDone: boolean,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<FollowUpConnection> {
    return listFollowUps(ctx.em, viewerOf(ctx), assigneeId, includeDone ?? false, pageSize(first), after);
  }

  @Mutation(() => FollowUpPayload)
  createFollowUp(@Ctx() ctx: Context, @Arg('input', () => CreateFollowUpInput) input: CreateFollowUpInput): Promise<FollowUpPayload> {
    return mutate(ctx, 'followUp', (em) => createFollowUp(em, viewerOf(ctx), input));
  }

  @Mutation(() => FollowUpPayload)
  completeFollowUp(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<FollowUpPayload> {
    return mutate(ctx, 'followUp', (em) => completeFollowUp(em, viewerOf(ctx), id));
  }

  @FieldResolver(() => FollowUpCan, { description: 'what the viewer may do with it' })
  can(@Root() f: FollowUp, @Ctx() ctx: Context): FollowUpCan {
    return followUpCan(facts(f), viewerOf(ctx));
  }

  @FieldResolver(() => Boolean, { description: 'not done and due before today' })
  overdue(@Root() f: FollowUp): boolean {
    return isFollowUpOverdue(f, todayUtc());
  }

  @FieldResolver(() => Project)
  project(@Root() f: FollowUp): Promise<Project> {
    return f.project.loadOrFail();
  }

  @FieldResolver(() => PurchaseOrder, { nullable: true })
  purchaseOrder(@Root() f: FollowUp): Promise<PurchaseOrder> | null {
    return f.purchaseOrder ? f.purchaseOrder.loadOrFail() : null;
  }

  @FieldResolver(() => SalesOrder, { nullable: true })
  salesOrder(@Root() f: FollowUp): Promise<SalesOrder> | null {
    return f.salesOrder ? f.salesOrder.loadOrFail() : null;
  }

  @FieldResolver(() => Invoice, { nullable: true })
  invoice(@Root() f: FollowUp): Promise<Invoice> | null {
    return f.invoice ? f.invoice.loadOrFail() : null;
  }

  @FieldResolver(() => User)
  assignee(@Root() f: FollowUp): Promise<User> {
    return f.assignee.loadOrFail();
  }

  @FieldResolver(() => User)
  createdBy(@Root() f: FollowUp): Promise<User> {
    return f.createdBy.loadOrFail();
  }

  @FieldResolver(() => User, { nullable: true })
  doneBy(@Root() f: FollowUp): Promise<User> | null {
    return f.doneBy ? f.doneBy.loadOrFail() : null;
  }
}

const openOnly = (rows: FollowUp[], includeDone: boolean | null) => (includeDone ? rows : rows.filter((f) => !f.done));

@Resolver(() => Project)
export class ProjectFollowUpsResolver {
  @FieldResolver(() => [FollowUp], { description: 'open ones overdue first, then by due date' })
  async followUps(@Root() p: Project, @Ctx() ctx: Context, @Arg('includeDone', () => Boolean, { nullable: true, defaultValue: false }) includeDone: boolean): Promise<FollowUp[]> {
    return openOnly(await ctx.loaders.get(followUpsOn).project.load(p.id), includeDone);
  }
}

@Resolver(() => SalesOrder)
export class SalesOrderFollowUpsResolver {
  @FieldResolver(() => [FollowUp])
  async followUps(@Root() so: SalesOrder, @Ctx() ctx: Context, @Arg('includeDone', () => Boolean, { nullable: true, defaultValue: false }) includeDone: boolean): Promise<FollowUp[]> {
    return openOnly(await ctx.loaders.get(followUpsOn).salesOrder.load(so.id), includeDone);
  }
}

@Resolver(() => PurchaseOrder)
export class PurchaseOrderFollowUpsResolver {
  @FieldResolver(() => [FollowUp])
  async followUps(@Root() po: PurchaseOrder, @Ctx() ctx: Context, @Arg('includeDone', () => Boolean, { nullable: true, defaultValue: false }) includeDone: boolean): Promise<FollowUp[]> {
    return openOnly(await ctx.loaders.get(followUpsOn).purchaseOrder.load(po.id), includeDone);
  }
}
